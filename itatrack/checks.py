"""Start-up checks: what the service must not run without, said in Thai and English.

Django runs these before the server and before every management command (the worker, the
daily reminders); the WSGI entry point runs them too, since gunicorn does not.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

SITE_URL_MISSING = (
    "ยังไม่ได้ตั้งค่า SITE_URL (ที่อยู่เว็บไซต์ของระบบ เช่น https://ita.example.go.th): "
    "ลิงก์ในอีเมลแจ้งเตือนและ QR บนเอกสาร PDF จะชี้ไปที่ {default} ซึ่งผู้รับเปิดไม่ได้ / "
    "SITE_URL is not set: links in e-mails and the QR code on PDFs would point to {default}, "
    "which nobody else can open."
)
SITE_URL_HINT = (
    "ตั้ง SITE_URL=https://<ที่อยู่ของระบบ> แล้วเริ่มใหม่ / Set SITE_URL=https://<your address> and restart."
)


def site_url_problem() -> str | None:
    """Why the service must not start, or None. In development (DEBUG) the default serves."""
    if settings.DEBUG or getattr(settings, "SITE_URL_GIVEN", True):
        return None
    return SITE_URL_MISSING.format(default=settings.SITE_URL)


@checks.register(checks.Tags.compatibility)
def check_site_url(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    problem = site_url_problem()
    if problem is None:
        return []
    return [checks.Error(problem, hint=SITE_URL_HINT, id="itatrack.E010")]


def require_site_url() -> None:
    """For the WSGI entry point: refuse to serve, with the same words."""
    problem = site_url_problem()
    if problem is not None:
        raise ImproperlyConfigured(f"{problem} {SITE_URL_HINT}")

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "บันทึกข้อความและรายงาน"

    def ready(self) -> None:
        from itatrack.history import track
        from itatrack.views.media import MEDIA_ACCESS
        from reports.models import ApprovalStep, Memo, MemoSection, RouteStep, RouteTemplate

        for model in (Memo, MemoSection, RouteStep, RouteTemplate, ApprovalStep):
            track(model)
        MEDIA_ACCESS["memos"] = _memo_pdf_readable


def _memo_pdf_readable(user: AbstractBaseUser, name: str) -> bool:
    from itatrack.models import Organization
    from reports.models import Memo

    return Memo.objects.filter(
        pdf=name, organization__in=Organization.objects.for_user(user)
    ).exists()

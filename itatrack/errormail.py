"""Errors reach the people who run the service: a logging handler that puts each error into the
outbox (mail to ADMINS and the site's superusers), once per kind of error per quarter hour.

Django's own AdminEmailHandler talks to the mail server inside the failing request; through the
outbox the request does not wait, and a mail server that is down is retried by the worker. When
the database itself is what failed, the mail cannot be queued, and Django's direct mail is tried.
"""

from __future__ import annotations

import hashlib
import logging
import traceback

from django.conf import settings
from django.core.cache import cache
from django.core.mail import mail_admins

THROTTLE_SECONDS = 15 * 60
MAX_BODY = 20_000
log = logging.getLogger(__name__)  # not handled by OutboxAdminHandler: no loop


def admin_recipients() -> list[str]:
    """ADMINS (from the environment) and every active superuser with an address; ADMINS alone
    when the database does not answer."""
    addresses = [address for _name, address in settings.ADMINS]
    try:
        from django.contrib.auth.models import User

        addresses += list(
            User.objects.filter(is_superuser=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    except Exception:  # the database may be the error being reported
        pass
    return list(dict.fromkeys(addresses))


class OutboxAdminHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._send(record)
        except Exception:  # a logging handler must never raise into the request
            log.warning("could not send the error mail", exc_info=True)

    def _send(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        key = "errormail:" + hashlib.sha256(f"{record.name}:{message[:200]}".encode()).hexdigest()
        if not cache.add(key, 1, THROTTLE_SECONDS):
            return  # the same error was mailed within the quarter hour
        subject = f"[itatrack] {record.levelname}: {message}"
        body = message
        if record.exc_info:
            body += "\n\n" + "".join(traceback.format_exception(*record.exc_info))
        request = getattr(record, "request", None)
        if request is not None:
            user = getattr(request, "user", None)
            body += f"\n\n{request.method} {request.get_full_path()}\nuser: {user}"
        body = body[:MAX_BODY]
        recipients = admin_recipients()
        if not recipients:
            return
        try:
            from itatrack import mail

            mail.queue(subject, body, recipients, kind="error.admin")
        except Exception:
            mail_admins(" ".join(subject.split())[:200], body)

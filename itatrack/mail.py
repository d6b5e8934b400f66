"""Mail goes through an outbox: `queue()` writes a row (and the task that delivers it) in the
transaction of the change it reports; the background worker sends it, and retries with growing
pauses while the mail server is down. A request never waits for, nor fails because of, mail.

Every subject is made a single safe line here, in one place: a subject comes from people's text
(a memo's เรื่อง, a measure's title, a body's name), and a line break in it makes Django refuse
the header (BadHeaderError).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django_tasks import task

from itatrack.models import Organization, OutgoingMail
from itatrack.thai import shorten

log = logging.getLogger(__name__)
MAX_SUBJECT = 200
# Pauses before the 2nd, 3rd, … attempt: a mail server down for a working day is waited out.
RETRY_AFTER = [
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=6),
    dt.timedelta(hours=12),
]


# Backends that only print or drop mail: nobody receives what is sent through them.
NOT_DELIVERING = ("console", "dummy", "filebased")


def delivers() -> bool:
    """Whether mail reaches people (an SMTP server, or a test's outbox)."""
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2] if "." in settings.EMAIL_BACKEND else ""
    return backend not in NOT_DELIVERING


def safe_subject(text: str) -> str:
    """One line: every run of whitespace (line breaks included) becomes one space; a long one
    is cut at a word boundary (a Thai syllable cut in half reads as another word)."""
    line = " ".join(str(text).split())
    return line if len(line) <= MAX_SUBJECT else shorten(line, MAX_SUBJECT)


def queue(
    subject: str,
    body: str,
    to: list[str],
    *,
    kind: str,
    organization: Organization | None = None,
    target: models.Model | None = None,
) -> OutgoingMail | None:
    """Called inside the change's transaction: a rollback takes the mail with it."""
    to = [address for address in to if address]
    if not to:
        return None
    outgoing = OutgoingMail.objects.create(
        organization=organization,
        kind=kind,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target.pk if target is not None else None,
        to=",".join(to),
        subject=safe_subject(subject),
        body=body,
    )
    deliver_mail.enqueue(outgoing.pk)
    return outgoing


def requeue(outgoing: OutgoingMail) -> None:
    """Send again from the first attempt (an admin's resend)."""
    OutgoingMail.objects.filter(pk=outgoing.pk).update(
        state=OutgoingMail.State.QUEUED, attempts=0, next_attempt_at=None
    )
    deliver_mail.enqueue(outgoing.pk)


@task()
def deliver_mail(outgoing_pk: int) -> str:
    """Run by the worker. Sends once: a mail already sent (a resend racing a retry) is left."""
    with transaction.atomic():
        outgoing = OutgoingMail.objects.select_for_update().filter(pk=outgoing_pk).first()
        if outgoing is None or outgoing.state != OutgoingMail.State.QUEUED:
            return "nothing to do"
        attempt = outgoing.attempts + 1
        OutgoingMail.objects.filter(pk=outgoing_pk).update(attempts=attempt)
    # Sent with no lock held: the SMTP conversation may take seconds.
    try:
        send_mail(outgoing.subject, outgoing.body, None, outgoing.recipients)
    except Exception as exc:  # any failure of the mail server or its connection
        reason = f"{type(exc).__name__}: {exc}"[:500]
        log.warning("mail %s attempt %s failed: %s", outgoing_pk, attempt, reason)
        if attempt <= len(RETRY_AFTER):
            when = timezone.now() + RETRY_AFTER[attempt - 1]
            OutgoingMail.objects.filter(pk=outgoing_pk).update(
                last_error=reason, next_attempt_at=when
            )
            deliver_mail.using(run_after=when).enqueue(outgoing_pk)
            return "retry"
        OutgoingMail.objects.filter(pk=outgoing_pk).update(
            state=OutgoingMail.State.FAILED, last_error=reason, next_attempt_at=None
        )
        return "failed"
    OutgoingMail.objects.filter(pk=outgoing_pk).update(
        state=OutgoingMail.State.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    return "sent"

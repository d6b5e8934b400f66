"""Daily reminders to approvers about memos waiting for their decision: after
REMINDER_DECISION_DAYS, and again each week it still waits. To the approver; failing an
address, the body's admins. Each is sent once (DecisionReminderSent); the row and the mail
commit together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from itatrack import mail
from itatrack.reminders import emails_of, send_once
from itatrack.thai import thai_date, to_thai_digits
from reports.models import ApprovalStep, DecisionReminderSent, Memo


@dataclass
class Event:
    step: ApprovalStep
    kind: str
    key: str
    detail: str

    def describe(self) -> str:
        memo = self.step.memo
        return f"decision_{self.kind}\t{memo.organization.slug}\t{memo.pk}\t{memo.number_text}"


def events(today: dt.date) -> list[Event]:
    steps = (
        ApprovalStep.objects.current()
        .filter(memo__status=Memo.Status.SUBMITTED, started_at__isnull=False)
        .select_related("memo__organization", "member__user")
    )
    found = []
    for step in steps:
        if step.started_at is None:  # filtered out above; said again for the type checker
            continue
        since = timezone.localdate(step.started_at)
        waited = (today - since).days
        if waited < settings.REMINDER_DECISION_DAYS:
            continue
        detail = _("รอการพิจารณาของท่านมา %(n)s วัน (เสนอถึงท่านเมื่อ %(date)s)") % {
            "n": to_thai_digits(waited),
            "date": thai_date(since),
        }
        key = f"week-{waited // 7}"
        found.append(Event(step, DecisionReminderSent.Kind.WAITING, key, detail))
    return found


def send(today: dt.date, *, dry_run: bool = False) -> list[Event]:
    return send_once(
        events(today),
        log=DecisionReminderSent,
        about=lambda event: {"step": event.step},
        recipients=lambda event: emails_of(event.step.memo.organization, [event.step.member], []),
        mail=_mail,
        dry_run=dry_run,
    )


def _mail(event: Event, to: list[str]) -> None:
    memo = event.step.memo
    subject = _("บันทึกข้อความรอการพิจารณาของท่าน: ที่ %(number)s %(subject)s") % {
        "number": memo.number_text,
        "subject": memo.subject[:60],
    }
    body = render_to_string(
        "reports/email/decision_reminder.txt",
        {"event": event, "memo": memo, "org": memo.organization, "site_url": settings.SITE_URL},
    )
    mail.queue(
        subject,
        body,
        to,
        kind="reminder.decision",
        organization=memo.organization,
        target=memo,
    )

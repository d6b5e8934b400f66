"""Daily reminders to approvers about memos waiting for their decision: after
REMINDER_DECISION_DAYS, and again each week it still waits. To the approver; failing an
address, the body's admins, as lines of the daily digest (itatrack.reminders). Each is sent
once (DecisionReminderSent)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from itatrack.reminders import Reminder, people_of
from itatrack.thai import shorten, thai_date, to_thai_digits
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


def due(today: dt.date) -> list[Reminder]:
    """The day's waiting memos as lines of the approvers' digests (failing an address, the
    body's admins)."""
    found = []
    for event in events(today):
        memo = event.step.memo
        org = memo.organization
        found.append(
            Reminder(
                organization=org,
                log=DecisionReminderSent,
                about={"step": event.step},
                kind=event.kind,
                key=event.key,
                people=people_of(org, [event.step.member], []),
                heading=_("บันทึกข้อความรอการพิจารณาของท่าน"),
                title=_("ที่ %(number)s เรื่อง %(subject)s")
                % {"number": memo.number_text or "—", "subject": shorten(memo.subject, 90)},
                detail=event.detail,
                path=reverse("memo_detail", args=[org.slug, memo.pk]),
            )
        )
    return found

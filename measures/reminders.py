"""Daily reminders to measure owners: due soon, overdue, or no follow-up for a while.

Each event is sent once: a ReminderSent row is written with it, keyed by what the event is
about (the end date, or the date of the last report), so a new event only comes when that
changes. The row and the e-mail commit together; a failed send is retried the next day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from itatrack import mail
from itatrack.reminders import emails_of, send_once
from itatrack.thai import thai_date, to_thai_digits
from measures.models import Measure, ReminderSent


@dataclass
class Event:
    measure: Measure
    kind: str
    key: str
    detail: str

    def describe(self) -> str:
        measure = self.measure
        return f"{self.kind}\t{measure.plan.organization.slug}\t{measure.pk}\t{measure.title[:60]}"


def events(today: dt.date) -> list[Event]:
    due_days, stale_days = settings.REMINDER_DUE_SOON_DAYS, settings.REMINDER_STALE_DAYS
    found = []
    measures = (
        Measure.objects.open()
        .filter(end_date__isnull=False)
        .select_related("plan__organization")
        .annotate(last_report=Max("follow_ups__date"))
    )
    for measure in measures:
        end = measure.end_date
        if end is None:  # filtered out above; said again for the type checker
            continue
        if end < today:
            found.append(
                Event(
                    measure,
                    ReminderSent.Kind.OVERDUE,
                    end.isoformat(),
                    _("เลยกำหนดมาแล้ว %(n)s วัน (ครบกำหนด %(date)s)")
                    % {"n": to_thai_digits((today - end).days), "date": thai_date(end)},
                )
            )
        elif end <= today + dt.timedelta(days=due_days):
            found.append(
                Event(
                    measure,
                    ReminderSent.Kind.DUE_SOON,
                    end.isoformat(),
                    _("จะครบกำหนดในอีก %(n)s วัน (%(date)s)")
                    % {"n": to_thai_digits((end - today).days), "date": thai_date(end)},
                )
            )
        started = measure.start_date or measure.plan.bounds[0]
        last = getattr(measure, "last_report", None) or started  # annotated above
        if started <= today and last <= today - dt.timedelta(days=stale_days):
            found.append(
                Event(
                    measure,
                    ReminderSent.Kind.STALE,
                    last.isoformat(),
                    _("ยังไม่มีการรายงานผลตั้งแต่ %(date)s") % {"date": thai_date(last)},
                )
            )
    return found


def recipients(measure: Measure) -> list[str]:
    """The named owners; failing them the departments' members; failing them the admins."""
    return emails_of(
        measure.plan.organization,
        measure.owners.filter(is_active=True).select_related("user"),
        measure.departments.all(),
    )


def send(today: dt.date, *, dry_run: bool = False) -> list[Event]:
    """Send every event not sent before; return those sent (or that would be)."""
    return send_once(
        events(today),
        log=ReminderSent,
        about=lambda event: {"measure": event.measure},
        recipients=lambda event: recipients(event.measure),
        mail=_mail,
        dry_run=dry_run,
    )


def _mail(event: Event, to: list[str]) -> None:
    measure = event.measure
    subjects: dict[str, str] = {
        ReminderSent.Kind.DUE_SOON: _("มาตรการใกล้ครบกำหนด: %(title)s"),
        ReminderSent.Kind.OVERDUE: _("มาตรการเลยกำหนด: %(title)s"),
        ReminderSent.Kind.STALE: _("มาตรการยังไม่มีการรายงานผล: %(title)s"),
    }
    subject = subjects[event.kind] % {"title": measure.title[:60]}
    body = render_to_string(
        "measures/email/reminder.txt",
        {
            "event": event,
            "measure": measure,
            "site_url": settings.SITE_URL,
            "org": measure.plan.organization,
        },
    )
    mail.queue(
        subject,
        body,
        to,
        kind=f"reminder.{event.kind}",
        organization=measure.plan.organization,
        target=measure,
    )

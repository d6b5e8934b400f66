"""Daily reminders to measure owners: due soon, overdue, or no follow-up for a while.

Each event is a line of its owners' daily digest (itatrack.reminders), sent once: a
ReminderSent row is written with it, keyed by what the event is about (the end date, or the
date of the last report), so a new event only comes when that changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from itatrack.reminders import Reminder, people_of
from itatrack.thai import shorten, thai_date, to_thai_digits
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


def due(today: dt.date) -> list[Reminder]:
    """The day's events as lines of the owners' digests."""
    found = []
    for event in events(today):
        measure = event.measure
        org = measure.plan.organization
        found.append(
            Reminder(
                organization=org,
                log=ReminderSent,
                about={"measure": measure},
                kind=event.kind,
                key=event.key,
                people=people_of(
                    org,
                    measure.owners.filter(is_active=True).select_related("user"),
                    measure.departments.all(),
                ),
                heading=_("มาตรการ"),
                title=f"{to_thai_digits(measure.number)}. {shorten(measure.title, 90)}",
                detail=event.detail,
                path=reverse("follow_up_add", args=[org.slug, measure.pk]),
            )
        )
    return found

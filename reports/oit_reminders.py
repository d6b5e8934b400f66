"""Daily reminders about OIT items of the body that are due soon or overdue and not yet found
ready, as lines of the daily digest (itatrack.reminders): to the item's owner, else its
department's members, else the body's admins. Each event is sent once (OitReminderSent, keyed
by the due date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from itatrack.reminders import Reminder, people_of
from itatrack.thai import shorten, thai_date, to_thai_digits
from reports.models import OitEntry, OitReminderSent
from reports.oitboard import DONE


@dataclass
class Event:
    entry: OitEntry
    kind: str
    key: str
    detail: str

    def describe(self) -> str:
        entry = self.entry
        return f"oit_{self.kind}\t{entry.organization.slug}\t{entry.pk}\t{entry.item.code}"


def events(today: dt.date) -> list[Event]:
    soon = today + dt.timedelta(days=settings.REMINDER_DUE_SOON_DAYS)
    entries = (
        OitEntry.objects.filter(due_date__isnull=False, due_date__lte=soon)
        .exclude(status__in=DONE)
        .select_related("organization", "item__framework", "owner__user", "department")
    )
    found = []
    for entry in entries:
        due = entry.due_date
        if due is None:  # filtered out above; said again for the type checker
            continue
        if due < today:
            kind = OitReminderSent.Kind.OVERDUE
            detail = _("เลยกำหนดมาแล้ว %(n)s วัน (กำหนด %(date)s)") % {
                "n": to_thai_digits((today - due).days),
                "date": thai_date(due),
            }
        else:
            kind = OitReminderSent.Kind.DUE_SOON
            detail = _("จะครบกำหนดในอีก %(n)s วัน (%(date)s)") % {
                "n": to_thai_digits((due - today).days),
                "date": thai_date(due),
            }
        found.append(Event(entry, kind, due.isoformat(), detail))
    return found


def due(today: dt.date) -> list[Reminder]:
    """The day's events as lines of the owners' digests: the owner; failing that the
    department's members; failing them the admins."""
    found = []
    for event in events(today):
        entry = event.entry
        org = entry.organization
        year = entry.item.framework.fiscal_year
        found.append(
            Reminder(
                organization=org,
                log=OitReminderSent,
                about={"entry": entry},
                kind=event.kind,
                key=event.key,
                people=people_of(
                    org,
                    [entry.owner] if entry.owner is not None else [],
                    [entry.department_id] if entry.department_id else [],
                ),
                heading=_("รายการ OIT ปี %(year)s") % {"year": to_thai_digits(year)},
                title=f"{entry.item.code} {shorten(entry.item.wording, 90)}",
                detail=event.detail,
                path=reverse("oit_item", args=[org.slug, year, entry.item.code]),
            )
        )
    return found

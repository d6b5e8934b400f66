"""Daily reminders about OIT items of the body that are due soon or overdue and not yet found
ready: to the item's owner, else its department's members, else the body's admins. Each event
is sent once (OitReminderSent, keyed by the due date); the row and the mail commit together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from itatrack import mail
from itatrack.reminders import emails_of, send_once
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


def recipients(entry: OitEntry) -> list[str]:
    """The owner; failing that the department's members; failing them the admins."""
    owners = [entry.owner] if entry.owner is not None else []
    departments = [entry.department_id] if entry.department_id else []
    return emails_of(entry.organization, owners, departments)


def send(today: dt.date, *, dry_run: bool = False) -> list[Event]:
    return send_once(
        events(today),
        log=OitReminderSent,
        about=lambda event: {"entry": event.entry},
        recipients=lambda event: recipients(event.entry),
        mail=_mail,
        dry_run=dry_run,
    )


def _mail(event: Event, to: list[str]) -> None:
    entry = event.entry
    subjects = {
        OitReminderSent.Kind.DUE_SOON: _("รายการ OIT ใกล้ครบกำหนด: %(code)s %(title)s"),
        OitReminderSent.Kind.OVERDUE: _("รายการ OIT เลยกำหนด: %(code)s %(title)s"),
    }
    subject = subjects[OitReminderSent.Kind(event.kind)] % {
        "code": entry.item.code,
        "title": shorten(entry.item.wording, 60),
    }
    body = render_to_string(
        "reports/email/oit_reminder.txt",
        {"event": event, "entry": entry, "org": entry.organization, "site_url": settings.SITE_URL},
    )
    mail.queue(
        subject,
        body,
        to,
        kind=f"reminder.oit_{event.kind}",
        organization=entry.organization,
        target=entry,
    )

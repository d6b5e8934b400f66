"""The daily reminder run: each app registers what it reminds people of (in its
AppConfig.ready(), like the year figures' counters), and `manage.py send_reminders` runs them
all, so that one cron line covers measures, OIT items and whatever comes next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from itatrack.models import Membership, Organization, Role
from itatrack.thai import thai_date, to_thai_digits


class Sent(Protocol):
    def describe(self) -> str:
        """One line for the command's output: kind, organisation, id, title."""
        ...


Sender = Callable[..., Sequence[Sent]]  # (today, *, dry_run) -> the reminders sent
SENDERS: dict[str, Sender] = {}


def register_sender(name: str, sender: Sender) -> None:
    """By name, so that a second ready() replaces the first."""
    SENDERS[name] = sender


def send_all(today: dt.date, *, dry_run: bool = False) -> list[Sent]:
    """The daily jobs (the new year's framework first), then each person's digest."""
    sent: list[Sent] = []
    for sender in SENDERS.values():
        sent.extend(sender(today, dry_run=dry_run))
    sent.extend(send_digests(today, dry_run=dry_run))
    return sent


def people_of(
    org: Organization, owners: Iterable[Membership], departments: Iterable[Any]
) -> list[Membership]:
    """Who is reminded: the active owners; failing them the members of the departments;
    failing them the organisation's admins. Only people with an address."""
    people = [m for m in owners if m.is_active]
    if not people:
        people = list(
            Membership.objects.active().filter(department__in=departments).select_related("user")
        )
    if not people:
        people = list(
            Membership.objects.for_org(org).active().filter(role=Role.ADMIN).select_related("user")
        )
    return [m for m in people if m.user.email]


def emails_of(
    org: Organization, owners: Iterable[Membership], departments: Iterable[Any]
) -> list[str]:
    return sorted({m.user.email for m in people_of(org, owners, departments)})


@dataclass
class Reminder:
    """One thing people are reminded of: a line of their daily digest, logged once by
    (about, kind, key) in the app's own log so that it is never mailed twice."""

    organization: Organization
    log: type[models.Model]
    about: dict[str, Any]
    kind: str
    key: str  # what the event is about (a date): a new one is due when it changes
    people: list[Membership]
    heading: str  # the digest's group: มาตรการ, รายการ OIT, บันทึกข้อความ
    title: str
    detail: str
    path: str

    def describe(self) -> str:
        return f"{self.kind}\t{self.organization.slug}\t{self.key}\t{self.title[:60]}"

    def already_sent(self) -> bool:
        return self.log._default_manager.filter(**self.about, kind=self.kind, key=self.key).exists()


Source = Callable[[dt.date], Sequence[Reminder]]
SOURCES: dict[str, Source] = {}


def register_source(name: str, source: Source) -> None:
    """What an app reminds people of; by name, so that a second ready() replaces the first."""
    SOURCES[name] = source


@dataclass
class Digest:
    person: Membership
    reminders: list[Reminder] = field(default_factory=list)

    def groups(self) -> list[tuple[str, list[Reminder]]]:
        grouped: dict[str, list[Reminder]] = {}
        for reminder in self.reminders:
            grouped.setdefault(reminder.heading, []).append(reminder)
        return list(grouped.items())


def digests(today: dt.date) -> list[Digest]:
    """Each person's reminders not sent before, one digest per person and organisation."""
    by_person: dict[int, Digest] = {}
    for source in SOURCES.values():
        for reminder in source(today):
            if reminder.already_sent():
                continue
            for person in reminder.people:
                by_person.setdefault(person.pk, Digest(person)).reminders.append(reminder)
    return sorted(by_person.values(), key=lambda d: (d.person.organization_id, d.person.pk))


def send_digests(today: dt.date, *, dry_run: bool = False) -> list[Reminder]:
    """One mail a day per person with everything due, overdue or waiting for them. The log
    rows and the queued mails commit together: a failure sends nothing and the next run tries
    it all again; a reminder another run logged meanwhile is left out."""
    from itatrack import mail

    found = digests(today)
    reminders = list({id(r): r for d in found for r in d.reminders}.values())
    if dry_run or not reminders:
        return reminders
    with transaction.atomic():
        sent = []
        for reminder in reminders:
            try:
                with transaction.atomic():
                    reminder.log._default_manager.create(
                        **reminder.about,
                        kind=reminder.kind,
                        key=reminder.key,
                        recipients=", ".join(sorted({p.user.email for p in reminder.people})),
                    )
            except IntegrityError:  # another run sent it meanwhile
                continue
            sent.append(reminder)
        kept = {id(r) for r in sent}
        for digest in found:
            digest.reminders = [r for r in digest.reminders if id(r) in kept]
            if digest.reminders:
                mail.queue(
                    _digest_subject(digest, today),
                    render_to_string(
                        "itatrack/email/reminder_digest.txt",
                        {
                            "digest": digest,
                            "person": digest.person,
                            "org": digest.person.organization,
                            "today": today,
                            "site_url": settings.SITE_URL,
                        },
                    ),
                    [digest.person.user.email],
                    kind="reminder.digest",
                    organization=digest.person.organization,
                )
    return sent


def _digest_subject(digest: Digest, today: dt.date) -> str:
    return _("งานที่รอท่านในระบบ ITA %(n)s เรื่อง (%(date)s)") % {
        "n": to_thai_digits(len(digest.reminders)),
        "date": thai_date(today),
    }

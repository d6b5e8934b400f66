"""The daily reminder run: each app registers what it reminds people of (in its
AppConfig.ready(), like the year figures' counters), and `manage.py send_reminders` runs them
all, so that one cron line covers measures, OIT items and whatever comes next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar

from django.db import IntegrityError, models, transaction

from itatrack.models import Membership, Organization, Role


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
    sent: list[Sent] = []
    for sender in SENDERS.values():
        sent.extend(sender(today, dry_run=dry_run))
    return sent


class Event(Protocol):
    kind: str
    key: str  # what the event is about (a date): a new one is due when it changes


E = TypeVar("E", bound=Event)


def emails_of(
    org: Organization, owners: Iterable[Membership], departments: Iterable[Any]
) -> list[str]:
    """Who is reminded: the active owners; failing them the members of the departments;
    failing them the organisation's admins."""
    people = [m for m in owners if m.is_active]
    if not people:
        people = list(
            Membership.objects.active().filter(department__in=departments).select_related("user")
        )
    if not people:
        people = list(
            Membership.objects.for_org(org).active().filter(role=Role.ADMIN).select_related("user")
        )
    return sorted({m.user.email for m in people if m.user.email})


def send_once(
    events: Iterable[E],
    *,
    log: type[models.Model],
    about: Callable[[E], dict[str, Any]],
    recipients: Callable[[E], list[str]],
    mail: Callable[[E, list[str]], None],
    dry_run: bool,
) -> list[E]:
    """Send every event not logged before and return those sent (or that would be). The log
    row (its fields: about(event), kind, key, recipients; unique together) and the queued
    mail commit together, so a failed send is tried again on the next run."""
    sent = []
    for event in events:
        target = about(event)
        if log._default_manager.filter(**target, kind=event.kind, key=event.key).exists():
            continue
        to = recipients(event)
        if not to:
            continue
        if dry_run:
            sent.append(event)
            continue
        try:
            with transaction.atomic():
                log._default_manager.create(
                    **target, kind=event.kind, key=event.key, recipients=", ".join(to)
                )
                mail(event, to)
        except IntegrityError:  # another run sent it meanwhile
            continue
        sent.append(event)
    return sent

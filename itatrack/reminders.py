"""The daily reminder run: each app registers what it reminds people of (in its
AppConfig.ready(), like the year figures' counters), and `manage.py send_reminders` runs them
all, so that one cron line covers measures, OIT items and whatever comes next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Protocol


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

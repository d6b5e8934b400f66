"""Run daily (cron): e-mail owners about measures due soon, overdue or unreported, and about
OIT items due soon or overdue (every sender registered in itatrack.reminders)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from itatrack import reminders


class Command(BaseCommand):
    help = (
        "E-mail owners about due-soon, overdue and unreported measures and OIT items (once each)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, send nothing")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="pretend today is this date (YYYY-MM-DD)",
        )

    def handle(
        self, *args: Any, dry_run: bool = False, today: dt.date | None = None, **options: Any
    ) -> None:
        sent = reminders.send_all(today or timezone.localdate(), dry_run=dry_run)
        for event in sent:
            self.stdout.write(event.describe())
        verb = "would send" if dry_run else "sent"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(sent)} reminder(s)"))

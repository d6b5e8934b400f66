"""Recount every body's measures and published documents per fiscal year for the supervisors'
overview. Run daily (cron): a measure becomes overdue by the date alone."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from itatrack import figures


class Command(BaseCommand):
    help = "Recount the overview's figures of every body (daily cron; safe to run any time)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        rows = figures.refresh()
        self.stdout.write(f"{rows} body-years counted in {time.monotonic() - started:.1f} s")

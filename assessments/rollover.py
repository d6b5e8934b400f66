"""The new ITA year never starts without a framework: from 1 October, when the current fiscal
year has none, a provisional copy of the latest year is made, so that OIT items and measures
can be planned at once; staff are told it is provisional until an operator confirms it.

Run by the daily job (`manage.py send_reminders`) and idempotent: a second run, or two at the
same moment, adds nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError

from assessments.actions import do_copy_framework
from assessments.models import Framework
from itatrack.actions import ActionError
from itatrack.thai import fiscal_year


def ensure_current_framework(today: dt.date) -> Framework | None:
    """The provisional framework made for today's fiscal year, or None when it had one (or
    there is no earlier year to copy)."""
    year = fiscal_year(today)
    if Framework.objects.filter(fiscal_year=year).exists():
        return None
    source = Framework.objects.filter(fiscal_year__lt=year).order_by("-fiscal_year").first()
    if source is None:
        return None
    try:
        return do_copy_framework(source, year, actor=None)  # audited as the system
    except (ActionError, IntegrityError):  # another run made it a moment ago
        return None


def current_provisional(today: dt.date) -> Framework | None:
    """Today's fiscal year's framework while it is not confirmed."""
    return Framework.objects.filter(
        fiscal_year=fiscal_year(today), status=Framework.Status.PROVISIONAL
    ).first()


@dataclass(frozen=True)
class Made:
    framework: Framework

    def describe(self) -> str:
        return f"framework {self.framework.fiscal_year}: provisional copy made"


def daily(today: dt.date, *, dry_run: bool = False) -> list[Made]:
    """The daily run's part (registered with itatrack.reminders): first, so that the new
    year's OIT reminders find its items."""
    if dry_run:
        return []
    made = ensure_current_framework(today)
    return [Made(made)] if made else []

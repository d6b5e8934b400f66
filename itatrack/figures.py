"""Keeping YearFigures up to date: per body on commit of a change that moves its counts, and
for every body once a day (manage.py refresh_figures).

The counting belongs to the apps whose rows are counted: each registers a counter in its
AppConfig.ready(), so this module imports no app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from itatrack.models import YearFigures

BATCH = 2000
FIELDS = ("measures_total", "measures_done", "measures_overdue", "published", "oit_ready")

# (org_ids or None for every body, today) → (org_id, fiscal_year, {field: count}) rows.
Counter = Callable[[list[int] | None, dt.date], Iterable[tuple[int, int, dict[str, int]]]]
COUNTERS: dict[str, Counter] = {}


def register_counter(name: str, counter: Counter) -> None:
    """Add a source of YearFigures fields (by name, so that a second ready() replaces it)."""
    COUNTERS[name] = counter


def refresh(org_ids: Iterable[int] | None = None, today: dt.date | None = None) -> int:
    """Recount the given bodies (all when None), every fiscal year any counter finds rows in;
    returns the rows written."""
    today = today or timezone.localdate()
    ids = list(org_ids) if org_ids is not None else None
    rows: dict[tuple[int, int], YearFigures] = {}

    def row(org_id: int, year: int) -> YearFigures:
        key = (org_id, year)
        if key not in rows:
            rows[key] = YearFigures(organization_id=org_id, fiscal_year=year, counted_on=today)
        return rows[key]

    for counter in COUNTERS.values():
        for org_id, year, values in counter(ids, today):
            figures = row(org_id, year)
            for name, value in values.items():
                setattr(figures, name, value)
    if ids is not None:
        # A year whose last measure went away must read zero, not keep its old counts.
        for org_id, year in YearFigures.objects.filter(organization_id__in=ids).values_list(
            "organization_id", "fiscal_year"
        ):
            row(org_id, year)
    YearFigures.objects.bulk_create(
        rows.values(),
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["organization", "fiscal_year"],
        update_fields=[*FIELDS, "counted_on"],
    )
    return len(rows)


def refresh_on_commit(org_id: int) -> None:
    """Recount one body after the change that moved its counts is committed."""
    transaction.on_commit(lambda: refresh([org_id]))

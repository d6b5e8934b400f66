"""Keeping YearFigures up to date: per body on commit of a change that moves its counts, and
for every body once a day (manage.py refresh_figures)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from itatrack.models import YearFigures

BATCH = 2000


def refresh(org_ids: Iterable[int] | None = None, today: dt.date | None = None) -> int:
    """Recount the given bodies (all when None), every fiscal year they have a plan or a
    publication in; returns the rows written."""
    from measures.models import Measure
    from reports.models import Publication

    today = today or timezone.localdate()
    measures = Measure.objects.exclude(status=Measure.Status.CANCELLED)
    publications = Publication.objects.public()
    if org_ids is not None:
        org_ids = list(org_ids)
        measures = measures.filter(plan__organization_id__in=org_ids)
        publications = publications.filter(organization_id__in=org_ids)
    rows: dict[tuple[int, int], YearFigures] = {}

    def row(org_id: int, year: int) -> YearFigures:
        key = (org_id, year)
        if key not in rows:
            rows[key] = YearFigures(organization_id=org_id, fiscal_year=year, counted_on=today)
        return rows[key]

    open_ = ~Q(status__in=[Measure.Status.DONE, Measure.Status.CANCELLED])
    counted = (
        measures.values_list("plan__organization_id", "plan__fiscal_year")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=Measure.Status.DONE)),
            overdue=Count("pk", filter=open_ & Q(end_date__lt=today)),
        )
        .order_by()
    )
    for org_id, year, total, done, overdue in counted:
        figures = row(org_id, year)
        figures.measures_total, figures.measures_done = total, done
        figures.measures_overdue = overdue
    published = (
        publications.values_list("organization_id", "fiscal_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for org_id, year, n in published:
        row(org_id, year).published = n
    if org_ids is not None:
        # A year whose last measure went away must read zero, not keep its old counts.
        for org_id, year in YearFigures.objects.filter(organization_id__in=org_ids).values_list(
            "organization_id", "fiscal_year"
        ):
            row(org_id, year)
    YearFigures.objects.bulk_create(
        rows.values(),
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["organization", "fiscal_year"],
        update_fields=[
            "measures_total",
            "measures_done",
            "measures_overdue",
            "published",
            "counted_on",
        ],
    )
    return len(rows)


def refresh_on_commit(org_id: int) -> None:
    """Recount one body after the change that moved its counts is committed."""
    transaction.on_commit(lambda: refresh([org_id]))

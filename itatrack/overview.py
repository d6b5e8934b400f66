"""The supervisor's table: every body in an oversight's scope for one fiscal year, with its
score, level and change from the year before, its measures done and overdue, and its published
documents.

One SQL query for the rows, however many bodies: the scores come from joins (so sorting 8,000
bodies by score stays cheap) and the counts from correlated subqueries, which PostgreSQL
evaluates only for the rows of the page shown unless the table is sorted by them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from assessments.models import Framework
from itatrack.models import Organization, Oversight
from measures.models import Measure
from reports.models import Publication

NO_SCORE = "-"
# The column a table may be sorted by → its ordering; ties always fall back to the name.
SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "province": ("province", "name"),
    "kind": ("kind", "name"),
    "score": ("score",),
    "change": ("change",),
    "done": ("measures_done",),
    "overdue": ("measures_overdue",),
    "published": ("published",),
}


@dataclass
class Filters:
    fiscal_year: int
    province: str = ""
    kind: str = ""
    level: str = ""
    q: str = ""
    sort: str = "name"
    descending: bool = False


def _count(queryset: QuerySet, group: str) -> Coalesce:
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def level_expression(framework: Framework) -> Coalesce:
    """The level as NACC announced it, else the band the score falls in, else NO_SCORE."""
    bands = [When(score__gte=b.min_score, then=Value(b.level)) for b in framework.bands.all()]
    computed = Case(*bands, default=Value(NO_SCORE), output_field=CharField())
    return Coalesce(NullIf(F("official"), Value("")), computed, output_field=CharField())


def table(
    oversight: Oversight,
    framework: Framework,
    previous: Framework | None,
    filters: Filters,
    today: dt.date | None = None,
) -> QuerySet[Organization]:
    today = today or timezone.localdate()
    year = framework.fiscal_year
    rows = oversight.scope().annotate(
        this=FilteredRelation("assessments", condition=Q(assessments__framework=framework)),
        score=F("this__total_score"),
        official=F("this__official_level"),
    )
    if previous is not None:
        rows = rows.annotate(
            last=FilteredRelation("assessments", condition=Q(assessments__framework=previous)),
            previous_score=F("last__total_score"),
        )
    else:
        rows = rows.annotate(previous_score=Value(None, output_field=DecimalField()))
    measures = Measure.objects.filter(
        plan__organization=OuterRef("pk"), plan__fiscal_year=year
    ).exclude(status=Measure.Status.CANCELLED)
    published = Publication.objects.public().filter(organization=OuterRef("pk"), fiscal_year=year)
    rows = rows.annotate(
        level=level_expression(framework),
        change=F("score") - F("previous_score"),
        measures_total=_count(measures, "plan__organization"),
        measures_done=_count(measures.filter(status=Measure.Status.DONE), "plan__organization"),
        measures_overdue=_count(measures.overdue(today), "plan__organization"),
        published=_count(published, "organization"),
    )
    if filters.province:
        rows = rows.filter(province=filters.province)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.level:
        rows = rows.filter(level=filters.level)
    if filters.q:
        rows = rows.filter(Q(name__icontains=filters.q) | Q(short_name__icontains=filters.q))
    return rows.order_by(*_ordering(filters))


def _ordering(filters: Filters) -> list:
    columns = SORTS.get(filters.sort, SORTS["name"])
    ordering = [
        F(c).desc(nulls_last=True) if filters.descending else F(c).asc(nulls_last=True)
        for c in columns
    ]
    return [*ordering, "name", "pk"]


@dataclass
class Summary:
    bodies: int = 0
    scored: int = 0
    passed: int = 0
    average: Decimal | None = None
    levels: list[tuple[str, int]] = field(default_factory=list)


def summary(rows: QuerySet[Organization], framework: Framework) -> Summary:
    """Counts for the whole filtered table (not only the page): two grouped queries."""
    totals = rows.order_by().aggregate(
        bodies=Count("pk"),
        scored=Count("score"),
        passed=Count("pk", filter=Q(score__gte=framework.pass_mark)),
        average=Avg("score"),
    )
    by_level = dict(rows.order_by().values_list("level").annotate(n=Count("pk")))
    order = [band.level for band in framework.bands.all()]
    levels = [(level, by_level.get(level, 0)) for level in order]
    levels += [(level, n) for level, n in by_level.items() if level not in order]
    return Summary(
        bodies=totals["bodies"],
        scored=totals["scored"],
        passed=totals["passed"],
        average=totals["average"],
        levels=levels,
    )


def frameworks_for(oversight: Oversight) -> tuple[list[Framework], dict[int, Framework]]:
    """The years to choose from (newest first, with their bands), and each year's framework."""
    frameworks = list(Framework.objects.by_year().prefetch_related("bands"))
    return frameworks, {f.fiscal_year: f for f in frameworks}


def default_year(oversight: Oversight, frameworks: list[Framework]) -> int | None:
    """The newest year in which any body in scope has a score."""
    from assessments.models import Assessment

    latest = (
        Assessment.objects.filter(organization__in=oversight.scope(), total_score__isnull=False)
        .order_by("-framework__fiscal_year")
        .values_list("framework__fiscal_year", flat=True)
        .first()
    )
    if latest is not None:
        return latest
    return frameworks[0].fiscal_year if frameworks else None


def provinces(oversight: Oversight) -> list[str]:
    return list(
        oversight.scope().order_by("province").values_list("province", flat=True).distinct()
    )

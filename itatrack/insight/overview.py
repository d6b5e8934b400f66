"""The supervisor's table: every body in an oversight's scope for one fiscal year, with its
score, level and change from the year before, its measures done and overdue, its published
documents and its OIT items ready.

One SQL query for the rows, however many bodies, all joins: the scores from the assessments and
the counts from YearFigures (kept by itatrack.figures with the apps' counters), so sorting
8,000 bodies by any column stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf

from assessments.models import Framework
from itatrack.models import Organization, Oversight

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
    "oit": ("oit_ready",),
}


# A typed NULL: PostgreSQL cannot SUM() or subtract an untyped one.
NO_NUMBER = Cast(Value(None), DecimalField(max_digits=5, decimal_places=2))
COLUMNS = ("name", "short_name", "kind", "province", "district", "slug")


@dataclass
class Filters:
    fiscal_year: int
    province: str = ""
    kind: str = ""
    level: str = ""
    q: str = ""
    sort: str = "name"
    descending: bool = False


def level_expression(framework: Framework) -> Coalesce:
    """The level as NACC announced it, else the band the score falls in, else NO_SCORE."""
    bands = [When(score__gte=b.min_score, then=Value(b.level)) for b in framework.bands.all()]
    computed = Case(*bands, default=Value(NO_SCORE), output_field=CharField())
    return Coalesce(NullIf(F("official"), Value("")), computed, output_field=CharField())


def matching(
    oversight: Oversight, framework: Framework | None, filters: Filters
) -> QuerySet[Organization]:
    """The bodies in scope that pass the filters, with this year's score and level: what the
    summary counts, without the joins only the table's columns need. Without a framework
    (the current year, before NACC's manual is entered) there is no score yet."""
    rows: QuerySet[Organization]
    if framework is None:
        rows = oversight.scope().annotate(
            score=NO_NUMBER,
            level=Value(NO_SCORE, output_field=CharField()),
        )
    else:
        scored = oversight.scope().annotate(
            this=FilteredRelation("assessments", condition=Q(assessments__framework=framework)),
            score=F("this__total_score"),
            official=F("this__official_level"),
        )
        rows = scored.annotate(level=level_expression(framework))
    if filters.province:
        rows = rows.filter(province=filters.province)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.level:
        rows = rows.filter(level=filters.level)
    if filters.q:
        rows = rows.filter(Q(name__icontains=filters.q) | Q(short_name__icontains=filters.q))
    return rows


def table(
    oversight: Oversight,
    framework: Framework | None,
    previous: Framework | None,
    filters: Filters,
) -> QuerySet[Organization]:
    year = filters.fiscal_year
    # Only the columns shown: the joins hash every body's row, so narrow rows are cheaper.
    rows = matching(oversight, framework, filters).only(*COLUMNS)
    if previous is not None and framework is not None:
        rows = rows.annotate(
            last=FilteredRelation("assessments", condition=Q(assessments__framework=previous)),
            previous_score=F("last__total_score"),
        )
    else:
        rows = rows.annotate(previous_score=NO_NUMBER)
    kinds = [When(kind=value, then=Value(str(label))) for value, label in Organization.Kind.choices]
    rows = rows.annotate(
        figures=FilteredRelation("year_figures", condition=Q(year_figures__fiscal_year=year)),
        change=F("score") - F("previous_score"),
        measures_total=Coalesce(F("figures__measures_total"), 0),
        measures_done=Coalesce(F("figures__measures_done"), 0),
        measures_overdue=Coalesce(F("figures__measures_overdue"), 0),
        published=Coalesce(F("figures__published"), 0),
        oit_ready=Coalesce(F("figures__oit_ready"), 0),
        counted_on=F("figures__counted_on"),
        # The label in SQL: get_kind_display() per row costs more than the row itself.
        kind_label=Case(*kinds, default=F("kind"), output_field=CharField()),
    )
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


def summary(rows: QuerySet[Any], framework: Framework | None) -> Summary:
    """Counts for the whole filtered table (not only the page), in one grouped query."""
    mark = framework.pass_mark if framework else Decimal(101)  # no framework, no pass
    by_level = (
        rows.order_by()
        .values("level")
        .annotate(
            n=Count("pk"),
            scored=Count("score"),
            passed=Count("pk", filter=Q(score__gte=mark)),
            total=Sum("score"),
        )
    )
    result = Summary()
    counts: dict[str, int] = {}
    total = Decimal(0)
    for group in by_level:
        counts[group["level"]] = group["n"]
        result.bodies += group["n"]
        result.scored += group["scored"]
        result.passed += group["passed"]
        total += Decimal(str(group["total"] or 0))
    if result.scored:
        result.average = (total / result.scored).quantize(Decimal("0.01"))
    order = [band.level for band in framework.bands.all()] if framework else []
    result.levels = [(level, counts.get(level, 0)) for level in order]
    result.levels += [(level, n) for level, n in counts.items() if level not in order]
    return result


def oit_items(framework: Framework | None) -> int:
    """How many OIT items the year's framework has (the same for every body)."""
    if framework is None:
        return 0
    return framework.items.filter(indicator__tool="OIT", retired=False).count()


def frameworks() -> tuple[list[Framework], dict[int, Framework]]:
    """The years to choose from (newest first, with their bands), and each year's framework."""
    years = list(Framework.objects.by_year().prefetch_related("bands"))
    return years, {f.fiscal_year: f for f in years}


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
    """The provinces of the bodies in scope, for the filter. Kept a few minutes: a new body in
    a new province is rare, and the distinct scan over every body is not free."""

    def distinct() -> list[str]:
        scope = oversight.scope().order_by("province")
        return list(scope.values_list("province", flat=True).distinct())

    return cache.get_or_set(f"oversight-provinces:{oversight.pk}", distinct, 5 * 60) or []

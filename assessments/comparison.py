"""An assessment against the organisation's earlier years: indicator changes, biggest movers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from assessments.models import Assessment, Indicator, IndicatorScore


@dataclass
class IndicatorRow:
    indicator: Indicator
    score: Decimal | None
    previous: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass
class Mover:
    code: str
    text: str
    score: Decimal
    previous: Decimal

    @property
    def change(self) -> Decimal:
        return self.score - self.previous


def history(assessment: Assessment) -> list[Assessment]:
    """The organisation's assessments up to and including this one, oldest first."""
    return list(
        Assessment.objects.for_org(assessment.organization)
        .filter(framework__fiscal_year__lte=assessment.fiscal_year)
        .select_related("framework")
        .order_by("framework__fiscal_year")
    )


def indicator_scores(assessment: Assessment) -> dict[int, Decimal | None]:
    """Uses the scores prefetched with with_indicator_scores() when there are some."""
    if "indicator_scores" in getattr(assessment, "_prefetched_objects_cache", {}):
        rows = assessment.indicator_scores.all()
    else:
        rows = assessment.indicator_scores.select_related("indicator")
    return {row.indicator.number: row.score for row in rows}


def with_indicator_scores() -> Prefetch:
    """Every indicator score of a list of assessments, in one query."""
    return Prefetch("indicator_scores", IndicatorScore.objects.select_related("indicator"))


def indicator_rows(assessment: Assessment, previous: Assessment | None) -> list[IndicatorRow]:
    current = indicator_scores(assessment)
    before = indicator_scores(previous) if previous else {}
    return [
        IndicatorRow(indicator, current.get(indicator.number), before.get(indicator.number))
        for indicator in assessment.framework.indicators.all()
    ]


def movers(
    assessment: Assessment, previous: Assessment | None, n: int = 5
) -> tuple[list[Mover], list[Mover]]:
    """(biggest rises, biggest falls) among the questions both years scored, by code."""
    if previous is None:
        return [], []

    def scores(a: Assessment) -> dict[str, tuple[str, Decimal]]:
        return {
            s.item.code: (s.item.text, s.score)
            for s in a.item_scores.select_related("item").filter(score__isnull=False)
        }

    now, before = scores(assessment), scores(previous)
    rows = [
        Mover(code, text, score, before[code][1])
        for code, (text, score) in now.items()
        if code in before
    ]
    rises = sorted((m for m in rows if m.change > 0), key=lambda m: -m.change)[:n]
    falls = sorted((m for m in rows if m.change < 0), key=lambda m: m.change)[:n]
    return rises, falls

"""What an executive sees at a glance: the latest result against the years before and the pass
mark, the measures of the current plan by status, what is late, what waits, what was published.
A fixed number of queries whatever the size of the organisation's history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count

from assessments import charts, comparison
from assessments.models import Assessment
from itatrack.models import Membership, Organization
from measures.models import Measure, Plan
from reports.models import ApprovalStep, Publication

LIST_LIMIT = 8


@dataclass
class Segment:
    """One status's share of a 300-unit stacked SVG bar (inline styles are barred by our CSP)."""

    value: str
    label: str
    count: int
    x: float
    width: float


def _segments(counts: dict[str, int], total: int, length: float = 300.0) -> list[Segment]:
    segments, x = [], 0.0
    for value, label in Measure.Status.choices:
        width = length * counts.get(value, 0) / total if total else 0.0
        segments.append(Segment(value, str(label), counts.get(value, 0), x, width))
        x += width
    return segments


@dataclass
class Dashboard:
    latest: Assessment | None = None
    previous: Assessment | None = None
    rows: list[Any] = field(default_factory=list)
    indicator_chart: Any = None
    trend: Any = None
    plan: Plan | None = None
    by_status: list[Segment] = field(default_factory=list)
    measure_total: int = 0
    overdue: list[Measure] = field(default_factory=list)
    due_soon: list[Measure] = field(default_factory=list)
    inbox: list[ApprovalStep] = field(default_factory=list)
    published: list[Publication] = field(default_factory=list)


def build(org: Organization, membership: Membership | None) -> Dashboard:
    """membership is None for a supervisor's read-only look: nothing waits for them."""
    board = Dashboard()
    scored = list(
        Assessment.objects.for_org(org)
        .exclude(total_score=None)
        .select_related("framework")
        .prefetch_related("framework__bands", comparison.with_indicator_scores())
        .order_by("framework__fiscal_year")
    )
    if scored:
        board.latest = scored[-1]
        board.previous = scored[-2] if len(scored) > 1 else None
        framework = board.latest.framework
        board.rows = comparison.indicator_rows(board.latest, board.previous)
        years = [(a.fiscal_year, comparison.indicator_scores(a)) for a in scored[-3:]]
        board.indicator_chart = charts.indicator_chart(
            [r.indicator.number for r in board.rows],
            years,
            framework.pass_mark,
            names={r.indicator.number: r.indicator.name for r in board.rows},
        )
        totals = [(a.fiscal_year, a.total_score) for a in scored]
        board.trend = charts.trend_chart(totals, framework.pass_mark) if len(totals) > 1 else None
    board.plan = Plan.objects.for_org(org).order_by("-fiscal_year").first()
    if board.plan is not None:
        counts = dict(board.plan.measures.values_list("status").annotate(n=Count("id")).order_by())
        board.measure_total = sum(counts.values())
        board.by_status = _segments(counts, board.measure_total)
    measures = Measure.objects.for_org(org).select_related("plan").order_by("end_date")
    board.overdue = list(measures.overdue()[:LIST_LIMIT])
    board.due_soon = list(measures.due_soon(settings.REMINDER_DUE_SOON_DAYS)[:LIST_LIMIT])
    if membership is not None:
        board.inbox = list(
            ApprovalStep.objects.inbox(membership).select_related("memo")[:LIST_LIMIT]
        )
    board.published = list(
        Publication.objects.public()
        .for_org(org)
        .select_related("memo")
        .order_by("-published_at")[:5]
    )
    return board

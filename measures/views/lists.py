from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from itatrack.access import OrgRequest, org_view
from itatrack.spreadsheets import download
from itatrack.thai import ABBR_MONTHS, screen_digits
from measures.access import get_plan
from measures.export import plan_xlsx
from measures.models import Measure
from measures.models.plans import BY_AREA


def _month_index(day: dt.date, fy_start: dt.date) -> int:
    """0 for October … 11 for September of the plan's fiscal year, clamped."""
    index = (day.year - fy_start.year) * 12 + day.month - fy_start.month
    return min(max(index, 0), 11)


@org_view()
def plan_timeline(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request.membership, pk)
    fy_start, fy_end = plan.bounds
    today = timezone.localdate()
    months = []
    for offset in range(12):
        month = (fy_start.month + offset - 1) % 12 + 1
        year = fy_start.year + (fy_start.month + offset - 1) // 12
        months.append(f"{ABBR_MONTHS[month - 1]} {screen_digits((year + 543) % 100)}")
    rows: list[tuple[Measure, int | None, int | None]] = []
    for measure in plan.measures.select_related("issue_area").order_by(BY_AREA, "number"):
        if measure.start_date and measure.end_date:
            first = _month_index(measure.start_date, fy_start)
            last = _month_index(measure.end_date, fy_start)
            rows.append((measure, first + 1, last + 2))
        else:
            rows.append((measure, None, None))
    return render(
        request,
        "measures/timeline.html",
        {
            "plan": plan,
            "months": months,
            "rows": rows,
            "today_column": _month_index(today, fy_start) + 1
            if fy_start <= today <= fy_end
            else None,
            "today": today,
        },
    )


@org_view()
def plan_export_xlsx(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request.membership, pk)
    return download(plan_xlsx(plan), f"measures-{plan.fiscal_year}-{request.org.slug}.xlsx")

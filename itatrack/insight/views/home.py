from __future__ import annotations

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from itatrack import cycle, thai
from itatrack.access import OrgRequest, org_view
from itatrack.audit import verb_label
from itatrack.insight.todo import todo
from itatrack.models import AuditEvent, Membership, Role


@org_view()
def org_home(request: OrgRequest, org_slug: str) -> HttpResponse:
    today = timezone.localdate()
    fy = thai.fiscal_year(today)
    fy_start, fy_end = thai.fiscal_year_bounds(fy)
    context = {
        "today": today,
        "fiscal_year": fy,
        "quarter": thai.fiscal_quarter(today),
        "fy_start": fy_start,
        "fy_end": fy_end,
        "days_left": (fy_end - today).days,
        "phases": [(p, p.state(today)) for p in cycle.phases(fy)],
    }
    context["todo"] = todo(request.membership, fy)
    if request.membership.role == Role.ADMIN:
        org = request.org
        context["role_counts"] = (
            Membership.objects.for_org(org)
            .active()
            .values("role")
            .annotate(n=Count("id"))
            .order_by("role")
        )
        context["role_labels"] = dict(Role.choices)
        context["department_count"] = org.departments.filter(is_active=True).count()
        context["recent_events"] = [
            (event, verb_label(event.verb))
            for event in AuditEvent.objects.for_org(org).select_related("actor")[:8]
        ]
    return render(request, "itatrack/home.html", context)

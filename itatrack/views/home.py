from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_POST

from itatrack import cycle, thai
from itatrack.access import ACTIVE_ORG_SESSION_KEY, OrgRequest, get_membership, org_view
from itatrack.audit import verb_label
from itatrack.forms import OrgSwitchForm
from itatrack.models import AuditEvent, Membership, Oversight, Role


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Send the user to the organisation they used last, or their first one."""
    memberships = Membership.objects.active().for_user(request.user).select_related("organization")
    slug = request.session.get(ACTIVE_ORG_SESSION_KEY)
    chosen = next((m for m in memberships if m.organization.slug == slug), None)
    chosen = chosen or memberships.first()
    if chosen is None:
        oversight = Oversight.objects.for_user(request.user).first()
        if oversight is not None:
            return redirect("overview", oversight_slug=oversight.slug)
        return render(request, "itatrack/no_membership.html", status=403)
    return redirect("org_home", org_slug=chosen.organization.slug)


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
    context["todo"] = _todo(request, fy)
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


@require_POST
@login_required
def switch_org(request: HttpRequest) -> HttpResponse:
    form = OrgSwitchForm(request.POST)
    if not form.is_valid():
        return redirect("index")
    membership = get_membership(request, form.cleaned_data["org"])
    request.session[ACTIVE_ORG_SESSION_KEY] = membership.organization.slug
    return redirect("org_home", org_slug=membership.organization.slug)


def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("favicon.svg"))


def _todo(request: OrgRequest, fy: int) -> dict[str, object]:
    """What asks for this person's attention now, with links to it."""
    from django.conf import settings

    from measures.models import Measure, Plan
    from reports.models import ApprovalStep

    measures = Measure.objects.for_org(request.org)
    return {
        "inbox": ApprovalStep.objects.inbox(request.membership).count(),
        "overdue": measures.overdue().count(),
        "due_soon": measures.due_soon(settings.REMINDER_DUE_SOON_DAYS).count(),
        "mine_open": measures.owned_by(request.membership).open().count(),
        "plan": Plan.objects.for_org(request.org).filter(fiscal_year=fy).first(),
        "latest": request.org.assessments.select_related("framework").by_year().first(),
    }

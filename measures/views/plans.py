from __future__ import annotations

from copy import copy
from itertools import groupby

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError, StaleEdit
from itatrack.deleting import confirm_delete
from itatrack.forms import changed_values, mark_stale
from itatrack.models import Department
from itatrack.thai import screen_digits
from measures.access import EDIT_ROLES, can_edit, get_plan
from measures.actions import do_create_plan, do_update_plan
from measures.deletion import do_delete_plan
from measures.forms import PlanForm
from measures.models import IssueArea, Measure, MeasureStep, Plan
from measures.models.plans import BY_AREA


@org_view()
def plan_list(request: OrgRequest, org_slug: str) -> HttpResponse:
    plans = (
        Plan.objects.for_org(request.org)
        .select_related("assessment__framework")
        .annotate(measure_count=Count("measures"))
        .order_by("-fiscal_year")
    )
    return render(
        request,
        "measures/plan_list.html",
        {
            "plans": plans,
            "can_edit": can_edit(request.membership),
        },
    )


@org_view(*EDIT_ROLES)
def plan_create(request: OrgRequest, org_slug: str) -> HttpResponse:
    latest = request.org.assessments.select_related("framework").by_year().first()
    initial = {"fiscal_year": latest.fiscal_year + 1, "assessment": latest} if latest else {}
    form = PlanForm(request.POST or None, initial=initial, organization=request.org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = do_create_plan(
                request.org,
                fiscal_year=data["fiscal_year"],
                assessment=data["assessment"],
                meeting_date=data["meeting_date"],
                meeting_participants=data["meeting_participants"],
                meeting_note=data["meeting_note"],
                actor=request.membership,
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("plan_detail", org_slug=org_slug, pk=plan.pk)
    return render(request, "measures/plan_form.html", {"form": form, "plan": None})


@org_view(*EDIT_ROLES)
def plan_edit(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request.membership, pk)
    form = PlanForm(request.POST or None, instance=copy(plan), organization=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_plan(
                plan,
                changed_values(form),
                actor=request.membership,
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as exc:
            mark_stale(form, exc, Plan.objects.get(pk=pk).version)
            return render(
                request, "measures/plan_form.html", {"form": form, "plan": plan}, status=409
            )
        messages.success(request, _("บันทึกแล้ว"))
        return redirect("plan_detail", org_slug=org_slug, pk=pk)
    return render(request, "measures/plan_form.html", {"form": form, "plan": plan})


@org_view()
def plan_detail(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request.membership, pk)
    measures = (
        plan.measures.select_related("issue_area")
        .prefetch_related(
            "departments",
            "owners",
            "items",
            Prefetch("steps", queryset=MeasureStep.objects.order_by("order")),
        )
        .annotate(follow_up_count=Count("follow_ups", distinct=True))
        .order_by(BY_AREA, "number")
    )
    filters = {
        "department": request.GET.get("department", ""),
        "status": request.GET.get("status", ""),
        "area": request.GET.get("area", ""),
    }
    if filters["department"].isdigit():
        measures = measures.filter(departments=int(filters["department"]))
    if filters["status"] == "overdue":
        measures = measures.overdue()
    elif filters["status"] in Measure.Status.values:
        measures = measures.filter(status=filters["status"])
    if filters["area"].isdigit():
        measures = measures.filter(issue_area__number=int(filters["area"]))
    groups = [(area, list(rows)) for area, rows in groupby(measures, key=lambda m: m.issue_area)]
    return render(
        request,
        "measures/plan_detail.html",
        {
            "plan": plan,
            "groups": groups,
            "count": sum(len(rows) for _area, rows in groups),
            "filters": filters,
            "departments": Department.objects.for_org(request.org).active(),
            "areas": IssueArea.objects.for_org(request.org).active(),
            "statuses": Measure.Status.choices,
            "today": timezone.localdate(),
            "can_edit": can_edit(request.membership),
            "empty": not plan.measures.exists(),
        },
    )


@org_view(*EDIT_ROLES)
def plan_delete(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request.membership, pk)
    return confirm_delete(
        request,
        title=_("ลบแผนมาตรการ"),
        what=_("แผนมาตรการปี %(year)s") % {"year": screen_digits(plan.fiscal_year)},
        back=reverse("plan_detail", args=[org_slug, pk]),
        done=reverse("plan_list", args=[org_slug]),
        delete=lambda reason: do_delete_plan(plan, reason, actor=request.membership),
    )

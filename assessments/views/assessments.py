from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments import charts, comparison
from assessments.access import EDIT_ROLES, can_edit, get_assessment
from assessments.actions import do_create_assessment, do_update_assessment, sheet_of
from assessments.deletion import do_delete_assessment
from assessments.forms import AssessmentCreateForm, AssessmentDetailsForm
from assessments.models import Assessment, Finding, Framework
from assessments.scoresheet import warnings
from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError
from itatrack.deleting import confirm_delete
from itatrack.forms import changed_values
from itatrack.thai import screen_digits
from itatrack.uploads import serve_stored


@org_view()
def assessment_list(request: OrgRequest, org_slug: str) -> HttpResponse:
    assessments = (
        Assessment.objects.for_org(request.org)
        .select_related("framework")
        .prefetch_related("framework__bands")
        .by_year()
    )
    year = request.GET.get("year", "")
    if year.isdigit():
        assessments = assessments.filter(framework__fiscal_year=int(year))
    years = (
        Assessment.objects.for_org(request.org)
        .values_list("framework__fiscal_year", flat=True)
        .order_by("-framework__fiscal_year")
    )
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "assessments": assessments,
            "years": years,
            "year": year,
            "can_edit": can_edit(request.membership),
            "create_form": AssessmentCreateForm(organization=request.org),
        },
    )


@org_view(*EDIT_ROLES)
@require_POST
def assessment_create(request: OrgRequest, org_slug: str) -> HttpResponse:
    form = AssessmentCreateForm(request.POST, organization=request.org)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกปีงบประมาณที่ยังไม่มีผลการประเมิน"))
        return redirect("assessment_list", org_slug=org_slug)
    try:
        assessment = do_create_assessment(
            request.org, form.cleaned_data["framework"], actor=request.membership
        )
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect("assessment_list", org_slug=org_slug)
    return redirect("score_grid", org_slug=org_slug, pk=assessment.pk)


@org_view()
def assessment_detail(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    framework = Framework.objects.prefetch_related("bands").get(pk=assessment.framework_id)
    assessment.framework = framework
    years = comparison.history(assessment)
    previous = years[-2] if len(years) > 1 else None
    rows = comparison.indicator_rows(assessment, previous)
    rises, falls = comparison.movers(assessment, previous)
    chart_years = [(a.fiscal_year, comparison.indicator_scores(a)) for a in years[-3:]]
    totals = [(a.fiscal_year, a.total_score) for a in years if a.total_score is not None]
    findings = (
        assessment.findings.exclude(state=Finding.State.DISCARDED)
        .select_related("indicator")
        .prefetch_related("items")
    )
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "framework": framework,
            "previous": previous,
            "rows": rows,
            "rises": rises,
            "falls": falls,
            "chart": charts.indicator_chart(
                [r.indicator.number for r in rows],
                chart_years,
                framework.pass_mark,
                names={r.indicator.number: r.indicator.name for r in rows},
            ),
            "trend": charts.trend_chart(totals, framework.pass_mark) if len(totals) > 1 else None,
            "warnings": warnings(framework, sheet_of(assessment)),
            "findings": findings,
            "failed_items": assessment.item_scores.filter(passed=False).select_related("item"),
            "can_edit": can_edit(request.membership),
        },
    )


@org_view(*EDIT_ROLES)
def assessment_edit(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    if request.method == "POST":
        form = AssessmentDetailsForm(request.POST, request.FILES, instance=copy(assessment))
        if form.is_valid():
            changes = changed_values(form)
            do_update_assessment(assessment, changes, actor=request.membership)
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("assessment_detail", org_slug=org_slug, pk=pk)
    else:
        form = AssessmentDetailsForm(instance=copy(assessment))
    return render(
        request, "assessments/assessment_form.html", {"assessment": assessment, "form": form}
    )


@org_view()
def assessment_pdf(request: OrgRequest, org_slug: str, pk: int) -> HttpResponseBase:
    assessment = get_assessment(request.membership, pk)
    if not assessment.result_pdf:
        raise Http404
    return serve_stored(
        assessment.result_pdf.open("rb"),
        assessment.result_pdf.name,
        download_name=f"ITA-{assessment.fiscal_year}-{request.org.slug}.pdf",
    )


@org_view(*EDIT_ROLES)
def assessment_delete(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    return confirm_delete(
        request,
        title=_("ลบผลการประเมิน"),
        what=_("ผลการประเมิน ITA ปี %(year)s")
        % {"year": screen_digits(assessment.framework.fiscal_year)},
        back=reverse("assessment_detail", args=[org_slug, pk]),
        done=reverse("assessment_list", args=[org_slug]),
        delete=lambda reason: do_delete_assessment(assessment, reason, actor=request.membership),
    )

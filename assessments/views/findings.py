from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.access import EDIT_ROLES, can_edit, get_assessment, get_finding
from assessments.actions import (
    do_confirm_findings,
    do_discard_finding,
    do_propose_findings,
    do_save_finding,
)
from assessments.forms import FindingForm
from assessments.models import Assessment, Finding
from assessments.proposals import why_nothing
from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError, StaleEdit
from itatrack.forms import mark_stale
from itatrack.thai import screen_digits


def _findings(assessment: Assessment) -> QuerySet[Finding]:
    return (
        assessment.findings.exclude(state=Finding.State.DISCARDED)
        .select_related("indicator")
        .prefetch_related("items")
        .order_by("state", "indicator__number", "kind", "id")
    )


@org_view()
def finding_list(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    return render(
        request,
        "assessments/finding_list.html",
        {
            "assessment": assessment,
            "findings": _findings(assessment),
            "discarded": assessment.findings.filter(state=Finding.State.DISCARDED).count(),
            "can_edit": can_edit(request.membership),
            "proposed": assessment.findings.filter(state=Finding.State.PROPOSED).count(),
        },
    )


@org_view(*EDIT_ROLES)
@require_POST
def finding_propose(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    created = do_propose_findings(assessment, actor=request.membership)
    if created:
        messages.success(
            request,
            _("ระบบเสนอข้อค้นพบ %(n)s รายการ กรุณาตรวจและยืนยันทีละรายการ")
            % {"n": screen_digits(len(created))},
        )
    else:
        messages.info(request, why_nothing(assessment))
    return redirect("finding_list", org_slug=org_slug, pk=pk)


@org_view(*EDIT_ROLES)
def finding_create(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    return _edit(request, assessment, Finding(assessment=assessment))


@org_view(*EDIT_ROLES)
def finding_edit(request: OrgRequest, org_slug: str, pk: int, finding_pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    return _edit(request, assessment, get_finding(assessment, finding_pk))


def _edit(request: OrgRequest, assessment: Assessment, finding: Finding) -> HttpResponse:
    template = (
        "assessments/partials/finding_form.html"
        if request.htmx
        else "assessments/finding_form.html"
    )
    if request.method == "POST":
        form = FindingForm(request.POST, instance=copy(finding), framework=assessment.framework)
        if form.is_valid():
            data = form.cleaned_data
            try:
                finding = do_save_finding(
                    finding,
                    {
                        k: data[k]
                        for k in ("indicator", "kind", "text", "recommendation", "root_cause")
                    },
                    data["items"],
                    actor=request.membership,
                    expected_version=data["version"],
                )
            except StaleEdit as exc:
                mark_stale(form, exc, Finding.objects.get(pk=finding.pk).version)
            except ActionError as exc:
                form.add_error(None, str(exc))
            else:
                if request.htmx:
                    return render(
                        request,
                        "assessments/partials/finding_card.html",
                        {"finding": finding, "assessment": assessment, "can_edit": True},
                    )
                messages.success(request, _("บันทึกข้อค้นพบแล้ว"))
                return redirect(
                    "finding_list", org_slug=assessment.organization.slug, pk=assessment.pk
                )
    else:
        form = FindingForm(instance=copy(finding), framework=assessment.framework)
    return render(request, template, {"form": form, "finding": finding, "assessment": assessment})


@org_view(*EDIT_ROLES)
def finding_card(request: OrgRequest, org_slug: str, pk: int, finding_pk: int) -> HttpResponse:
    """The read-only card, for cancelling an inline edit."""
    assessment = get_assessment(request.membership, pk)
    return render(
        request,
        "assessments/partials/finding_card.html",
        {
            "finding": get_finding(assessment, finding_pk),
            "assessment": assessment,
            "can_edit": True,
        },
    )


@org_view(*EDIT_ROLES)
@require_POST
def finding_confirm_many(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    """Confirm the ticked proposals as they stand."""
    assessment = get_assessment(request.membership, pk)
    ids = [int(v) for v in request.POST.getlist("findings") if v.isdigit()]
    chosen = list(assessment.findings.filter(pk__in=ids))
    try:
        count = do_confirm_findings(assessment, chosen, actor=request.membership)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("ยืนยันข้อค้นพบ %(n)s รายการแล้ว") % {"n": screen_digits(count)})
    return redirect("finding_list", org_slug=org_slug, pk=pk)


@org_view(*EDIT_ROLES)
@require_POST
def finding_discard(request: OrgRequest, org_slug: str, pk: int, finding_pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    do_discard_finding(get_finding(assessment, finding_pk), actor=request.membership)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("นำข้อค้นพบออกแล้ว"))
    return redirect("finding_list", org_slug=org_slug, pk=pk)

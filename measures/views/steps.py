"""Steps are edited inline on the measure page (htmx): each row swaps to a form and back."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError, StaleEdit
from itatrack.forms import mark_stale
from measures.access import EDIT_ROLES, get_measure, get_step
from measures.actions import do_delete_step, do_save_step
from measures.forms import StepForm
from measures.models import Measure, MeasureStep

ROW = "measures/partials/step_row.html"
FORM = "measures/partials/step_form.html"
ADD_FORM = "measures/partials/step_add_form.html"


@org_view(*EDIT_ROLES)
@require_POST
def step_add(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    measure = get_measure(request.membership, pk)
    form = StepForm(request.POST, organization=request.org, fiscal_year=measure.plan.fiscal_year)
    step = None
    if form.is_valid():
        try:
            step = do_save_step(
                MeasureStep(measure=measure), form.values(), actor=request.membership
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
    if not request.htmx:
        if step is None:
            messages.error(request, _("ยังไม่ได้เพิ่มขั้นตอน: กรุณากรอกข้อความของขั้นตอน"))
        return redirect("measure_detail", org_slug=org_slug, pk=pk)
    if step is None:
        response = render(request, ADD_FORM, {"form": form, "measure": measure})
        response["HX-Retarget"] = "#step-add"
        response["HX-Reswap"] = "outerHTML"
        return response
    # The whole list is swapped in (a <tr> fragment parses cleanly; a form beside it, parsed in
    # a table's context, lost its fields), and the form on the page is emptied by itatrack.js
    # on the step-added event, so the next step can be typed straight away.
    response = _step_rows(request, measure)
    response["HX-Trigger"] = "step-added"
    return response


def _step_rows(request: OrgRequest, measure: Measure) -> HttpResponse:
    response = render(
        request,
        "measures/partials/step_rows.html",
        {
            "steps": measure.steps.select_related("department", "owner"),
            "measure": measure,
            "can_edit": True,
        },
    )
    response["HX-Retarget"] = "#steps"
    response["HX-Reswap"] = "innerHTML"
    return response


@org_view(*EDIT_ROLES)
def step_edit(request: OrgRequest, org_slug: str, pk: int, step_pk: int) -> HttpResponse:
    measure = get_measure(request.membership, pk)
    step = get_step(measure, step_pk)
    form = StepForm(
        request.POST or None,
        instance=copy(step),
        organization=request.org,
        fiscal_year=measure.plan.fiscal_year,
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_save_step(
                step,
                form.values(),
                actor=request.membership,
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as exc:
            # Answered 200, not 409: htmx swaps only successful answers, and the form with
            # its message and the typed text must replace the row.
            mark_stale(form, exc, MeasureStep.objects.get(pk=step.pk).version)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, ROW, {"step": step, "measure": measure, "can_edit": True})
    return render(request, FORM, {"form": form, "step": step, "measure": measure})


@org_view(*EDIT_ROLES)
def step_row(request: OrgRequest, org_slug: str, pk: int, step_pk: int) -> HttpResponse:
    measure = get_measure(request.membership, pk)
    return render(
        request, ROW, {"step": get_step(measure, step_pk), "measure": measure, "can_edit": True}
    )


@org_view(*EDIT_ROLES)
@require_POST
def step_delete(request: OrgRequest, org_slug: str, pk: int, step_pk: int) -> HttpResponse:
    measure = get_measure(request.membership, pk)
    do_delete_step(get_step(measure, step_pk), actor=request.membership)
    if not request.htmx:
        return redirect("measure_detail", org_slug=org_slug, pk=pk)
    # The rows after the deleted one are renumbered: the whole list is swapped in.
    return _step_rows(request, measure)

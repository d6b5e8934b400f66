from __future__ import annotations

from collections.abc import Callable
from copy import copy

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError, StaleEdit
from itatrack.forms import mark_stale
from itatrack.views.feedback import flash_errors
from measures import outcome
from measures.access import EDIT_ROLES, can_edit, get_measure, get_plan, is_owner
from measures.actions import (
    do_cancel_measure,
    do_close_measure,
    do_reopen_measure,
    do_save_measure,
    do_set_outcome,
)
from measures.forms import CancelForm, CloseForm, FollowUpForm, MeasureForm, OutcomeForm, StepForm
from measures.models import FollowUp, Measure


@org_view(*EDIT_ROLES)
def measure_create(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request.membership, pk)
    form = MeasureForm(request.POST or None, plan=plan, instance=Measure(plan=plan))
    if request.method == "POST" and form.is_valid():
        try:
            measure = do_save_measure(
                Measure(plan=plan),
                {k: v for k, v in form.values().items() if v is not None},
                form.links(),
                actor=request.membership,
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("เพิ่มมาตรการแล้ว เพิ่มขั้นตอนได้ที่หน้านี้"))
            return redirect("measure_detail", org_slug=org_slug, pk=measure.pk)
    return render(
        request, "measures/measure_form.html", {"form": form, "plan": plan, "measure": None}
    )


@org_view(*EDIT_ROLES)
def measure_edit(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    measure = get_measure(request.membership, pk)
    plan = measure.plan
    form = MeasureForm(request.POST or None, plan=plan, instance=copy(measure))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_save_measure(
                measure,
                form.values(),
                form.links(),
                actor=request.membership,
                expected_version=data["version"],
            )
        except StaleEdit as exc:
            mark_stale(form, exc, Measure.objects.get(pk=pk).version)
            stale = True
        except ActionError as exc:
            form.add_error(None, str(exc))
            stale = False
        else:
            messages.success(request, _("บันทึกมาตรการแล้ว"))
            return redirect("measure_detail", org_slug=org_slug, pk=pk)
        return render(
            request,
            "measures/measure_form.html",
            {
                "form": form,
                "plan": plan,
                "measure": measure,
                "stale": stale,
            },
            status=409 if stale else 200,
        )
    return render(
        request, "measures/measure_form.html", {"form": form, "plan": plan, "measure": measure}
    )


@org_view()
def measure_detail(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    measure = get_measure(request.membership, pk)
    editor = can_edit(request.membership)
    follow_ups = measure.follow_ups.select_related("reported_by").prefetch_related("evidence")
    changes = outcome.changes(measure)
    return render(
        request,
        "measures/measure_detail.html",
        {
            "measure": measure,
            "plan": measure.plan,
            "steps": measure.steps.select_related("department", "owner"),
            "follow_ups": follow_ups,
            "today": timezone.localdate(),
            "can_edit": editor,
            "can_report": editor or is_owner(request.membership, measure),
            "step_form": StepForm(organization=request.org) if editor else None,
            "follow_up_form": FollowUpForm(initial={"date": timezone.localdate()}),
            "close_form": CloseForm(),
            "cancel_form": CancelForm(),
            "changes": changes,
            "suggested_outcome": outcome.sentence(measure) if changes else "",
            "outcome_form": OutcomeForm(
                initial={
                    "text": measure.outcome_text or (outcome.sentence(measure) if changes else "")
                }
            ),
        },
    )


def _status_action(
    request: OrgRequest,
    measure: Measure,
    form_class: type[forms.Form],
    action: Callable[..., Measure],
) -> HttpResponse:
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(measure, *form.cleaned_data.values(), actor=request.membership)
        except ActionError as exc:
            messages.error(request, str(exc))
    else:
        flash_errors(request, form)
    return redirect("measure_detail", org_slug=measure.plan.organization.slug, pk=measure.pk)


@org_view(*EDIT_ROLES)
@require_POST
def measure_close(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    return _status_action(request, get_measure(request.membership, pk), CloseForm, do_close_measure)


@org_view(*EDIT_ROLES)
@require_POST
def measure_cancel(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    return _status_action(
        request, get_measure(request.membership, pk), CancelForm, do_cancel_measure
    )


@org_view(*EDIT_ROLES)
@require_POST
def measure_reopen(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    do_reopen_measure(get_measure(request.membership, pk), actor=request.membership)
    return redirect("measure_detail", org_slug=org_slug, pk=pk)


@org_view(*EDIT_ROLES)
@require_POST
def measure_outcome(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    measure = get_measure(request.membership, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        do_set_outcome(measure, form.cleaned_data["text"], actor=request.membership)
        messages.success(request, _("บันทึกผลลัพธ์แล้ว"))
    return redirect("measure_detail", org_slug=org_slug, pk=pk)


@org_view()
def my_measures(request: OrgRequest, org_slug: str) -> HttpResponse:
    measures = (
        Measure.objects.for_org(request.org)
        .owned_by(request.membership)
        .select_related("plan", "issue_area")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-date")))
        .order_by("status", "end_date")
    )
    return render(
        request,
        "measures/my_measures.html",
        {
            "measures": measures,
            "today": timezone.localdate(),
            "department": request.membership.department,
        },
    )


@org_view()
def due_measures(request: OrgRequest, org_slug: str) -> HttpResponse:
    days = settings.REMINDER_DUE_SOON_DAYS
    base = (
        Measure.objects.for_org(request.org)
        .select_related("plan", "issue_area")
        .prefetch_related("departments")
        .order_by("end_date")
    )
    return render(
        request,
        "measures/due.html",
        {
            "overdue": base.overdue(),
            "due_soon": base.due_soon(days),
            "days": days,
            "today": timezone.localdate(),
        },
    )

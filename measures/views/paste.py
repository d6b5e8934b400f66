"""Paste a measures table: preview (with column mapping and code choices), then confirm."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError
from itatrack.models import Department
from itatrack.pasted import column_count
from itatrack.thai import parse_typed_date, screen_digits
from measures.access import EDIT_ROLES, get_plan
from measures.actions import do_import_measures, ensure_issue_areas
from measures.forms import PasteForm
from measures.models import IssueArea, Plan
from measures.paste import PasteContext, due_key, parse, resolution_key


def _context(plan: Plan, resolutions: dict[str, str]) -> PasteContext:
    framework = plan.assessment.framework if plan.assessment else None
    known = {i.code: i.text for i in framework.items.all()} if framework else {}
    return PasteContext(
        plan.fiscal_year,
        known,
        list(Department.objects.for_org(plan.organization).active()),
        list(IssueArea.objects.for_org(plan.organization).active()),
        resolutions,
    )


def _with_due_dates(resolutions: dict[str, str], data: Mapping[str, str]) -> dict[str, str]:
    """The due dates typed in the preview for periods it could not read ("due_3": "31/03/2570"),
    as resolutions in ISO form; a value that is not a date is left out, and asked again."""
    found = dict(resolutions)
    for name, value in data.items():
        index = name.removeprefix("due_")
        if name.startswith("due_") and index.isdigit() and (day := parse_typed_date(value)):
            found[due_key(int(index))] = day.isoformat()
    return found


@org_view(*EDIT_ROLES)
def plan_paste(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request.membership, pk)
    ensure_issue_areas(request.org)
    if request.method != "POST":
        return render(request, "measures/paste.html", {"plan": plan, "form": PasteForm()})
    text = request.POST.get("text", "")
    columns = column_count(text[:200_000])
    form = PasteForm(request.POST, columns=columns)
    if not form.is_valid():
        return render(request, "measures/paste.html", {"plan": plan, "form": form})
    resolutions = _with_due_dates(form.resolutions(), request.POST)
    preview = parse(
        form.cleaned_data["text"],
        _context(plan, resolutions),
        form.mapping(),
        first_row_is_header=form.cleaned_data["header_row"],
    )
    if "confirm" in request.POST and preview.ok:
        try:
            created = do_import_measures(plan, preview.measures, actor=request.membership)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("เพิ่มมาตรการจากตาราง %(n)s มาตรการ") % {"n": screen_digits(len(created))}
            )
            return redirect("plan_detail", org_slug=org_slug, pk=plan.pk)
    form = form.for_next_preview(preview.mapping, preview.columns)
    choices = [
        (index, match, resolution_key(index, match.raw))
        for index, draft in enumerate(preview.measures)
        for match in draft.codes
        if match.ambiguous or resolution_key(index, match.raw) in resolutions
    ]
    due_dates = [
        (index, draft, request.POST.get(f"due_{index}", ""))
        for index, draft in enumerate(preview.measures)
        if draft.no_due_date or due_key(index) in resolutions
    ]
    owner_choices = [
        (index, choice, resolutions.get(choice.key, ""))
        for index, draft in enumerate(preview.measures)
        for choice in draft.owner_choices
    ]
    return render(
        request,
        "measures/paste.html",
        {
            "plan": plan,
            "form": form,
            "preview": preview,
            "choices": choices,
            "owner_choices": owner_choices,
            "due_dates": due_dates,
            "resolutions": dict(request.POST.items()),
        },
    )

"""Paste a yearly results table onto the plan's measures: preview, choose, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError
from itatrack.thai import screen_digits
from measures.access import EDIT_ROLES, get_plan
from measures.actions import do_import_results
from measures.forms import ResultsPasteForm
from measures.results_paste import FIELDS, parse


@org_view(*EDIT_ROLES)
def plan_results_paste(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request.membership, pk)
    if request.method != "POST":
        return render(
            request, "measures/results_paste.html", {"plan": plan, "form": ResultsPasteForm()}
        )
    form = ResultsPasteForm(request.POST)
    if not form.is_valid():
        return render(request, "measures/results_paste.html", {"plan": plan, "form": form})
    preview = parse(form.cleaned_data["text"], plan, form.resolutions())
    if "confirm" in request.POST and preview.ok:
        try:
            follow_ups, outcomes = do_import_results(
                plan,
                preview.rows,
                date=form.cleaned_data["date"],
                progress=form.cleaned_data["progress"],
                actor=request.membership,
            )
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("บันทึกผลการดำเนินการ %(f)s รายการ และผลลัพธ์ %(o)s มาตรการ")
                % {"f": screen_digits(follow_ups), "o": screen_digits(outcomes)},
            )
            return redirect("plan_detail", org_slug=org_slug, pk=plan.pk)
    columns = [str(FIELDS[name][0]) for _index, name in sorted(preview.mapping.items())]
    return render(
        request,
        "measures/results_paste.html",
        {
            "plan": plan,
            "form": form,
            "preview": preview,
            "columns": columns,
            "chosen": form.resolutions(),
        },
    )

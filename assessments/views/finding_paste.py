"""Paste a findings table: preview (with column mapping and indicator choices), then confirm."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assessments.access import EDIT_ROLES, get_assessment
from assessments.actions import do_import_findings
from assessments.findings_paste import MAX_CHARS, parse
from assessments.forms import FindingPasteForm
from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError
from itatrack.pasted import column_count
from itatrack.thai import to_thai_digits

TEMPLATE = "assessments/finding_paste.html"


@org_view(*EDIT_ROLES)
def finding_paste(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    context = {"assessment": assessment, "form": FindingPasteForm()}
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    columns = column_count(request.POST.get("text", "")[:MAX_CHARS])
    form = FindingPasteForm(request.POST, columns=columns)
    if not form.is_valid():
        return render(request, TEMPLATE, {**context, "form": form})
    resolutions = form.resolutions()
    preview = parse(form.cleaned_data["text"], assessment, form.mapping(), resolutions)
    if "confirm" in request.POST and preview.ok:
        try:
            created = do_import_findings(assessment, preview.findings, actor=request.membership)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("เพิ่มข้อค้นพบจากตาราง %(n)s รายการ") % {"n": to_thai_digits(len(created))}
            )
            return redirect("finding_list", org_slug=org_slug, pk=pk)
    form = form.for_next_preview(preview.mapping, preview.columns)
    return render(
        request, TEMPLATE, {**context, "form": form, "preview": preview, "resolutions": resolutions}
    )

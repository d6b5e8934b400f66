"""Paste a findings table: preview (with column mapping and indicator choices), then confirm."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assessments.access import EDIT_ROLES, get_assessment
from assessments.actions import do_import_findings
from assessments.findings_paste import MAX_CHARS, RowFix, parse
from assessments.forms import FindingPasteForm
from assessments.models import Finding
from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError
from itatrack.pasted import column_count
from itatrack.thai import screen_digits

TEMPLATE = "assessments/finding_paste.html"


FIX_FIELDS = ("kind", "text", "codes", "skip")


def row_fixes(data: QueryDict) -> dict[str, RowFix]:
    """What the person changed of each row in the preview (kind_<key>, text_<key>,
    skip_<key>), by the row's key."""
    fixes: dict[str, RowFix] = {}
    for name in data:
        value = data.get(name, "")
        field, _sep, key = name.partition("_")
        if field not in ("kind", "text", "codes", "skip") or not re.fullmatch(
            r"\d{1,5}-\d{1,3}", key
        ):
            continue
        fix = fixes.setdefault(key, RowFix())
        if field == "kind":
            fix.kind = value
        elif field == "text":
            fix.text = value
        elif field == "codes":
            fix.codes = value
        else:
            fix.skip = value == "1"
    return fixes


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
    preview = parse(
        form.cleaned_data["text"], assessment, form.mapping(), resolutions, row_fixes(request.POST)
    )
    if "confirm" in request.POST and preview.ok:
        try:
            created = do_import_findings(assessment, preview.findings, actor=request.membership)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("เพิ่มข้อค้นพบจากตาราง %(n)s รายการ") % {"n": screen_digits(len(created))}
            )
            return redirect("finding_list", org_slug=org_slug, pk=pk)
    form = form.for_next_preview(preview.mapping, preview.columns)
    return render(
        request,
        TEMPLATE,
        {
            **context,
            "form": form,
            "preview": preview,
            "resolutions": resolutions,
            "kinds": Finding.Kind.choices,
        },
    )

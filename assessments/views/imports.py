"""Upload → preview (nothing written) → confirm (all or nothing), and the downloads."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments import importing
from assessments.access import EDIT_ROLES, get_assessment
from assessments.actions import do_confirm_import, keep_import_preview, sheet_of
from assessments.forms import ImportUploadForm
from assessments.models import Assessment, Framework, ImportPreview
from assessments.scoresheet import warnings
from itatrack.access import OrgRequest, org_view
from itatrack.spreadsheets import download


@org_view(*EDIT_ROLES)
def import_upload(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    context = {"assessment": assessment, "form": ImportUploadForm()}
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            result = importing.parse(assessment.framework, form.table)
            context["result"] = result
            if result.ok:
                preview = keep_import_preview(
                    assessment,
                    result.sheet,
                    actor=request.membership,
                    filename=form.cleaned_data["file"].name,
                    sha256=hashlib.sha256(form.content).hexdigest(),
                )
                context["token"] = preview.token
                context["warnings"] = warnings(assessment.framework, result.sheet)
                context["replaces"] = (
                    assessment.total_score is not None or assessment.item_scores.exists()
                )
    return render(request, "assessments/import.html", context)


@org_view(*EDIT_ROLES)
@require_POST
def import_confirm(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = get_assessment(request.membership, pk)
    preview = (
        ImportPreview.objects.for_member(request.membership)
        .filter(assessment=assessment, token=request.POST.get("token", "")[:40])
        .first()
    )
    if preview is None:
        messages.error(request, _("ไม่พบไฟล์ที่ตรวจแล้ว กรุณาอัปโหลดอีกครั้ง"))
        return redirect("import_upload", org_slug=org_slug, pk=pk)
    do_confirm_import(preview, actor=request.membership)
    messages.success(request, _("นำเข้าคะแนนจาก %(name)s แล้ว") % {"name": preview.filename})
    return redirect("assessment_detail", org_slug=org_slug, pk=pk)


def _export(assessment: Assessment, fmt: str) -> HttpResponse:
    rows = importing.template_rows(assessment.framework, sheet_of(assessment))
    name = f"ITA-{assessment.fiscal_year}-{assessment.organization.slug}"
    if fmt == "xlsx":
        return download(importing.rows_xlsx(f"ITA {assessment.fiscal_year}", rows), f"{name}.xlsx")
    return download(importing.rows_csv(rows), f"{name}.csv")


@org_view()
def assessment_export_csv(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    return _export(get_assessment(request.membership, pk), "csv")


@org_view()
def assessment_export_xlsx(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    return _export(get_assessment(request.membership, pk), "xlsx")


@login_required
def framework_template(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    framework = get_object_or_404(Framework, fiscal_year=year)
    rows = importing.template_rows(framework)
    if fmt == "xlsx":
        return download(importing.rows_xlsx(f"ITA {year}", rows), f"ITA-{year}-template.xlsx")
    return download(importing.rows_csv(rows), f"ITA-{year}-template.csv")

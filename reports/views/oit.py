"""The OIT workspace of one fiscal year: every open-data item of the year's framework, who
prepares it, by when, its evidence, and the reviewer's check."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assessments.models import Framework, Item
from itatrack import thai
from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError, StaleEdit
from itatrack.forms import changed_values, mark_stale
from itatrack.spreadsheets import csv_bytes, download, formula_safe, xlsx_bytes
from measures.access import EDIT_ROLES
from reports.access import get_oit_evidence, get_oit_item
from reports.forms import OitBulkPlanForm, OitCheckForm, OitEvidenceForm, OitPlanForm
from reports.models import OitEntry
from reports.oit import (
    CHECK_ROLES,
    PUBLISH_ROLES,
    do_add_oit_evidence,
    do_check_oit_item,
    do_plan_oit_item,
    do_plan_oit_items,
    do_publish_oit_items,
    do_remove_oit_evidence,
)
from reports.oitboard import board, board_row, comparison, framework_for, self_assessment


def _framework(fiscal_year: int) -> Framework:
    framework = framework_for(fiscal_year)
    if framework is None:
        raise Http404
    return framework


@org_view()
def oit_home(request: OrgRequest, org_slug: str) -> HttpResponse:
    """The year asked for (the year select), else the newest framework up to this fiscal year."""
    years = list(Framework.objects.by_year().values_list("fiscal_year", flat=True))
    asked = request.GET.get("year", "")
    if asked.isdigit() and int(asked) in years:
        return redirect("oit_workspace", org_slug=org_slug, year=int(asked))
    current = thai.fiscal_year(timezone.localdate())
    year = next((y for y in years if y <= current), years[0] if years else None)
    if year is None:
        raise Http404
    return redirect("oit_workspace", org_slug=org_slug, year=year)


@org_view()
def oit_workspace(request: OrgRequest, org_slug: str, year: int) -> HttpResponse:
    framework = _framework(year)
    rows = board(request.org, framework, today=timezone.localdate())
    years = list(Framework.objects.by_year().values_list("fiscal_year", flat=True))
    assessed = self_assessment(request.org, framework, rows)
    return render(
        request,
        "reports/oit_workspace.html",
        {
            "framework": framework,
            "year": year,
            "years": years,
            "rows": rows,
            "assessed": assessed,
            "ready": assessed.ready,
            "total": assessed.items,
            "compared": comparison(request.org, framework, rows),
            "publishable": sum(r.status == OitEntry.Status.READY for r in rows),
            "can_publish": request.membership.role in PUBLISH_ROLES,
            "public_url": settings.SITE_URL + reverse("ita_page", args=[org_slug, year]),
            "can_edit": request.membership.role in EDIT_ROLES,
        },
    )


@org_view(*EDIT_ROLES)
def oit_bulk_plan(request: OrgRequest, org_slug: str, year: int) -> HttpResponse:
    """Tick many items of the year and give them one owner, department or due date."""
    framework = _framework(year)
    rows = board(request.org, framework, today=timezone.localdate())
    items = {r.item.code: r.item for r in rows if not r.item.retired}
    form = OitBulkPlanForm(
        request.POST or None, organization=request.org, codes=list(items), auto_id="id_bulk_%s"
    )
    if request.method == "POST" and form.is_valid():
        chosen = [items[code] for code in form.cleaned_data["codes"]]
        try:
            do_plan_oit_items(request.org, chosen, form.changes(), actor=request.membership)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("มอบหมาย %(n)s รายการแล้ว: %(codes)s")
                % {
                    "n": thai.screen_digits(len(chosen)),
                    "codes": ", ".join(i.code for i in chosen),
                },
            )
            return redirect("oit_workspace", org_slug=org_slug, year=year)
    ticked = set(form["codes"].value() or []) if form.is_bound else set()
    return render(
        request,
        "reports/oit_assign.html",
        {"framework": framework, "year": year, "rows": rows, "form": form, "ticked": ticked},
        status=400 if form.is_bound else 200,
    )


@org_view(*PUBLISH_ROLES)
@require_POST
def oit_publish(request: OrgRequest, org_slug: str, year: int) -> HttpResponse:
    """Publish every item of the year a reviewer found ready (or the one item asked for)."""
    framework = _framework(year)
    entries = OitEntry.objects.for_org(request.org).filter(item__framework=framework)
    if code := request.POST.get("code"):
        entries = entries.filter(item__code=code)
    else:
        entries = entries.filter(status=OitEntry.Status.READY)
    try:
        published = do_publish_oit_items(request.org, list(entries), actor=request.membership)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("เผยแพร่ %(n)s รายการบนหน้า ITA สาธารณะแล้ว")
            % {"n": thai.to_thai_digits(len(published))},
        )
    if code:
        return redirect("oit_item", org_slug=org_slug, year=year, code=code)
    return redirect("oit_workspace", org_slug=org_slug, year=year)


EXPORT_HEADER = [
    gettext_lazy("ลำดับ"),
    gettext_lazy("รหัส"),
    gettext_lazy("รายการ"),
    gettext_lazy("URL หน้ารายการ"),
    gettext_lazy("URL หลักฐาน"),
    gettext_lazy("วันที่เผยแพร่ (เลขอารบิก สำหรับพิมพ์ลงระบบ ITAS)"),
    gettext_lazy("สถานะ"),
]


@org_view()
def oit_export(request: OrgRequest, org_slug: str, year: int, fmt: str) -> HttpResponse:
    """What ITAS asks for, in its order: per item the code, the title, the public URL(s) and
    the date published. One row per item, so that a gap is visible before it costs points."""
    framework = _framework(year)
    page = settings.SITE_URL + reverse("ita_page", args=[org_slug, year])
    rows = [
        [
            number,
            row.item.code,
            formula_safe(row.item.wording),
            f"{page}#{row.item.code}" if row.public_links else "",
            "\n".join(link.url for link in row.public_links),
            thai.thai_date(row.published_on, thai_digits=False) if row.published_on else "",
            row.status_label,
        ]
        for number, row in enumerate(board(request.org, framework), start=1)
    ]
    header = [str(label) for label in EXPORT_HEADER]
    name = f"oit-{year}-{org_slug}.{fmt}"
    if fmt == "csv":
        return download(csv_bytes(header, rows), name)
    heading = _("รายการ OIT ปี %(year)s %(org)s") % {"year": year, "org": request.org.name}
    return download(xlsx_bytes(f"OIT {year}", header, rows, heading), name)


@org_view()
def oit_checklist(request: OrgRequest, org_slug: str, year: int) -> HttpResponse:
    """A printable list to tick off at the meeting before ITAS opens."""
    framework = _framework(year)
    return render(
        request,
        "reports/oit_checklist.html",
        {
            "framework": framework,
            "year": year,
            "rows": board(request.org, framework, today=timezone.localdate()),
            "printed": timezone.localtime(),
        },
    )


def _entry(request: OrgRequest, item: Item) -> OitEntry:
    """The body's entry for the item as it stands, unsaved when nobody has touched it yet."""
    entry = OitEntry.objects.for_org(request.org).filter(item=item).first()
    return entry or OitEntry(organization=request.org, item=item)


def _item_page(
    request: OrgRequest,
    item: Item,
    *,
    plan_form: OitPlanForm | None = None,
    evidence_form: OitEvidenceForm | None = None,
    check_form: OitCheckForm | None = None,
    status: int = 200,
) -> HttpResponse:
    row = board_row(request.org, item)
    entry = row.entry or OitEntry(organization=request.org, item=item)
    membership = request.membership
    context: dict[str, Any] = {
        "item": item,
        "year": item.framework.fiscal_year,
        "entry": entry,
        "row": row,
        "evidence": row.evidence,
        "can_publish": membership.role in PUBLISH_ROLES,
        "can_edit": membership.role in EDIT_ROLES,
        "can_check": membership.role in CHECK_ROLES,
        "plan_form": plan_form or OitPlanForm(instance=copy(entry), organization=request.org),
        "evidence_form": evidence_form or OitEvidenceForm(organization=request.org),
        "check_form": check_form or OitCheckForm(),
    }
    return render(request, "reports/oit_item.html", context, status=status)


@org_view()
def oit_item(request: OrgRequest, org_slug: str, year: int, code: str) -> HttpResponse:
    item = get_oit_item(request.membership, year, code)
    if request.method != "POST":
        return _item_page(request, item)
    if request.membership.role not in EDIT_ROLES:
        raise PermissionDenied
    entry = _entry(request, item)
    form = OitPlanForm(request.POST, instance=copy(entry), organization=request.org)
    if not form.is_valid():
        return _item_page(request, item, plan_form=form, status=400)
    try:
        do_plan_oit_item(
            request.org,
            item,
            changed_values(form),
            actor=request.membership,
            expected_version=form.cleaned_data["version"],
        )
    except StaleEdit as exc:
        mark_stale(form, exc, _entry(request, item).version)
        return _item_page(request, item, plan_form=form, status=409)
    except ActionError as exc:
        form.add_error(None, str(exc))
        return _item_page(request, item, plan_form=form, status=400)
    messages.success(request, _("บันทึก %(code)s แล้ว") % {"code": item.code})
    return redirect("oit_item", org_slug=org_slug, year=year, code=code)


@org_view(*EDIT_ROLES)
@require_POST
def oit_evidence_add(request: OrgRequest, org_slug: str, year: int, code: str) -> HttpResponse:
    item = get_oit_item(request.membership, year, code)
    form = OitEvidenceForm(request.POST, request.FILES, organization=request.org)
    if not form.is_valid():
        return _item_page(request, item, evidence_form=form, status=400)
    try:
        added = do_add_oit_evidence(
            request.org,
            item,
            files=form.cleaned_data["files"],
            links=form.cleaned_data["links"],
            memo=form.cleaned_data["memo"],
            actor=request.membership,
        )
    except ActionError as exc:
        form.add_error(None, str(exc))
        return _item_page(request, item, evidence_form=form, status=400)
    messages.success(
        request, _("เพิ่มหลักฐาน %(n)s รายการแล้ว") % {"n": thai.to_thai_digits(len(added))}
    )
    return redirect("oit_item", org_slug=org_slug, year=year, code=code)


@org_view(*EDIT_ROLES)
@require_POST
def oit_evidence_remove(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    evidence = get_oit_evidence(request.membership, pk)
    item = evidence.entry.item
    do_remove_oit_evidence(evidence, actor=request.membership)
    messages.success(request, _("นำหลักฐานออกแล้ว"))
    return redirect("oit_item", org_slug=org_slug, year=item.framework.fiscal_year, code=item.code)


@org_view(*CHECK_ROLES)
@require_POST
def oit_check(request: OrgRequest, org_slug: str, year: int, code: str) -> HttpResponse:
    item = get_oit_item(request.membership, year, code)
    entry = OitEntry.objects.for_org(request.org).filter(item=item).first()
    form = OitCheckForm(request.POST)
    if entry is None:
        form.add_error(None, _("รายการนี้ยังไม่มีหลักฐาน จึงยังไม่พร้อม"))
        return _item_page(request, item, check_form=form, status=400)
    if not form.is_valid():
        return _item_page(request, item, check_form=form, status=400)
    try:
        do_check_oit_item(
            entry,
            ready=form.cleaned_data["ready"],
            comment=form.cleaned_data["comment"],
            actor=request.membership,
        )
    except ActionError as exc:
        form.add_error(None, str(exc))
        return _item_page(request, item, check_form=form, status=400)
    messages.success(request, _("บันทึกผลการตรวจ %(code)s แล้ว") % {"code": item.code})
    return redirect("oit_item", org_slug=org_slug, year=year, code=code)

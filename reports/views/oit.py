"""The OIT workspace of one fiscal year: every open-data item of the year's framework, who
prepares it, by when, its evidence, and the reviewer's check."""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.models import Framework, Item, Tool
from itatrack import thai
from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError, StaleEdit
from itatrack.forms import changed_values, mark_stale
from measures.access import EDIT_ROLES
from reports.access import get_oit_evidence, get_oit_item
from reports.forms import OitCheckForm, OitEvidenceForm, OitPlanForm
from reports.models import OitEntry
from reports.oit import (
    CHECK_ROLES,
    do_add_oit_evidence,
    do_check_oit_item,
    do_plan_oit_item,
    do_remove_oit_evidence,
)

DONE = (OitEntry.Status.READY, OitEntry.Status.PUBLISHED)


@dataclass
class Row:
    item: Item
    entry: OitEntry | None
    evidence: int
    overdue: bool

    @property
    def status(self) -> str:
        return self.entry.status if self.entry else OitEntry.Status.NOT_STARTED


def _framework(fiscal_year: int) -> Framework:
    framework = Framework.objects.filter(fiscal_year=fiscal_year).first()
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
    items = list(
        framework.items.filter(indicator__tool=Tool.OIT).select_related(
            "indicator", "sub_indicator"
        )
    )
    entries = {
        e.item_id: e
        for e in OitEntry.objects.for_org(request.org)
        .filter(item__in=items)
        .select_related("owner", "department")
        .annotate(n=Count("evidence"))
    }
    today = timezone.localdate()
    rows = []
    for item in items:
        entry = entries.get(item.pk)
        overdue = bool(
            entry and entry.due_date and entry.due_date < today and entry.status not in DONE
        )
        rows.append(Row(item, entry, getattr(entry, "n", 0), overdue))
    ready = sum(row.status in DONE for row in rows)
    years = list(Framework.objects.by_year().values_list("fiscal_year", flat=True))
    return render(
        request,
        "reports/oit_workspace.html",
        {
            "framework": framework,
            "year": year,
            "years": years,
            "rows": rows,
            "ready": ready,
            "total": len(rows),
            "ready_percent": round(100 * ready / len(rows)) if rows else 0,
            "statuses": OitEntry.Status,
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
    entry = _entry(request, item)
    membership = request.membership
    context: dict[str, Any] = {
        "item": item,
        "year": item.framework.fiscal_year,
        "entry": entry,
        "evidence": list(entry.evidence.select_related("memo")) if entry.pk else [],
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
    messages.success(request, _("เพิ่มหลักฐาน %(n)s รายการแล้ว") % {"n": len(added)})
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

"""Site staff edit a year's framework part by part: indicators, sub-indicators and items, the
confirm, and the year as a workbook (export, upload, preview, load)."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments import framework_actions as actions
from assessments import framework_xlsx
from assessments.forms import FrameworkUploadForm, IndicatorForm, ItemForm, SubIndicatorForm
from assessments.importing import ImportFileError
from assessments.models import Framework, FrameworkUpload, Indicator, Item, SubIndicator
from assessments.views.frameworks import staff_only
from itatrack.access import AuthedRequest
from itatrack.actions import ActionError
from itatrack.actors import Operator
from itatrack.spreadsheets import download
from itatrack.thai import screen_digits, screen_number


def _framework(year: int) -> Framework:
    return get_object_or_404(Framework, fiscal_year=year)


def _back(year: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("framework_detail", args=[year]) + (f"#{anchor}" if anchor else ""))


def _form_page(request: HttpRequest, framework: Framework, form: Any, title: str) -> HttpResponse:
    return render(
        request,
        "assessments/framework_part_form.html",
        {"framework": framework, "form": form, "title": title},
    )


# --- indicators ---------------------------------------------------------------------------------


@staff_only
def indicator_add(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    next_number = (
        framework.indicators.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    form = IndicatorForm(
        request.POST or None,
        instance=Indicator(framework=framework),
        initial={"number": screen_number(next_number, 0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = actions.do_add_indicator(
                framework,
                {k: form.cleaned_data[k] for k in ("number", "name", "tool")},
                actor=Operator(request.user),
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("เพิ่มตัวชี้วัดแล้ว"))
            return _back(year, f"indicator-{indicator.pk}")
    return _form_page(request, framework, form, _("เพิ่มตัวชี้วัด"))


@staff_only
def indicator_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    framework = _framework(year)
    indicator = get_object_or_404(framework.indicators, pk=pk)
    form = IndicatorForm(request.POST or None, instance=copy(indicator))
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_indicator(
                indicator,
                {k: form.cleaned_data[k] for k in ("number", "name", "tool")},
                actor=Operator(request.user),
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("บันทึกตัวชี้วัดแล้ว"))
            return _back(year, f"indicator-{indicator.pk}")
    return _form_page(
        request,
        framework,
        form,
        _("แก้ไขตัวชี้วัดที่ %(n)s") % {"n": screen_number(indicator.number, 0)},
    )


@staff_only
@require_POST
def indicator_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    framework = _framework(year)
    indicator = get_object_or_404(framework.indicators, pk=pk)
    try:
        actions.do_delete_indicator(indicator, actor=Operator(request.user))
    except ActionError as exc:
        messages.error(request, str(exc))
        return _back(year, f"indicator-{pk}")
    messages.success(request, _("ลบตัวชี้วัดแล้ว"))
    return _back(year)


# --- sub-indicators -----------------------------------------------------------------------------


@staff_only
def sub_add(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    framework = _framework(year)
    indicator = get_object_or_404(framework.indicators, pk=pk)
    form = SubIndicatorForm(request.POST or None, instance=SubIndicator(indicator=indicator))
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_add_sub_indicator(
                indicator,
                {k: form.cleaned_data[k] for k in ("code", "name")},
                actor=Operator(request.user),
            )
        except ActionError as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, _("เพิ่มตัวชี้วัดย่อยแล้ว"))
            return _back(year, f"indicator-{indicator.pk}")
    return _form_page(
        request,
        framework,
        form,
        _("เพิ่มตัวชี้วัดย่อยในตัวชี้วัดที่ %(n)s") % {"n": screen_number(indicator.number, 0)},
    )


def _sub(framework: Framework, pk: int) -> SubIndicator:
    return get_object_or_404(
        SubIndicator.objects.select_related("indicator"), indicator__framework=framework, pk=pk
    )


@staff_only
def sub_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    framework = _framework(year)
    sub = _sub(framework, pk)
    form = SubIndicatorForm(
        request.POST or None,
        instance=copy(sub),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_sub_indicator(
                sub,
                {k: form.cleaned_data[k] for k in ("code", "name")},
                actor=Operator(request.user),
            )
        except ActionError as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, _("บันทึกตัวชี้วัดย่อยแล้ว"))
            return _back(year, f"indicator-{sub.indicator_id}")
    return _form_page(request, framework, form, _("แก้ไขตัวชี้วัดย่อย %(code)s") % {"code": sub.code})


@staff_only
@require_POST
def sub_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    framework = _framework(year)
    sub = _sub(framework, pk)
    actions.do_delete_sub_indicator(sub, actor=Operator(request.user))
    messages.success(
        request, _("ลบตัวชี้วัดย่อย %(code)s แล้ว รายการของตัวชี้วัดย่อยนี้ยังอยู่ในตัวชี้วัดเดิม") % {"code": sub.code}
    )
    return _back(year, f"indicator-{sub.indicator_id}")


# --- items --------------------------------------------------------------------------------------


@staff_only
def item_add(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    indicator = framework.indicators.filter(pk=request.GET.get("indicator") or 0).first()
    initial: dict[str, Any] = {}
    if indicator is not None:
        initial = {
            "indicator": indicator.pk,
            "scale": Item.Scale.PASS_FAIL if indicator.tool == "OIT" else Item.Scale.FOUR_LEVEL,
        }
    form = ItemForm(request.POST or None, instance=Item(framework=framework), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.do_add_item(
                framework,
                {
                    k: form.cleaned_data[k]
                    for k in ("code", "text", "indicator", "sub_indicator", "scale")
                },
                actor=Operator(request.user),
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("เพิ่มรายการ %(code)s แล้ว") % {"code": item.code})
            return _back(year, f"item-{item.pk}")
    return _form_page(request, framework, form, _("เพิ่มข้อคำถามหรือรายการ"))


def _item(framework: Framework, pk: int) -> Item:
    return get_object_or_404(framework.items.select_related("indicator"), pk=pk)


@staff_only
@require_POST
def item_move(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    framework = _framework(year)
    item = _item(framework, pk)
    step = -1 if request.POST.get("step") == "up" else 1
    actions.do_move_item(item, step, actor=Operator(request.user))
    return _back(year, f"item-{item.pk}")


@staff_only
@require_POST
def item_remove(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    framework = _framework(year)
    item = _item(framework, pk)
    if actions.do_remove_item(item, actor=Operator(request.user)):
        messages.success(request, _("ลบรายการ %(code)s แล้ว") % {"code": item.code})
        return _back(year, f"indicator-{item.indicator_id}")
    messages.warning(
        request,
        _(
            "รายการ %(code)s มีคะแนน ข้อค้นพบ หลักฐาน หรือมาตรการของหน่วยงานอ้างถึงแล้ว "
            "จึงเลิกใช้แทนการลบ: ข้อมูลเดิมยังอยู่ และจะไม่มีให้เลือกในงานใหม่"
        )
        % {"code": item.code},
    )
    return _back(year, f"item-{item.pk}")


@staff_only
@require_POST
def item_restore(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    framework = _framework(year)
    item = _item(framework, pk)
    actions.do_restore_item(item, actor=Operator(request.user))
    messages.success(request, _("นำรายการ %(code)s กลับมาใช้แล้ว") % {"code": item.code})
    return _back(year, f"item-{item.pk}")


# --- the confirm and the workbook ---------------------------------------------------------------


@staff_only
@require_POST
def framework_confirm(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    actions.do_confirm_framework(framework, actor=Operator(request.user))
    messages.success(
        request,
        _("ยืนยันกรอบการประเมินปี %(year)s แล้ว หน้าต่าง ๆ จะไม่แสดงว่ายังไม่ยืนยันอีก")
        % {"year": screen_digits(str(year))},
    )
    return _back(year)


@staff_only
def framework_export(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    return download(framework_xlsx.export(framework), f"ita-framework-{year}.xlsx")


@staff_only
def framework_import(request: AuthedRequest) -> HttpResponse:
    form = FrameworkUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["file"].name
        try:
            result = framework_xlsx.parse(name, form.content)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            context["result"] = result
            if result.ok:
                plan = actions.import_plan(result.spec)
                context["plan"] = plan
                if not plan["refusals"]:
                    with transaction.atomic():
                        FrameworkUpload.objects.expired().delete()
                        upload = FrameworkUpload.objects.create(
                            user=request.user,
                            fiscal_year=result.spec["fiscal_year"],
                            spec=result.spec,
                            filename=name[:200],
                        )
                    context["token"] = upload.token
                    context["without_wording"] = [
                        i["code"]
                        for i in result.spec["items"]
                        if not i["text"] and not i["retired"]
                    ]
    return render(request, "assessments/framework_import.html", context)


@staff_only
@require_POST
def framework_import_confirm(request: AuthedRequest) -> HttpResponse:
    upload = FrameworkUpload.objects.filter(
        user=request.user, token=request.POST.get("token", "")[:40]
    ).first()
    if upload is None:
        messages.error(request, _("ไม่พบไฟล์ที่ตรวจแล้ว กรุณาอัปโหลดอีกครั้ง"))
        return redirect("framework_import")
    try:
        framework = actions.do_import_framework(upload, actor=Operator(request.user))
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect("framework_import")
    messages.success(
        request,
        _("นำเข้ากรอบการประเมินปี %(year)s แล้ว กรุณาตรวจกับคู่มือแล้วกด “ยืนยันกรอบนี้”")
        % {"year": screen_digits(str(framework.fiscal_year))},
    )
    return _back(framework.fiscal_year)

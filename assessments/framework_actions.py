"""Operators' changes to a year's framework: indicators, sub-indicators, items, the confirm,
and loading a year from a workbook. One transaction and one audit event each.

Organisations' scores, findings, evidence and measures point at items and indicators, so a
used item is retired (kept, no longer offered) and a used indicator is never removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from assessments.framework_data import create_framework
from assessments.framework_use import indicator_is_used, item_is_used, used_ids
from assessments.models import (
    Framework,
    FrameworkUpload,
    Indicator,
    Item,
    LevelBand,
    SubIndicator,
)
from itatrack.actions import ActionError, save_changes
from itatrack.actors import Operator, check_actor
from itatrack.audit import record
from itatrack.thai import thai_number


@transaction.atomic(durable=True)
def do_confirm_framework(framework: Framework, *, actor: Operator | None) -> Framework:
    """The operator has checked the year against NACC's manual: pages stop calling it
    provisional."""
    check_actor(actor, None)
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if framework.status == Framework.Status.CONFIRMED:
        return framework
    framework.status = Framework.Status.CONFIRMED
    framework.save(update_fields=["status"])
    record(
        "framework.confirm",
        actor=actor,
        organization=None,
        target=framework,
        without_wording=list(
            framework.items.active().filter(text="").values_list("code", flat=True)
        ),
        weights_known=framework.weights is not None,
    )
    return framework


# --- indicators and sub-indicators --------------------------------------------------------------


def _check_number_free(framework: Framework, number: int, indicator: Indicator | None) -> None:
    taken = framework.indicators.filter(number=number)
    if indicator is not None:
        taken = taken.exclude(pk=indicator.pk)
    if taken.exists():
        raise ActionError(_("มีตัวชี้วัดที่ %(n)s ในปีนี้อยู่แล้ว") % {"n": thai_number(number, 0)})


@transaction.atomic(durable=True)
def do_add_indicator(
    framework: Framework, fields: Mapping[str, Any], *, actor: Operator | None
) -> Indicator:
    check_actor(actor, None)
    _check_number_free(framework, fields["number"], None)
    indicator = framework.indicators.create(**fields)
    record(
        "framework.indicator_add",
        actor=actor,
        organization=None,
        target=framework,
        number=indicator.number,
        name=indicator.name,
        tool=indicator.tool,
    )
    return indicator


@transaction.atomic(durable=True)
def do_update_indicator(
    indicator: Indicator, changes: Mapping[str, Any], *, actor: Operator | None
) -> Indicator:
    """Rename, renumber (reorder) or move an indicator to another tool. The tool of an
    indicator with items stays: their codes say which tool they belong to."""
    check_actor(actor, None)
    if "number" in changes:
        _check_number_free(indicator.framework, changes["number"], indicator)
    if changes.get("tool", indicator.tool) != indicator.tool and indicator.items.exists():
        raise ActionError(_("ตัวชี้วัดนี้มีรายการแล้ว จึงเปลี่ยนเครื่องมือไม่ได้ ย้ายรายการไปตัวชี้วัดอื่นก่อน"))
    before = {"number": indicator.number, "name": indicator.name, "tool": indicator.tool}
    changed = {k: [str(before[k]), str(v)] for k, v in changes.items() if before.get(k, v) != v}
    if changed:
        for name, value in changes.items():
            setattr(indicator, name, value)
        indicator.save()
        record(
            "framework.indicator_update",
            actor=actor,
            organization=None,
            target=indicator.framework,
            number=indicator.number,
            changes=changed,
        )
    return indicator


@transaction.atomic(durable=True)
def do_delete_indicator(indicator: Indicator, *, actor: Operator | None) -> None:
    check_actor(actor, None)
    if indicator.items.exists():
        raise ActionError(_("ตัวชี้วัดนี้ยังมีรายการ ย้ายรายการไปตัวชี้วัดอื่นหรือลบรายการก่อน"))
    if indicator_is_used(indicator):
        raise ActionError(_("ลบตัวชี้วัดนี้ไม่ได้ เพราะมีคะแนนหรือข้อค้นพบของหน่วยงานอ้างถึงแล้ว"))
    framework = indicator.framework
    record(
        "framework.indicator_delete",
        actor=actor,
        organization=None,
        target=framework,
        number=indicator.number,
        name=indicator.name,
    )
    indicator.delete()


def _check_sub_code_free(indicator: Indicator, code: str, sub: SubIndicator | None) -> None:
    taken = SubIndicator.objects.filter(indicator__framework=indicator.framework, code=code)
    if sub is not None:
        taken = taken.exclude(pk=sub.pk)
    if taken.exists():
        raise ActionError(_("มีตัวชี้วัดย่อย %(code)s ในปีนี้อยู่แล้ว") % {"code": code})


@transaction.atomic(durable=True)
def do_add_sub_indicator(
    indicator: Indicator, fields: Mapping[str, Any], *, actor: Operator | None
) -> SubIndicator:
    check_actor(actor, None)
    _check_sub_code_free(indicator, fields["code"], None)
    sub = indicator.subs.create(**fields)
    record(
        "framework.sub_add",
        actor=actor,
        organization=None,
        target=indicator.framework,
        code=sub.code,
        name=sub.name,
    )
    return sub


@transaction.atomic(durable=True)
def do_update_sub_indicator(
    sub: SubIndicator, changes: Mapping[str, Any], *, actor: Operator | None
) -> SubIndicator:
    check_actor(actor, None)
    if "code" in changes:
        _check_sub_code_free(sub.indicator, changes["code"], sub)
    before = {"code": sub.code, "name": sub.name}
    changed = {k: [before[k], v] for k, v in changes.items() if before.get(k, v) != v}
    if changed:
        for name, value in changes.items():
            setattr(sub, name, value)
        sub.save()
        record(
            "framework.sub_update",
            actor=actor,
            organization=None,
            target=sub.indicator.framework,
            code=sub.code,
            changes=changed,
        )
    return sub


@transaction.atomic(durable=True)
def do_delete_sub_indicator(sub: SubIndicator, *, actor: Operator | None) -> None:
    """Its items stay, under the indicator alone."""
    check_actor(actor, None)
    codes = list(sub.items.values_list("code", flat=True))
    record(
        "framework.sub_delete",
        actor=actor,
        organization=None,
        target=sub.indicator.framework,
        code=sub.code,
        name=sub.name,
        items=codes,
    )
    sub.delete()


# --- items --------------------------------------------------------------------------------------


def _check_item(framework: Framework, fields: Mapping[str, Any], item: Item | None) -> None:
    code = fields.get("code", item.code if item else "")
    indicator = fields.get("indicator", item.indicator if item else None)
    taken = framework.items.filter(code=code)
    if item is not None:
        taken = taken.exclude(pk=item.pk)
    if taken.exists():
        raise ActionError(_("มีรายการรหัส %(code)s ในปีนี้อยู่แล้ว") % {"code": code})
    if indicator is not None and indicator.framework_id != framework.pk:
        raise ActionError(_("ตัวชี้วัดนี้ไม่ได้อยู่ในกรอบการประเมินปีนี้"))
    if indicator is not None and code[:1] != indicator.tool[:1]:
        raise ActionError(
            _("รหัส %(code)s ไม่ใช่ของเครื่องมือ %(tool)s ของตัวชี้วัดที่เลือก")
            % {"code": code, "tool": indicator.tool}
        )
    sub = fields.get("sub_indicator", item.sub_indicator if item else None)
    if sub is not None and indicator is not None and sub.indicator_id != indicator.pk:
        raise ActionError(_("ตัวชี้วัดย่อยที่เลือกไม่ได้อยู่ในตัวชี้วัดนี้"))


@transaction.atomic(durable=True)
def do_add_item(framework: Framework, fields: Mapping[str, Any], *, actor: Operator | None) -> Item:
    """A new item, placed after the last item of its indicator."""
    check_actor(actor, None)
    _check_item(framework, fields, None)
    indicator = fields["indicator"]
    after = indicator.items.aggregate(last=Max("order"))["last"]
    if after is None:
        after = framework.items.aggregate(last=Max("order"))["last"] or 0
    framework.items.filter(order__gt=after).update(order=F("order") + 1)
    item = framework.items.create(order=after + 1, **fields)
    record(
        "framework.item_add",
        actor=actor,
        organization=None,
        target=item,
        code=item.code,
        indicator=indicator.number,
    )
    return item


@transaction.atomic(durable=True)
def do_update_item(item: Item, changes: Mapping[str, Any], *, actor: Operator | None) -> Item:
    """Wording, code, indicator, sub-indicator and scale. The code of a used item stays: the
    organisations' documents already name it."""
    check_actor(actor, None)
    _check_item(item.framework, changes, item)
    if changes.get("code", item.code) != item.code and item_is_used(item):
        raise ActionError(
            _(
                "เปลี่ยนรหัสของรายการนี้ไม่ได้ เพราะมีคะแนน ข้อค้นพบ หลักฐาน หรือมาตรการของหน่วยงานอ้างถึงแล้ว "
                "ให้เลิกใช้รายการนี้แล้วเพิ่มรายการรหัสใหม่"
            )
        )
    save_changes(item, changes, "framework.item_update", actor=actor, organization=None)
    return item


@transaction.atomic(durable=True)
def do_move_item(item: Item, step: int, *, actor: Operator | None) -> Item:
    """One place up (-1) or down (+1) among its indicator's items."""
    check_actor(actor, None)
    siblings = list(
        Item.objects.select_for_update().filter(indicator=item.indicator).order_by("order", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(siblings):
        return item
    orders = sorted({s.order for s in siblings})
    if len(orders) != len(siblings):  # equal orders (a copied year): number them first
        base = siblings[0].order
        orders = list(range(base, base + len(siblings)))
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for sibling, order in zip(siblings, orders, strict=True):
        if sibling.order != order:
            sibling.order = order
            sibling.save(update_fields=["order"])
    record(
        "framework.item_move",
        actor=actor,
        organization=None,
        target=item,
        code=item.code,
        after=siblings[target - 1].code if target > 0 else "",
    )
    item.refresh_from_db()
    return item


@transaction.atomic(durable=True)
def do_remove_item(item: Item, *, actor: Operator | None) -> bool:
    """Delete an item nobody's data points at; retire one that is used. True when deleted."""
    check_actor(actor, None)
    if item_is_used(item):
        if not item.retired:
            item.retired = True
            item.save(update_fields=["retired"])
            record("framework.item_retire", actor=actor, organization=None, target=item)
        return False
    record(
        "framework.item_delete",
        actor=actor,
        organization=None,
        target=item.framework,
        code=item.code,
        text=item.text,
    )
    item.delete()
    return True


@transaction.atomic(durable=True)
def do_restore_item(item: Item, *, actor: Operator | None) -> Item:
    check_actor(actor, None)
    if item.retired:
        item.retired = False
        item.save(update_fields=["retired"])
        record("framework.item_restore", actor=actor, organization=None, target=item)
    return item


# --- a year from a workbook ---------------------------------------------------------------------


def import_plan(spec: Mapping[str, Any]) -> dict[str, Any]:
    """What loading spec would do to the year already in the database: the lists the preview
    shows, and the refusals (a used indicator the file leaves out)."""
    framework = Framework.objects.filter(fiscal_year=spec["fiscal_year"]).first()
    plan: dict[str, Any] = {
        "exists": framework is not None,
        "confirmed": framework is not None and not framework.is_provisional,
        "added": [],
        "changed": [],
        "retired": [],
        "deleted": [],
        "restored": [],
        "indicators_added": [],
        "indicators_removed": [],
        "refusals": [],
    }
    if framework is None:
        plan["added"] = [i["code"] for i in spec["items"] if not i["retired"]]
        return plan
    current = {i.code: i for i in framework.items.select_related("indicator", "sub_indicator")}
    typed = {i["code"]: i for i in spec["items"]}
    gone = [item for code, item in current.items() if code not in typed or typed[code]["retired"]]
    used = used_ids(Item, [item.pk for item in gone])
    for code, row in typed.items():
        item = current.get(code)
        if item is None:
            if not row["retired"]:
                plan["added"].append(code)
            continue
        if item.retired and not row["retired"]:
            plan["restored"].append(code)
        elif (
            item.text != row["text"]
            or item.indicator.number != row["indicator"]
            or (item.sub_indicator.code if item.sub_indicator else None) != row["sub"]
            or item.scale != row["scale"]
        ):
            plan["changed"].append(code)
    for item in gone:
        if item.pk in used:
            if not item.retired:
                plan["retired"].append(item.code)
        else:
            plan["deleted"].append(item.code)
    numbers = {i["number"] for i in spec["indicators"]}
    existing = {i.number: i for i in framework.indicators.all()}
    plan["indicators_added"] = sorted(numbers - set(existing))
    for number, indicator in sorted(existing.items()):
        if number in numbers:
            continue
        plan["indicators_removed"].append(number)
        keeps = [
            item.code for item in gone if item.indicator_id == indicator.pk and item.pk in used
        ]
        if keeps or indicator_is_used(indicator):
            plan["refusals"].append(
                _(
                    "ไฟล์ไม่มีตัวชี้วัดที่ %(n)s ซึ่งมีคะแนนหรือข้อมูลของหน่วยงานอ้างถึงแล้ว "
                    "กรุณาใส่ตัวชี้วัดนี้ไว้ในไฟล์ (รายการที่ไม่ใช้แล้วให้ระบุสถานะ “เลิกใช้”)"
                )
                % {"n": thai_number(number, 0)}
            )
    return plan


@transaction.atomic(durable=True)
def do_import_framework(upload: FrameworkUpload, *, actor: Operator | None) -> Framework:
    """Load the checked workbook as its year: a new year is created; an existing year is
    brought to the file (used items left out are retired, unused ones deleted). Either way the
    year is provisional until an operator confirms it."""
    check_actor(actor, None)
    spec = upload.spec
    plan = import_plan(spec)
    if plan["refusals"]:
        raise ActionError(" ".join(plan["refusals"]))
    framework = (
        Framework.objects.select_for_update().filter(fiscal_year=spec["fiscal_year"]).first()
    )
    if framework is None:
        fixture_spec = {
            **spec,
            "status": Framework.Status.PROVISIONAL,
            "items": [i for i in spec["items"] if not i["retired"]],
        }
        framework = create_framework(fixture_spec, lambda name: apps.get_model("assessments", name))
    else:
        _bring_to(framework, spec)
    record(
        "framework.import",
        actor=actor,
        organization=None,
        target=framework,
        filename=upload.filename,
        **{key: plan[key] for key in ("added", "changed", "retired", "deleted", "restored")},
    )
    upload.delete()
    return framework


def _bring_to(framework: Framework, spec: Mapping[str, Any]) -> None:
    weights = spec["weights"] or {}
    framework.status = Framework.Status.PROVISIONAL
    framework.pass_mark = Decimal(spec["pass_mark"])
    framework.iit_weight = weights.get("IIT")
    framework.eit_weight = weights.get("EIT")
    framework.oit_weight = weights.get("OIT")
    framework.notes = spec["notes"]
    framework.save()
    framework.bands.all().delete()
    LevelBand.objects.bulk_create(
        LevelBand(framework=framework, level=b["level"], min_score=Decimal(b["min"]))
        for b in spec["bands"]
    )
    indicator_weights = spec.get("indicator_weights") or {}
    indicators = {i.number: i for i in framework.indicators.all()}
    subs = {s.code: s for s in SubIndicator.objects.filter(indicator__framework=framework)}
    typed_subs = set()
    for row in spec["indicators"]:
        indicator = indicators.get(row["number"])
        weight = indicator_weights.get(str(row["number"]))
        values = {
            "name": row["name"],
            "tool": row["tool"],
            "weight": Decimal(weight) if weight is not None else None,
        }
        if indicator is None:
            indicator = framework.indicators.create(number=row["number"], **values)
            indicators[row["number"]] = indicator
        else:
            for name, value in values.items():
                setattr(indicator, name, value)
            indicator.save()
        for sub_row in row["subs"]:
            typed_subs.add(sub_row["code"])
            sub = subs.get(sub_row["code"])
            if sub is None:
                subs[sub_row["code"]] = indicator.subs.create(
                    code=sub_row["code"], name=sub_row["name"]
                )
            else:
                sub.indicator = indicator
                sub.name = sub_row["name"]
                sub.save()
    current = {i.code: i for i in framework.items.all()}
    typed = {row["code"] for row in spec["items"]}
    for order, row in enumerate(spec["items"], start=1):
        values = {
            "indicator": indicators[row["indicator"]],
            "sub_indicator": subs[row["sub"]] if row["sub"] else None,
            "text": row["text"],
            "scale": row["scale"],
            "order": order,
            "retired": row["retired"],
        }
        item = current.get(row["code"])
        if item is None:
            if not row["retired"]:
                framework.items.create(code=row["code"], **values)
            continue
        for name, value in values.items():
            setattr(item, name, value)
        item.save()
    gone = [item for code, item in current.items() if code not in typed]
    used = used_ids(Item, [item.pk for item in gone])
    for item in gone:
        if item.pk in used:
            item.retired = True
            item.save(update_fields=["retired"])
        else:
            item.delete()
    retired_unused = framework.items.filter(retired=True).exclude(
        pk__in=used_ids(Item, framework.items.filter(retired=True).values_list("pk", flat=True))
    )
    retired_unused.delete()
    for code, sub in subs.items():
        if code not in typed_subs:
            sub.delete()
    numbers = {row["number"] for row in spec["indicators"]}
    for number, indicator in indicators.items():
        if number not in numbers:
            indicator.delete()

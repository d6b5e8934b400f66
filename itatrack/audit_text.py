"""The audit trail as an auditor reads it: Thai sentences, never a data dump.

Field names by their Thai labels, values as people write them (Buddhist-era dates, Thai
digits, choice labels, the names of linked things), link changes as "เพิ่ม …" / "ลบ …", and no
internal field (tokens, stored HTML, hashes) at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from itatrack.thai import official_digits, screen_date, screen_digits

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

THAI = re.compile(r"[\u0E00-\u0E7F]")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# Never shown: secrets, links that grant access, stored copies and their fingerprints.
HIDDEN = re.compile(r"token|secret|password|html|sha256|_task_id|^pdf$|^final_text$|key$")
LIST_SHOWN = 12

# Labels of fields and data keys that have no Thai verbose name of their own.
LABELS: dict[str, StrOrPromise] = {
    "fields": gettext_lazy("ช่องที่แก้"),
    "username": gettext_lazy("ชื่อผู้ใช้"),
    "role": gettext_lazy("บทบาท"),
    "new_account": gettext_lazy("บัญชีใหม่"),
    "ended_sessions": gettext_lazy("จำนวนการเข้าสู่ระบบที่อื่นที่ถูกปิด"),
    "after": gettext_lazy("ต่อจาก"),
    "bands": gettext_lazy("ระดับผลการประเมิน"),
    "changes": gettext_lazy("สิ่งที่เปลี่ยน"),
    "code": gettext_lazy("รหัส"),
    "comment": gettext_lazy("ความเห็น"),
    "count": gettext_lazy("จำนวน"),
    "evidence": gettext_lazy("หลักฐาน"),
    "filename": gettext_lazy("ชื่อไฟล์"),
    "follow_ups": gettext_lazy("รายงานผล"),
    "heading": gettext_lazy("หัวข้อ"),
    "indicator": gettext_lazy("ตัวชี้วัดที่"),
    "items": gettext_lazy("รายการ"),
    "kind": gettext_lazy("ประเภท"),
    "name": gettext_lazy("ชื่อ"),
    "not_after": gettext_lazy("ใช้ได้ถึง"),
    "now": gettext_lazy("เลขถัดไป"),
    "number": gettext_lazy("เลขที่"),
    "outcomes": gettext_lazy("ผลลัพธ์"),
    "pages": gettext_lazy("จำนวนหน้า"),
    "prefix": gettext_lazy("อักษรนำหน้าเลขที่"),
    "previous": gettext_lazy("ค่าเดิม"),
    "progress": gettext_lazy("ความคืบหน้า (ร้อยละ)"),
    "ready": gettext_lazy("พร้อม"),
    "reason": gettext_lazy("เหตุผล"),
    "round": gettext_lazy("รอบการเสนอ"),
    "route": gettext_lazy("ลำดับผู้พิจารณา"),
    "signed": gettext_lazy("ลงลายมือชื่ออิเล็กทรอนิกส์"),
    "source": gettext_lazy("จากปี"),
    "step": gettext_lazy("ขั้นตอน"),
    "subject": gettext_lazy("เรื่อง"),
    "text": gettext_lazy("ข้อความ"),
    "title": gettext_lazy("ชื่อ"),
    "to": gettext_lazy("ถึง"),
    "tool": gettext_lazy("เครื่องมือ"),
    "version": gettext_lazy("ฉบับที่"),
    "weights_known": gettext_lazy("ทราบน้ำหนักเครื่องมือ"),
    "withdrawn": gettext_lazy("ถอนแล้ว"),
    "without_wording": gettext_lazy("รายการที่ยังไม่มีชื่อ"),
    "year": gettext_lazy("ปี"),
    "added": gettext_lazy("เพิ่ม"),
    "changed": gettext_lazy("แก้ไข"),
    "retired": gettext_lazy("เลิกใช้"),
    "deleted": gettext_lazy("ลบ"),
    "restored": gettext_lazy("นำกลับมาใช้"),
    "total": gettext_lazy("คะแนนรวม"),
    "level": gettext_lazy("ระดับ"),
    "tools": gettext_lazy("คะแนนเครื่องมือ"),
    "indicators": gettext_lazy("คะแนนตัวชี้วัด"),
    # model fields named in English only
    "state": gettext_lazy("สถานะ"),
    "decided_at": gettext_lazy("เวลาที่พิจารณา"),
    "started_at": gettext_lazy("เวลาที่เสนอถึง"),
    "member": gettext_lazy("ผู้พิจารณา"),
    "member_name": gettext_lazy("ชื่อผู้พิจารณา"),
    "member_position": gettext_lazy("ตำแหน่งผู้พิจารณา"),
    "signature": gettext_lazy("ลายมือชื่อ"),
    "order": gettext_lazy("ลำดับ"),
    "measure": gettext_lazy("มาตรการ"),
    "plan": gettext_lazy("แผน"),
    "is_active": gettext_lazy("ใช้งาน"),
    "is_staff": gettext_lazy("ผู้ดูแลระบบ"),
    "first_name": gettext_lazy("ชื่อ"),
    "last_name": gettext_lazy("นามสกุล"),
    "email": gettext_lazy("อีเมล"),
    "date": gettext_lazy("วันที่"),
}


def label(name: str, model: type[models.Model] | None = None) -> str | None:
    """The Thai label of a field or data key; None for what is never shown."""
    if HIDDEN.search(name):
        return None
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        verbose = str(getattr(field, "verbose_name", "") or "")
        if THAI.search(verbose):
            return verbose
    if name in LABELS:
        return str(LABELS[name])
    if THAI.search(name):  # already a label (auditlog's display names)
        return name
    return None  # an internal column (number_basis, final_error …): not the auditor's concern


def value_text(raw: Any, field: models.Field | None = None) -> str:
    """One value as a person writes it."""
    if raw is None or raw == "" or raw == "None":
        return "—"
    if isinstance(raw, bool) or raw in ("True", "False"):
        return _("ใช่") if raw in (True, "True") else _("ไม่ใช่")
    if field is not None and getattr(field, "choices", None):
        choices = {str(k): v for k, v in field.choices}  # type: ignore[union-attr]
        if str(raw) in choices:
            return str(choices[str(raw)])
    if field is not None and field.is_relation and field.related_model is not None:
        related = field.related_model._base_manager.filter(pk=raw).first()  # type: ignore[union-attr]
        if related is not None:
            return official_digits(str(related))
    if isinstance(raw, dt.datetime):
        return _datetime(raw)
    if isinstance(raw, dt.date):
        return screen_date(raw)
    if isinstance(raw, int | float | Decimal):
        return screen_digits(str(raw))
    if isinstance(raw, Mapping):
        return _mapping_text(raw)
    if isinstance(raw, list | tuple):
        return _list_text(raw)
    text = str(raw)
    if ISO_DATE.match(text):
        return screen_date(dt.date.fromisoformat(text))
    if ISO_DATETIME.match(text):
        try:
            return _datetime(dt.datetime.fromisoformat(text))
        except ValueError:
            pass
    if NUMBER.match(text):
        try:
            Decimal(text)
        except InvalidOperation:
            pass
        else:
            return screen_digits(text)
    return official_digits(text)


def _datetime(value: dt.datetime) -> str:
    from django.utils import timezone

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{screen_date(value.date())} {screen_digits(value.strftime('%H:%M'))} น."


def _list_text(values: list[Any] | tuple[Any, ...]) -> str:
    shown = [value_text(v) for v in values[:LIST_SHOWN]]
    more = len(values) - LIST_SHOWN
    if more > 0:
        shown.append(_("และอีก %(n)s รายการ") % {"n": screen_digits(more)})
    return ", ".join(shown) if shown else "—"


# PostgreSQL's jsonb does not keep the order keys were written in: a score sheet reads in
# this order, then the rest as stored.
KEY_ORDER = ("total", "level", "tools", "indicators", "items")


def _mapping_text(values: Mapping[str, Any]) -> str:
    parts = []
    keys = sorted(values, key=lambda k: KEY_ORDER.index(k) if k in KEY_ORDER else len(KEY_ORDER))
    for key in keys[:LIST_SHOWN]:
        raw = values[key]
        name = label(key) or official_digits(key)
        if isinstance(raw, list | tuple) and len(raw) == 2 and not isinstance(raw[0], list):
            parts.append(f"{name} {value_text(raw[0])} → {value_text(raw[1])}")
        else:
            parts.append(f"{name} {value_text(raw)}")
    more = len(values) - LIST_SHOWN
    if more > 0:
        parts.append(_("และอีก %(n)s รายการ") % {"n": screen_digits(more)})
    return ", ".join(parts)


def event_lines(data: Mapping[str, Any], model: type[models.Model] | None) -> list[str]:
    """An audit event's data, one line per key shown."""
    lines = []
    for key, raw in data.items():
        name = label(key)
        if name is None:
            continue
        if key == "fields":
            fields = [label(f, model) for f in raw]
            shown = [f for f in fields if f]
            if shown:
                lines.append(f"{name}: {', '.join(shown)}")
            continue
        if key == "changes" and isinstance(raw, Mapping):
            for field_name, pair in raw.items():
                field_label = label(field_name, model) or official_digits(str(field_name))
                if isinstance(pair, list | tuple) and len(pair) == 2:
                    lines.append(f"{field_label}: {value_text(pair[0])} → {value_text(pair[1])}")
                else:
                    lines.append(f"{field_label}: {value_text(pair)}")
            continue
        lines.append(f"{name}: {value_text(raw)}")
    return lines


def change_lines(model: type[models.Model] | None, changes: Mapping[str, Any]) -> list[str]:
    """A field-level change (django-auditlog's changes) as lines: "ชื่อ: เดิม → ใหม่", links
    as "เพิ่ม …" / "ลบ …"."""
    lines = []
    for name, change in changes.items():
        field_label = label(name, model)
        if field_label is None:
            continue
        field = _field(model, name)
        if isinstance(change, Mapping) and change.get("type") == "m2m":
            objects = _list_text([str(o) for o in change.get("objects", [])])
            verb = _("เพิ่ม") if change.get("operation") == "add" else _("ลบ")
            lines.append(f"{field_label}: {verb} {objects}")
            continue
        if isinstance(change, list | tuple) and len(change) == 2:
            old, new = change
            lines.append(f"{field_label}: {value_text(old, field)} → {value_text(new, field)}")
    return lines


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None

"""Writing audit events. Service actions call `record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from itatrack.models import AuditEvent, Organization

# Thai labels for the verbs services write; unknown verbs show as written.
VERB_LABELS: dict[str, str] = {
    "organization.create": _("สร้างหน่วยงาน"),
    "organization.update": _("แก้ไขข้อมูลหน่วยงาน"),
    "department.create": _("เพิ่มส่วนราชการ"),
    "department.update": _("แก้ไขส่วนราชการ"),
    "member.add": _("เพิ่มสมาชิก"),
    "member.update": _("แก้ไขข้อมูลสมาชิก"),
    "member.deactivate": _("ระงับสมาชิก"),
    "member.reactivate": _("เปิดใช้สมาชิกอีกครั้ง"),
}


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))


def record(
    verb: str,
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    organization: Organization | None,
    target: models.Model | None = None,
    **data: Any,
) -> AuditEvent:
    return AuditEvent.objects.create(
        verb=verb,
        actor=actor if actor is not None and actor.is_authenticated else None,
        organization=organization,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        data=data,
    )

"""Writing audit events. Service actions call `record` inside their transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from itatrack.actors import AnyActor, actor_user
from itatrack.models import AuditEvent, Organization

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Every verb a service may write, with its label (Thai, translated like the rest of the UI).
# The core's own are here; each app registers its verbs in its AppConfig.ready(). record()
# refuses an unregistered verb when AUDIT_STRICT is on (tests, DEBUG), so none reaches the
# history pages as a raw "memo.submit".
VERB_LABELS: dict[str, StrOrPromise] = {
    "organization.create": _("สร้างหน่วยงาน"),
    "organization.update": _("แก้ไขข้อมูลหน่วยงาน"),
    "organization.suspend": _("ระงับหน่วยงาน"),
    "organization.restore": _("เปิดใช้หน่วยงานอีกครั้ง"),
    "department.create": _("เพิ่มส่วนราชการ"),
    "department.update": _("แก้ไขส่วนราชการ"),
    "member.add": _("เพิ่มสมาชิก"),
    "member.update": _("แก้ไขข้อมูลสมาชิก"),
    "member.deactivate": _("ระงับสมาชิก"),
    "member.reactivate": _("เปิดใช้สมาชิกอีกครั้ง"),
    "member.invite": _("เชิญสมาชิก"),
    "member.invite_resend": _("ส่งคำเชิญอีกครั้ง"),
    "member.invite_cancel": _("ยกเลิกคำเชิญ"),
    "member.join": _("ตอบรับคำเชิญเข้าเป็นสมาชิก"),
    "member.decline": _("ปฏิเสธคำเชิญ"),
    "twofactor.enable": _("เปิดใช้การยืนยันตัวตนสองขั้นตอน"),
    "twofactor.disable": _("ปิดการยืนยันตัวตนสองขั้นตอน"),
    "oversight.create": _("สร้างหน่วยกำกับดูแล"),
    "supervisor.add": _("เพิ่มผู้กำกับดูแล"),
    "mail.resend": _("ส่งอีเมลอีกครั้ง"),
}


def register_verbs(labels: Mapping[str, StrOrPromise]) -> None:
    VERB_LABELS.update(labels)


class UnknownVerb(ValueError):
    """An audit verb nobody registered: it would show raw on the history pages."""


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))


def describe_event(event: AuditEvent) -> list[str]:
    """The event's data as Thai lines (itatrack.audit_text): field names by their labels,
    values as people write them, nothing internal."""
    from itatrack.audit_text import event_lines

    model = event.target_type.model_class() if event.target_type else None
    return event_lines(event.data, model)


def record(
    verb: str,
    *,
    actor: AnyActor | User | AnonymousUser,
    organization: Organization | None,
    target: models.Model | None = None,
    **data: Any,
) -> AuditEvent:
    if verb not in VERB_LABELS and getattr(settings, "AUDIT_STRICT", settings.DEBUG):
        raise UnknownVerb(f"audit verb {verb!r} is not registered (itatrack.audit.register_verbs)")
    return AuditEvent.objects.create(
        verb=verb,
        actor=actor_user(actor),
        organization=organization,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        data=data,
    )

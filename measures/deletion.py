"""Deleting a plan made by mistake (the wrong year, a duplicate): only while it is empty."""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from itatrack.actions import ActionError
from itatrack.actors import Actor, check_actor, check_role
from itatrack.audit import record
from measures.access import EDIT_ROLES
from measures.models import Plan


@transaction.atomic(durable=True)
def do_delete_plan(plan: Plan, reason: str, *, actor: Actor) -> None:
    check_actor(actor, plan.organization_id)
    check_role(actor, EDIT_ROLES, _("ลบแผนได้เฉพาะเจ้าหน้าที่หรือผู้ดูแลหน่วยงาน"))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.measures.exists():
        raise ActionError(_("ลบได้เฉพาะแผนที่ยังไม่มีมาตรการ แผนนี้มีมาตรการแล้ว"))
    if not reason.strip():
        raise ActionError(_("กรุณาระบุเหตุผลที่ลบ"))
    record(
        "plan.delete",
        actor=actor,
        organization=plan.organization,
        target=plan,
        year=plan.fiscal_year,
        reason=reason.strip(),
    )
    try:
        with transaction.atomic():
            plan.delete()
    except ProtectedError as exc:  # a memo of the app above points at it
        raise ActionError(_("แผนนี้มีบันทึกข้อความอ้างถึงแล้ว จึงลบไม่ได้")) from exc

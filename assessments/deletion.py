"""Deleting an assessment entered for the wrong year: only while nothing was built on it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from assessments.models import Assessment, Finding
from itatrack.actions import ActionError
from itatrack.actors import Actor, check_actor, check_role
from itatrack.audit import record
from itatrack.models import Role
from itatrack.storedfiles import delete_files_on_commit

EDIT_ROLES = (Role.STAFF, Role.ADMIN)


@transaction.atomic(durable=True)
def do_delete_assessment(assessment: Assessment, reason: str, *, actor: Actor) -> None:
    """Its scores go with it; findings (other than discarded proposals), plans and memos that
    point at it keep it."""
    check_actor(actor, assessment.organization_id)
    check_role(actor, EDIT_ROLES, _("ลบผลการประเมินได้เฉพาะเจ้าหน้าที่หรือผู้ดูแลหน่วยงาน"))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.findings.exclude(state=Finding.State.DISCARDED).exists():
        raise ActionError(_("ผลการประเมินนี้มีข้อค้นพบแล้ว จึงลบไม่ได้ กรุณานำข้อค้นพบออกก่อน"))
    if not reason.strip():
        raise ActionError(_("กรุณาระบุเหตุผลที่ลบ"))
    record(
        "assessment.delete",
        actor=actor,
        organization=assessment.organization,
        target=assessment,
        year=assessment.framework.fiscal_year,
        reason=reason.strip(),
    )
    files = [assessment.result_pdf.name] if assessment.result_pdf else []
    try:
        with transaction.atomic():
            assessment.findings.all().delete()
            assessment.delete()
    except ProtectedError as exc:  # a plan or a memo of the apps above points at it
        raise ActionError(_("ผลการประเมินนี้มีแผนมาตรการหรือบันทึกข้อความอ้างถึงแล้ว จึงลบไม่ได้")) from exc
    delete_files_on_commit(files)

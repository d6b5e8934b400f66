"""Deleting a draft memo that should never have been started: audited with the reason."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from itatrack.actions import ActionError
from itatrack.actors import Actor, check_actor, check_role
from itatrack.audit import record
from itatrack.storedfiles import delete_files_on_commit
from measures.access import EDIT_ROLES
from reports.models import Memo, OitEvidence


@transaction.atomic(durable=True)
def do_delete_draft_memo(memo: Memo, reason: str, *, actor: Actor) -> None:
    """Only a draft never submitted: a memo that went to anyone stays, as the record of it."""
    check_actor(actor, memo.organization_id)
    check_role(actor, EDIT_ROLES, _("ลบบันทึกข้อความได้เฉพาะเจ้าหน้าที่หรือผู้ดูแลหน่วยงาน"))
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    if memo.status != Memo.Status.DRAFT or memo.round or memo.steps.exists():
        raise ActionError(_("ลบได้เฉพาะร่างบันทึกข้อความที่ยังไม่เคยเสนอ"))
    if OitEvidence.objects.filter(memo=memo).exists():
        raise ActionError(_("ร่างนี้ถูกใช้เป็นหลักฐานของรายการ OIT อยู่ กรุณานำออกจากรายการ OIT ก่อน"))
    if not reason.strip():
        raise ActionError(_("กรุณาระบุเหตุผลที่ลบ"))
    record(
        "memo.delete",
        actor=actor,
        organization=memo.organization,
        target=memo,
        subject=memo.subject,
        reason=reason.strip(),
    )
    files = [f.file.name for f in memo.files.all()] + [memo.pdf.name]
    memo.delete()
    delete_files_on_commit(files)

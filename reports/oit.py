"""State changes of the OIT workspace: an item's plan (owner, due date, status), its evidence,
a reviewer's check, and publishing what is ready. One transaction and audit events each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Item, Tool
from itatrack import figures, pagecache
from itatrack.actions import ActionError, claim_version, save_changes
from itatrack.actors import Actor, check_actor
from itatrack.audit import record
from itatrack.models import Organization, Role
from itatrack.storedfiles import atomic_with_files
from itatrack.uploads import detect_type, sha256_of
from reports.models import Memo, OitEntry, OitEvidence

CHECK_ROLES = (Role.REVIEWER, Role.EXECUTIVE, Role.ADMIN)
PUBLISH_ROLES = (Role.STAFF, Role.ADMIN)


def entry_for(org: Organization, item: Item) -> OitEntry:
    """The body's entry for an OIT item, made on first use (a second maker finds the first's)."""
    if item.tool != Tool.OIT:
        raise ActionError(_("รายการนี้ไม่ใช่รายการ OIT"))
    entry = OitEntry.objects.filter(organization=org, item=item).first()
    if entry is not None:
        return entry
    try:
        with transaction.atomic():
            return OitEntry.objects.create(organization=org, item=item)
    except IntegrityError:
        return OitEntry.objects.get(organization=org, item=item)


@transaction.atomic(durable=True)
def do_plan_oit_item(
    org: Organization,
    item: Item,
    changes: Mapping[str, Any],
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> OitEntry:
    """Owner, department, due date and status. "Ready" is the reviewer's word (do_check)."""
    check_actor(actor, org)
    entry = entry_for(org, item)
    for field in ("owner", "department"):
        chosen = changes.get(field)
        if chosen is not None and chosen.organization_id != org.pk:
            raise ActionError(_("ผู้รับผิดชอบหรือส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"))
    status = changes.get("status")
    if status == OitEntry.Status.READY and entry.status != OitEntry.Status.READY:
        raise ActionError(_('สถานะ "พร้อม" ให้ผู้ตรวจทานเป็นผู้กำหนด'))
    if status == OitEntry.Status.PUBLISHED and entry.status != OitEntry.Status.PUBLISHED:
        raise ActionError(_('สถานะ "เผยแพร่แล้ว" เกิดจากการกดเผยแพร่รายการที่พร้อมแล้วเท่านั้น'))
    claim_version(entry, expected_version, _("รายการ OIT"))
    save_changes(entry, changes, "oit.plan", actor=actor, organization=org)
    figures.refresh_on_commit(org.pk)
    return entry


@transaction.atomic(durable=True)
def do_plan_oit_items(
    org: Organization, items: Sequence[Item], changes: Mapping[str, Any], *, actor: Actor
) -> list[OitEntry]:
    """Give many items the same owner, department or due date at once (what is not given
    stays as it was): one transaction, one audit event naming the items."""
    check_actor(actor, org)
    changes = {k: v for k, v in changes.items() if k in ("owner", "department", "due_date")}
    if not items or not changes:
        raise ActionError(_("กรุณาเลือกรายการ และระบุผู้รับผิดชอบ ส่วนราชการ หรือวันแล้วเสร็จอย่างน้อยหนึ่งอย่าง"))
    for field in ("owner", "department"):
        chosen = changes.get(field)
        if chosen is not None and chosen.organization_id != org.pk:
            raise ActionError(_("ผู้รับผิดชอบหรือส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"))
    entries = []
    for item in items:
        entry = entry_for(org, item)
        for name, value in changes.items():
            setattr(entry, name, value)
        entry.version += 1
        entry.save()
        entries.append(entry)
    record(
        "oit.bulk_plan",
        actor=actor,
        organization=org,
        target=None,
        items=[item.code for item in items],
        fields=sorted(changes),
    )
    figures.refresh_on_commit(org.pk)
    return entries


@atomic_with_files()
def do_add_oit_evidence(
    org: Organization,
    item: Item,
    *,
    files: Sequence[UploadedFile] = (),
    links: Sequence[str] = (),
    memo: Memo | None = None,
    actor: Actor,
) -> list[OitEvidence]:
    """Files (already checked by the form; their type is judged again here by content),
    links, or a memo of this body. All or nothing."""
    check_actor(actor, org)
    if memo is not None and memo.organization_id != org.pk:
        raise ActionError(_("บันทึกข้อความไม่ได้เป็นของหน่วยงานนี้"))
    if not (files or links or memo):
        raise ActionError(_("กรุณาเลือกไฟล์ ใส่ลิงก์ หรือเลือกบันทึกข้อความอย่างน้อยหนึ่งอย่าง"))
    entry = entry_for(org, item)
    added = []
    for upload in files:
        content_type = detect_type(upload)
        if content_type is None:
            raise ActionError(_("ไฟล์ %(name)s ไม่ใช่ชนิดที่รับ") % {"name": (upload.name or "")[:80]})
        added.append(
            OitEvidence.objects.create(
                entry=entry,
                file=upload,
                original_name=(upload.name or "")[:255],
                content_type=content_type,
                size=upload.size or 0,
                sha256=sha256_of(upload),
                added_by=actor,
            )
        )
    added += [OitEvidence.objects.create(entry=entry, url=link, added_by=actor) for link in links]
    if memo is not None:
        added.append(OitEvidence.objects.create(entry=entry, memo=memo, added_by=actor))
    if entry.status != OitEntry.Status.IN_PROGRESS:
        # New evidence has not been checked: a ready or published item goes back to work until
        # a reviewer finds it ready again (what is already public stays public meanwhile).
        entry.status = OitEntry.Status.IN_PROGRESS
        entry.version += 1
        entry.save(update_fields=["status", "version", "updated_at"])
        figures.refresh_on_commit(org.pk)
    record(
        "oit.evidence_add",
        actor=actor,
        organization=org,
        target=entry,
        count=len(added),
    )
    return added


@transaction.atomic(durable=True)
def do_remove_oit_evidence(evidence: OitEvidence, *, actor: Actor) -> None:
    """Unpublished evidence goes (its stored file stays, as every kept file does). Published
    evidence is withdrawn: it leaves the public page, and its permanent link says when it was
    withdrawn instead of answering "not found"."""
    entry = evidence.entry
    check_actor(actor, entry.organization_id)
    name = str(evidence)
    published = evidence.published_at is not None
    if published:
        evidence.withdrawn_at = timezone.now()
        evidence.save(update_fields=["withdrawn_at"])
        pagecache.bump_on_commit(entry.organization.slug)
    else:
        evidence.delete()
    record(
        "oit.evidence_remove",
        actor=actor,
        organization=entry.organization,
        target=entry,
        name=name,
        withdrawn=published,
    )


@transaction.atomic(durable=True)
def do_publish_oit_items(
    org: Organization, entries: Sequence[OitEntry], *, actor: Actor
) -> list[OitEntry]:
    """Put the evidence of items a reviewer found ready on the public ITA page. Items not
    ready are refused by name, and nothing is published."""
    check_actor(actor, org)
    if actor.role not in PUBLISH_ROLES:
        raise ActionError(_("เฉพาะเจ้าหน้าที่หรือผู้ดูแลหน่วยงานเท่านั้นที่เผยแพร่รายการได้"))
    locked = list(
        OitEntry.objects.select_for_update()
        .filter(pk__in=[e.pk for e in entries], organization=org)
        .select_related("item")
    )
    if not locked or len(locked) != len({e.pk for e in entries}):
        raise ActionError(_("ไม่มีรายการที่จะเผยแพร่"))
    not_ready = [e.item.code for e in locked if e.status != OitEntry.Status.READY]
    if not_ready:
        raise ActionError(
            _("รายการ %(codes)s ยังไม่ผ่านการตรวจว่าพร้อม จึงยังเผยแพร่ไม่ได้")
            % {"codes": ", ".join(not_ready)}
        )
    now = timezone.now()
    for entry in locked:
        count = (
            OitEvidence.objects.listed()
            .filter(entry=entry, published_at__isnull=True)
            .update(published_at=now)
        )
        entry.status = OitEntry.Status.PUBLISHED
        entry.version += 1
        entry.save(update_fields=["status", "version", "updated_at"])
        record("oit.publish", actor=actor, organization=org, target=entry, count=count)
    pagecache.bump_on_commit(org.slug)
    figures.refresh_on_commit(org.pk)
    return locked


@transaction.atomic(durable=True)
def do_check_oit_item(entry: OitEntry, *, ready: bool, comment: str, actor: Actor) -> OitEntry:
    """A reviewer finds the item ready (with an optional comment) or sends it back (with the
    reason)."""
    check_actor(actor, entry.organization_id)
    if actor.role not in CHECK_ROLES:
        raise ActionError(_("เฉพาะผู้ตรวจทาน ผู้บริหาร หรือผู้ดูแลหน่วยงานเท่านั้นที่ตรวจรายการได้"))
    if ready and not entry.evidence.exists():
        raise ActionError(_("รายการนี้ยังไม่มีหลักฐาน จึงยังไม่พร้อม"))
    if not ready and not comment.strip():
        raise ActionError(_("กรุณาระบุสิ่งที่ต้องแก้ไข"))
    entry.status = OitEntry.Status.READY if ready else OitEntry.Status.IN_PROGRESS
    entry.checked_by, entry.checked_at = actor, timezone.now()
    entry.check_comment = comment.strip()
    entry.version += 1
    entry.save()
    record(
        "oit.check",
        actor=actor,
        organization=entry.organization,
        target=entry,
        ready=ready,
    )
    figures.refresh_on_commit(entry.organization_id)
    return entry

"""Publishing approved memos: sign the kept final copy, store it with its SHA-256 at a stable
public link, list corrections as new versions that supersede (never replace) the old."""

from __future__ import annotations

import hashlib
import logging
import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from itatrack import figures, pagecache
from itatrack.actions import ActionError
from itatrack.actors import Actor, check_actor, check_role
from itatrack.audit import record
from itatrack.models import Organization
from itatrack.thai import to_thai_digits
from reports import answers, duties, search, signing
from reports.models import KnownCertificate, Memo, Publication, SigningCertificate
from reports.models.publications import published_path

logger = logging.getLogger(__name__)


class AlteredFile(Exception):
    """The stored file of a publication is not the one recorded when it was published."""

    def __init__(self, publication: Publication, digest: str) -> None:
        super().__init__(f"publication {publication.pk}: stored SHA-256 {digest}")
        self.digest = digest


def published_bytes(publication: Publication) -> bytes:
    """The published file as stored, only when its SHA-256 is the one recorded at publication:
    storage can be written by more people than the approval chain, so what it holds is
    checked before it is served or called valid. A mismatch is logged as an error (the admins
    are mailed) and raised."""
    with publication.pdf.open("rb") as handle:
        content = handle.read()
    digest = hashlib.sha256(content).hexdigest()
    if digest != publication.sha256:
        logger.error(
            "Published file altered in storage: %s (%s) recorded %s, stored %s",
            publication.token,
            publication.pdf.name,
            publication.sha256,
            digest,
        )
        raise AlteredFile(publication, digest)
    return content


@transaction.atomic(durable=True)
def do_upload_certificate(
    org: Organization, data: bytes, password: str, *, actor: Actor
) -> SigningCertificate:
    check_actor(actor, org)
    check_role(actor, duties.ADMIN_ROLES, _("อัปโหลดใบรับรองสำหรับลงนามได้เฉพาะผู้ดูแลหน่วยงาน"))
    info = signing.read_p12_for_signing(data, password)
    keep_certificate(org, info)
    certificate, _created = SigningCertificate.objects.update_or_create(
        organization=org,
        defaults={
            "p12_encrypted": signing.encrypt(data),
            "password_encrypted": signing.encrypt(password.encode()),
            "subject": info.subject,
            "not_before": info.not_before,
            "not_after": info.not_after,
        },
    )
    record(
        "certificate.upload",
        actor=actor,
        organization=org,
        target=certificate,
        subject=info.subject,
        not_after=info.not_after.isoformat(),
    )
    return certificate


def keep_certificate(org: Organization, info: signing.CertificateInfo) -> None:
    """Remember a certificate's public part for good: documents signed with it stay valid."""
    KnownCertificate.objects.get_or_create(
        organization=org,
        fingerprint=signing.fingerprint(info.der),
        defaults={
            "der": info.der,
            "subject": info.subject,
            "not_before": info.not_before,
            "not_after": info.not_after,
        },
    )


def usable_certificate(org: Organization) -> SigningCertificate | None:
    certificate = SigningCertificate.objects.filter(organization=org).first()
    if certificate is None or certificate.not_after <= timezone.now():
        return None
    return certificate


def publication_year(memo: Memo) -> int | None:
    """The ITA year a memo is published under: that of the OIT item it answers (see
    reports.answers), else that of its ที่ number."""
    return answers.answer(memo).year or memo.number_year


def replaceable_publications(memo: Memo) -> list[Publication]:
    """Current publications of the body that an approved, unpublished memo may correct: of
    the same kind and fiscal year (a correction is filed where the original is)."""
    if memo.status != Memo.Status.APPROVED or Publication.objects.filter(memo=memo).exists():
        return []
    return list(
        Publication.objects.for_org(memo.organization)
        .filter(superseded_by=None, memo__kind=memo.kind, fiscal_year=publication_year(memo) or 0)
        .exclude(memo=memo)
        .select_related("memo")
        .order_by("-published_at")[:50]
    )


_CORRECTION_MARK = re.compile(r"\(?\s*(?:ฉบับ\s*)?แก้ไข(?:\s*ครั้งที่\s*\S+)?\s*\)?")


def _subject_key(subject: str) -> str:
    return re.sub(r"\s+", "", _CORRECTION_MARK.sub("", subject))


def correction_problem(memo: Memo, original: Publication) -> str:
    """Why memo cannot be filed as the correction of original ("" when it can): another
    kind, another fiscal year or another subject than the document it corrects."""
    year = publication_year(memo) or 0
    if original.memo.kind != memo.kind:
        return _("ฉบับแก้ไขต้องเป็นเอกสารประเภทเดียวกับฉบับเดิม (%(kind)s)") % {
            "kind": original.memo.get_kind_display()
        }
    if original.fiscal_year != year:
        return _("ฉบับแก้ไขต้องอยู่ในปีงบประมาณเดียวกับฉบับเดิม: ฉบับเดิมปี %(original)s ฉบับนี้ปี %(this)s") % {
            "original": to_thai_digits(original.fiscal_year),
            "this": to_thai_digits(year),
        }
    if _subject_key(original.title) != _subject_key(memo.subject):
        return _(
            "เรื่องของฉบับแก้ไขต้องตรงกับฉบับเดิม '%(original)s' (เติม '(ฉบับแก้ไข)' ได้) "
            "กรุณาแก้เรื่อง หรือเผยแพร่เป็นเอกสารใหม่"
        ) % {"original": original.title[:120]}
    return ""


def memo_text(memo: Memo) -> str:
    """The memo's own words, for copies kept before their full text was (final_text)."""
    parts = [memo.subject, f"เรียน {memo.addressee}"]
    for section in memo.sections.all():
        parts += [section.heading, *section.paragraphs]
    parts.append(memo.closing)
    return "\n".join(p for p in parts if p)


def _check_publishable(memo: Memo, supersedes: Publication | None) -> None:
    if memo.status != Memo.Status.APPROVED or not memo.pdf:
        raise ActionError(_("เผยแพร่ได้เฉพาะบันทึกข้อความที่อนุมัติแล้ว"))
    if Publication.objects.filter(memo=memo).exists():
        raise ActionError(_("บันทึกข้อความนี้เผยแพร่แล้ว การแก้ไขให้เผยแพร่เป็นฉบับใหม่"))
    if supersedes is not None and (
        supersedes.organization_id != memo.organization_id
        or Publication.objects.filter(supersedes=supersedes).exists()
    ):
        raise ActionError(_("ฉบับที่จะแทนที่ไม่ถูกต้องหรือถูกแทนที่ไปแล้ว"))
    if supersedes is not None and (problem := correction_problem(memo, supersedes)):
        raise ActionError(problem)


def do_publish(
    memo: Memo, *, actor: Actor, unsigned: bool = False, supersedes: Publication | None = None
) -> Publication:
    """Publish an approved memo. Without a usable certificate the caller must ask for an
    unsigned publication explicitly; the public page says so.

    Signing (and its time-stamp server) runs before any lock is taken, and the signed file is
    stored before the short transaction that records it; if that transaction fails, the file is
    deleted again, so a failure leaves neither a row nor a file."""
    memo = Memo.objects.select_related("organization", "plan", "assessment").get(pk=memo.pk)
    check_actor(actor, memo.organization_id)
    check_role(actor, duties.PUBLISHER_ROLES, _("เผยแพร่เอกสารได้เฉพาะผู้บริหารหรือผู้ดูแลหน่วยงาน"))
    _check_publishable(memo, supersedes)
    org = memo.organization
    with memo.pdf.open("rb") as handle:
        content = handle.read()
    certificate = usable_certificate(org)
    signer = None
    if certificate is not None:
        p12 = signing.decrypt(certificate.p12_encrypted)
        password = signing.decrypt(certificate.password_encrypted).decode()
        signer = signing.read_p12(p12, password)
        content = signing.sign(content, p12, password, reason=f"{org.name}: {memo.subject[:80]}")
    elif not unsigned:
        raise ActionError(
            _("ยังไม่มีใบรับรองสำหรับลงนาม หรือใบรับรองหมดอายุ เลือกเผยแพร่โดยไม่ลงนามได้ หรืออัปโหลดใบรับรองก่อน")
        )
    stored = default_storage.save(published_path(None, ""), ContentFile(content))
    try:
        return _record_publication(
            memo,
            content,
            stored,
            actor=actor,
            supersedes=supersedes,
            certificate=certificate,
            signer=signer,
        )
    except BaseException:
        default_storage.delete(stored)
        raise


@transaction.atomic
def _record_publication(
    memo: Memo,
    content: bytes,
    stored: str,
    *,
    actor: Actor,
    supersedes: Publication | None,
    certificate: SigningCertificate | None,
    signer: signing.CertificateInfo | None,
) -> Publication:
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    _check_publishable(memo, supersedes)  # again, under the lock: a second click lost the race
    org = memo.organization
    if signer is not None:
        keep_certificate(org, signer)
    year = publication_year(memo)
    item = answers.answer(memo).item
    publication = Publication.objects.create(
        organization=org,
        memo=memo,
        supersedes=supersedes,
        version=(supersedes.version + 1) if supersedes else 1,
        title=memo.subject,
        fiscal_year=year or 0,
        oit_code=item.code if item else "",
        oit_title=item.wording if item else "",
        sha256=hashlib.sha256(content).hexdigest(),
        signed=certificate is not None,
        signer_subject=certificate.subject if certificate else "",
        text=memo.final_text or memo_text(memo),
        published_by=actor,
        pdf=stored,
    )
    search.index(publication)
    record(
        "memo.publish",
        actor=actor,
        organization=org,
        target=memo,
        sha256=publication.sha256,
        signed=publication.signed,
        version=publication.version,
    )
    pagecache.bump_on_commit(org.slug)
    figures.refresh_on_commit(org.pk)
    return publication

"""Documents uploaded to a memo (สิ่งที่ส่งมาด้วย no system generated): checked as every upload
is, kept as PDF (a photo or scan becomes one A4 page), numbered after the generated annexes,
and appended to the memo's PDF, so that the approvers see them and the signature covers them."""

from __future__ import annotations

import hashlib
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Max
from django.utils.translation import gettext as _

from itatrack import uploads
from itatrack.actions import ActionError
from itatrack.actors import Actor, check_actor
from itatrack.audit import record
from itatrack.storedfiles import atomic_with_files
from itatrack.thai import screen_digits
from reports import pdfium
from reports.models import Memo, MemoFile

A4_INCHES = (8.27, 11.69)


def image_to_pdf(data: bytes) -> bytes:
    """One A4-sized page: the resolution is chosen so the picture fits the page."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    width, height = image.size
    resolution = max(width / A4_INCHES[0], height / A4_INCHES[1], 72.0)
    out = io.BytesIO()
    image.save(out, "PDF", resolution=resolution)
    return out.getvalue()


def pdf_pages(data: bytes) -> int:
    """The page count of a PDF the renderer can read; ValidationError in Thai otherwise."""
    import pypdfium2

    with pdfium.LOCK:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            raise ValidationError(
                _("เปิดไฟล์ PDF นี้ไม่ได้ (ไฟล์เสียหายหรือตั้งรหัสผ่านไว้) กรุณาบันทึกเป็น PDF ใหม่แล้วแนบอีกครั้ง")
            ) from exc
        try:
            return len(document)
        finally:
            document.close()


def prepare(upload: UploadedFile) -> tuple[bytes, int]:
    """(PDF bytes, pages) of an upload, or ValidationError saying why not."""
    try:
        content_type: str | None = uploads.detect_document(upload)
    except ValidationError as exc:
        if exc.code != "wrong_type":
            raise
        content_type = None
    if content_type not in (uploads.PDF, uploads.PNG, uploads.JPEG):
        raise ValidationError(
            _("แนบได้เฉพาะ PDF หรือภาพ PNG/JPEG ไฟล์ Word/Excel ให้บันทึกเป็น PDF ก่อนแนบ")
        )
    upload.seek(0)
    data = upload.read()
    if content_type != uploads.PDF:
        data = image_to_pdf(data)
    pages = pdf_pages(data)
    if pages > settings.MAX_MEMO_FILE_PAGES:
        raise ValidationError(
            _("ไฟล์มี %(pages)s หน้า แนบได้ไม่เกิน %(limit)s หน้าต่อไฟล์")
            % {
                "pages": screen_digits(pages),
                "limit": screen_digits(settings.MAX_MEMO_FILE_PAGES),
            }
        )
    return data, pages


def _require_editable(memo: Memo) -> None:
    if not memo.editable:
        raise ActionError(_("บันทึกข้อความนี้เสนอแล้ว แก้ไขเอกสารแนบไม่ได้ (แก้ได้เมื่อถูกตีกลับเท่านั้น)"))


@atomic_with_files()
def do_add_memo_file(memo: Memo, title: str, upload: UploadedFile, *, actor: Actor) -> MemoFile:
    check_actor(actor, memo.organization_id)
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    _require_editable(memo)
    if memo.files.count() >= settings.MAX_MEMO_FILES:
        raise ActionError(
            _("แนบเอกสารได้ไม่เกิน %(n)s ไฟล์ต่อบันทึก") % {"n": screen_digits(settings.MAX_MEMO_FILES)}
        )
    try:
        data, pages = prepare(upload)
    except ValidationError as exc:
        raise ActionError(" ".join(exc.messages)) from exc
    order = (memo.files.aggregate(top=Max("order"))["top"] or 0) + 1
    item = MemoFile(
        memo=memo,
        order=order,
        title=" ".join(title.split())[:300],
        original_name=(upload.name or "")[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        size=len(data),
        uploaded_by=actor,
    )
    item.file.save("upload.pdf", ContentFile(data), save=False)
    item.save()
    memo.version += 1  # the PDF changed: an edit form opened before this is refused
    memo.save(update_fields=["version", "updated_at"])
    record(
        "memo.file_add",
        actor=actor,
        organization=memo.organization,
        target=memo,
        title=item.title,
        pages=pages,
        sha256=item.sha256,
    )
    return item


@atomic_with_files()
def do_remove_memo_file(memo: Memo, file_pk: int, *, actor: Actor) -> None:
    check_actor(actor, memo.organization_id)
    memo = Memo.objects.select_for_update().get(pk=memo.pk)
    _require_editable(memo)
    item = memo.files.filter(pk=file_pk).first()
    if item is None:
        raise ActionError(_("ไม่พบเอกสารแนบนี้"))
    title = item.title
    item.delete()  # the stored file is left to sweep_files: a rollback must still find it
    for order, rest in enumerate(memo.files.order_by("order"), start=1):
        if rest.order != order:
            MemoFile.objects.filter(pk=rest.pk).update(order=order)
    memo.version += 1
    memo.save(update_fields=["version", "updated_at"])
    record(
        "memo.file_remove", actor=actor, organization=memo.organization, target=memo, title=title
    )


def contents(memo: Memo) -> list[bytes]:
    """The uploaded documents' bytes, in their order."""
    found = []
    for item in memo.files.order_by("order"):
        with item.file.open("rb") as handle:
            found.append(handle.read())
    return found

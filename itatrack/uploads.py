"""Checks for uploaded files: trust the bytes, never the name or the browser's content type."""

from __future__ import annotations

import hashlib
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}


def sha256_of(upload: File) -> str:
    """The hex SHA-256 of an upload, read in chunks; the file is left rewound."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def validate_image(upload: File, *, max_bytes: int | None = None) -> None:
    """A real PNG or JPEG, within the size limit and a sane pixel count (no decompression bomb)."""
    if upload is None:
        return
    limit = max_bytes or settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("ไฟล์ภาพใหญ่เกินไป (ไม่เกิน %(limit)s)") % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > settings.MAX_IMAGE_PIXELS:
                    raise ValidationError(_("ภาพมีขนาดพิกเซลมากเกินไป"), code="too_many_pixels")
                image.verify()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise ValidationError(_("ไฟล์นี้ไม่ใช่ภาพ PNG หรือ JPEG ที่ถูกต้อง"), code="not_an_image") from exc
    finally:
        upload.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("รับเฉพาะภาพ PNG หรือ JPEG เท่านั้น"), code="wrong_format")


# Evidence may be a scan, a photo, a PDF or an Office file; each is recognised by its bytes.
OFFICE_KINDS = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}


def detect_document(upload: File) -> str:
    """The content type of an evidence file, judged by its content; ValidationError for
    anything else (scripts, executables, renamed files), too large, or empty."""
    import zipfile

    limit = settings.MAX_EVIDENCE_BYTES
    if not upload.size:
        raise ValidationError(_("ไฟล์ว่าง"), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("ไฟล์ %(name)s ใหญ่เกินไป (ไม่เกิน %(limit)s)")
            % {"name": upload.name, "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff"):
        validate_image(upload, max_bytes=limit)
        return "image/png" if head.startswith(b"\x89PNG") else "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            names = []
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for prefix, (content_type, _suffix) in OFFICE_KINDS.items():
                if any(n.startswith(prefix) for n in names):
                    return content_type
    raise ValidationError(
        _("ไฟล์ %(name)s ไม่ใช่ PDF, ภาพ PNG/JPEG หรือไฟล์ Word/Excel/PowerPoint")
        % {"name": upload.name},
        code="wrong_type",
    )

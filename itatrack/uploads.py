"""Checks for uploaded files: trust the bytes, never the name or the browser's content type."""

from __future__ import annotations

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}


def validate_image(upload: File) -> None:
    """A real PNG or JPEG, within the size limit and a sane pixel count (no decompression bomb)."""
    if upload is None:
        return
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
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

"""Checks for uploaded files: trust the bytes, never the name or the browser's content type."""

from __future__ import annotations

import hashlib
import re
import uuid
import warnings
import zipfile
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import Model
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from PIL import Image, UnidentifiedImageError

from itatrack.thai import screen_digits

ALLOWED_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}

# Every type the app stores, by the extension it is stored under. A stored name's extension is
# chosen by detect_type() from the bytes, never taken from the client, so the extension is the
# true type: serving answers only these, and nothing is ever served as HTML, SVG, script or XML.
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
SERVED_TYPES = {"pdf": PDF, "png": PNG, "jpg": JPEG, "docx": DOCX, "xlsx": XLSX, "pptx": PPTX}
EXTENSIONS = {content_type: ext for ext, content_type in SERVED_TYPES.items()}
# Shown in the browser; anything else (Office files) is only ever downloaded. An uploaded PDF
# is downloaded too: Chromium's PDF viewer runs a PDF's own JavaScript whatever the response's
# CSP sandbox says, under the app's address. Stripping scripts would mean finding every place a
# PDF can hide one (OpenAction, AA on pages, fields and annotations, name trees, XFA), so the
# file is opened outside the browser instead. The app's own PDFs (memos) stay inline.
INLINE_TYPES = {PNG, JPEG}
OWN_INLINE_TYPES = {PDF, PNG, JPEG}
UNKNOWN_EXTENSION = "bin"


def sha256_of(upload: File) -> str:
    """The hex SHA-256 of an upload, read in chunks; the file is left rewound."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def too_large(limit: int, what: str | None = None) -> str:
    """ "ไฟล์ใหญ่เกินไป (ไม่เกิน 2.0 MB)": the one way a size refusal is worded."""
    return _("%(what)sใหญ่เกินไป (ไม่เกิน %(limit)s)") % {
        "what": what or pgettext("the subject of a size refusal", "ไฟล์"),
        "limit": screen_digits(filesizeformat(limit)),
    }


def validate_image(upload: File, *, max_bytes: int | None = None) -> None:
    """A real PNG or JPEG, within the size limit and a sane pixel count (no decompression bomb)."""
    if upload is None:
        return
    limit = max_bytes or settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            too_large(limit, _("ไฟล์ภาพ")),
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
OFFICE_KINDS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


def detect_type(handle: IO[bytes]) -> str | None:
    """The content type of a file by its first bytes (and, for Office files, the zip's table of
    contents), one of SERVED_TYPES; None for anything else. The handle is left rewound."""
    handle.seek(0)
    head = handle.read(8)
    handle.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(handle) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            names = []
        finally:
            handle.seek(0)
        if "[Content_Types].xml" in names:
            for prefix, content_type in OFFICE_KINDS.items():
                if any(n.startswith(prefix) for n in names):
                    return content_type
    return None


def extension_of(content_type: str | None) -> str:
    return EXTENSIONS.get(content_type or "", UNKNOWN_EXTENSION)


def name_extension(name: str) -> str:
    """The lower-case extension of a file name, or '' when it has none."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


@deconstructible
class DetectedName:
    """upload_to for a file field: a random name in `folder` whose extension is the type the
    file's bytes show (the client's name is ignored), so the URL cannot be guessed and the
    stored extension cannot lie."""

    def __init__(self, folder: str, field: str) -> None:
        self.folder = folder
        self.field = field

    def __call__(self, instance: Model, filename: str) -> str:
        fieldfile = getattr(instance, self.field)
        if not fieldfile._committed:
            # A file assigned to the field (every upload from a form or the admin): its bytes.
            extension = extension_of(detect_type(fieldfile.file))
        else:
            # FieldFile.save(name, content) from the app's own code does not expose the new
            # content here; its name is the app's, and only an allowed extension is kept.
            given = name_extension(filename)
            extension = given if given in SERVED_TYPES else UNKNOWN_EXTENSION
        return f"{self.folder}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DetectedName) and (self.folder, self.field) == (
            other.folder,
            other.field,
        )


def served_type(name: str) -> str:
    """The content type a stored file is served as; Http404 for any name outside SERVED_TYPES
    (a file stored before names were chosen by content, or anything else)."""
    content_type = SERVED_TYPES.get(name_extension(name))
    if content_type is None:
        raise Http404
    return content_type


def serve_stored(
    handle: IO[bytes],
    name: str,
    *,
    download_name: str | None = None,
    sandbox: bool = True,
    **headers: Any,
) -> FileResponse:
    """A stored file as a response that no browser can run: its true type, no sniffing, a
    sandbox that gives any active content a unique origin with no script, and a download for
    everything but raster images. Only the app's own output (a published document, whose
    bytes no user chose) may go without the sandbox, and only it is shown inline as a PDF."""
    content_type = served_type(name)
    response = FileResponse(handle, content_type=content_type)
    inline = content_type in (INLINE_TYPES if sandbox else OWN_INLINE_TYPES)
    disposition = "inline" if inline else "attachment"
    filename = download_name or name.rsplit("/", 1)[-1]
    extension = name_extension(name)
    if not filename.lower().endswith(f".{extension}"):
        filename = f"{filename}.{extension}"
    response["Content-Disposition"] = content_disposition(disposition, filename)
    response["X-Content-Type-Options"] = "nosniff"
    if sandbox:
        response["Content-Security-Policy"] = (
            "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
        )
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    for header, value in headers.items():
        response[header.replace("_", "-")] = value
    return response


def detect_document(upload: File) -> str:
    """The content type of an evidence file, judged by its content; ValidationError for
    anything else (scripts, executables, renamed files), too large, or empty."""
    limit = settings.MAX_EVIDENCE_BYTES
    if not upload.size:
        raise ValidationError(_("ไฟล์ว่าง"), code="empty")
    if upload.size > limit:
        raise ValidationError(
            too_large(limit, _("ไฟล์ %(name)s ") % {"name": upload.name}),
            code="too_large",
        )
    content_type = detect_type(upload)
    if content_type in (PNG, JPEG):
        validate_image(upload, max_bytes=limit)
    if content_type is not None:
        return content_type
    raise ValidationError(
        _("ไฟล์ %(name)s ไม่ใช่ PDF, ภาพ PNG/JPEG หรือไฟล์ Word/Excel/PowerPoint")
        % {"name": upload.name},
        code="wrong_type",
    )


def rename_to_detected(storage: Any, name: str) -> str:
    """Move a file stored under its client's extension to the name its bytes call for (used
    once, by a migration, for files stored before names were chosen by content); the new name,
    or the same name when it already fits or the file is missing."""
    if not name or not storage.exists(name):
        return name
    with storage.open(name, "rb") as handle:
        extension = extension_of(detect_type(handle))
        handle.seek(0)
        folder, _, base = name.rpartition("/")
        stem = base.rsplit(".", 1)[0]
        target = f"{folder}/{stem}.{extension}" if folder else f"{stem}.{extension}"
        if target == name:
            return name
        new_name = storage.save(target, handle)
    storage.delete(name)
    return new_name


def ascii_name(filename: str) -> str:
    """The ASCII letters, digits and -_. of a name, for the plain filename= of a header."""
    plain = "".join(c for c in filename if c.isascii() and (c.isalnum() or c in "-_."))
    stem, dot, extension = plain.rpartition(".")
    if not any(c.isalnum() for c in (stem if dot else plain)):
        return f"file.{extension}" if dot and extension else "file"
    return plain


def content_disposition(disposition: str, filename: str, fallback: str | None = None) -> str:
    """A Content-Disposition that keeps a Thai name (RFC 6266 filename*, which every current
    browser reads) with an ASCII filename= beside it for the rest. Characters no file system
    takes (/ \\ : * ? " < > |) become "-"."""
    tidy = re.sub(r'[/\\:*?"<>|\x00-\x1f]+', "-", filename).strip(" .-") or "file"
    plain = ascii_name(fallback or tidy)
    header = f'{disposition}; filename="{plain}"'
    if tidy != plain:
        header += f"; filename*=UTF-8''{quote(tidy, safe='')}"
    return header

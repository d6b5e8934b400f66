from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from itatrack.uploads import detect_type, validate_image
from tests.helpers import image_upload


def test_it_accepts_real_png_and_jpeg_and_stores_them_as_what_they_are(personas):
    for name, kind, stored in (("a.png", "PNG", ".png"), ("a.jpg", "JPEG", ".jpg")):
        upload = image_upload(name, kind)
        upload.seek(0)
        head = upload.read(4)
        validate_image(upload)  # raises for anything that is not a real image
        assert detect_type(upload) == {"PNG": "image/png", "JPEG": "image/jpeg"}[kind]
        org = personas.org
        org.emblem = upload
        org.save()
        assert org.emblem.name.startswith("emblems/") and org.emblem.name.endswith(stored)
        with org.emblem.open("rb") as handle:
            assert handle.read(4) == head


def test_it_judges_by_content_not_by_name():
    renamed = image_upload("looks.gif", "PNG")
    validate_image(renamed)
    with pytest.raises(ValidationError) as info:
        validate_image(SimpleUploadedFile("evil.png", b"<script>alert(1)</script>"))
    assert info.value.code == "not_an_image"


def test_it_refuses_other_image_formats():
    with pytest.raises(ValidationError) as info:
        validate_image(image_upload("a.gif", "GIF"))
    assert info.value.code == "wrong_format"
    assert "PNG หรือ JPEG" in info.value.messages[0]


def test_it_refuses_a_file_over_the_size_limit(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError) as info:
        validate_image(image_upload(size=(200, 200)))
    assert info.value.code == "too_large"


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims to be enormous: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("side", "code"),
    [(6_000, "too_many_pixels"), (60_000, "not_an_image")],  # ours, then Pillow's own limit
)
def test_it_refuses_an_image_bomb_without_decoding_it(side, code):
    bomb = SimpleUploadedFile("bomb.png", _png_header_only(side, side))
    with pytest.raises(ValidationError) as info:
        validate_image(bomb)
    assert info.value.code == code


def test_it_leaves_the_file_position_where_it_was():
    upload = image_upload()
    upload.seek(3)
    validate_image(upload)
    assert upload.tell() == 3
    assert isinstance(upload.file, io.BytesIO)

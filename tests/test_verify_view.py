"""The QR code's page: metadata, hash, approval trail, signature result, and a file check."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from reports.publishing import do_publish
from tests.memo_helpers import approved_memo, demo_certificate


@pytest.fixture
def publication(personas):
    memo = approved_memo(personas)
    demo_certificate(personas.org, personas.admin)
    return do_publish(memo, actor=personas.admin)


def published_bytes(publication) -> bytes:
    with publication.pdf.open("rb") as handle:
        return handle.read()


def test_it_shows_the_hash_the_trail_and_a_valid_signature(publication):
    page = Client().get(f"/v/{publication.memo.public_token}/").content.decode()
    assert publication.sha256 in page
    assert "ลงนามด้วยใบรับรองของหน่วยงาน" in page
    for name, position in (
        ("นายตรวจ ทดสอบ", "หัวหน้าสำนักปลัดเทศบาล"),
        ("นายบริหาร ทดสอบ", "นายกเทศมนตรีตำบลบ้านทดสอบ"),
    ):
        assert name in page and position in page


def test_it_says_an_uploaded_copy_is_exactly_the_published_one(publication):
    upload = SimpleUploadedFile("memo.pdf", published_bytes(publication), "application/pdf")
    page = Client().post(f"/v/{publication.memo.public_token}/", {"file": upload})
    assert "ตรงกัน: ไฟล์นี้คือฉบับที่เผยแพร่" in page.content.decode()


def test_it_says_a_changed_copy_is_not_the_published_one(publication):
    content = bytearray(published_bytes(publication))
    content[500] ^= 0x01
    upload = SimpleUploadedFile("memo.pdf", bytes(content), "application/pdf")
    page = Client().post(f"/v/{publication.memo.public_token}/", {"file": upload})
    assert "ไม่ตรงกัน" in page.content.decode()


def test_it_asks_for_a_file_when_none_is_sent(publication):
    page = Client().post(f"/v/{publication.memo.public_token}/", {})
    assert "ไม่ได้รับไฟล์" in page.content.decode()


def test_it_reports_a_stored_file_that_was_altered(publication):
    content = bytearray(published_bytes(publication))
    position = bytes(content).index(b"stream") + 20
    content[position] ^= 0x01
    with publication.pdf.open("wb") as handle:
        handle.write(bytes(content))
    page = Client().get(f"/v/{publication.memo.public_token}/").content.decode()
    assert "ตรวจสอบไม่ผ่าน: ไฟล์ที่เก็บไว้ไม่ตรงกับที่บันทึกไว้เมื่อเผยแพร่" in page

"""Verification never calls an altered file valid: the stored copy must be the one recorded at
publication, nothing may be added after the signature, and every signature must be by a
certificate the organisation holds."""

from __future__ import annotations

import hashlib
import io
import logging

import pytest
from django.test import Client
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from reports import signing
from reports.models import KnownCertificate, Publication
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo, demo_certificate


def draw_over_page_one(signed: bytes) -> bytes:
    """What anyone with write access to the storage can do: an incremental update that paints
    over page 1 and writes another text, leaving the signed bytes as they were."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    cover = generic.StreamObject(stream_data=b"q 1 1 1 rg 0 0 600 800 re f Q")
    writer.add_stream_to_page(0, writer.add_object(cover))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_again(signed: bytes, p12: bytes, password: str) -> bytes:
    """A second signature, in a field of its own, by a certificate the body never held."""
    signer = signers.SimpleSigner.load_pkcs12_data(p12, [], passphrase=password.encode())
    metadata = signers.PdfSignatureMetadata(
        field_name="Other", subfilter=fields.SigSeedSubFilter.PADES
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    return signers.sign_pdf(writer, metadata, signer=signer).getvalue()


@pytest.fixture
def publication(personas) -> Publication:
    memo = approved_memo(personas)
    demo_certificate(personas.org, personas.admin)
    return do_publish(memo, actor=personas.admin)


def stored(publication: Publication) -> bytes:
    with publication.pdf.open("rb") as handle:
        return handle.read()


def replace_stored(publication: Publication, content: bytes, *, rerecord: bool = False) -> None:
    """Overwrite the stored file; with rerecord, the recorded SHA-256 too (someone holding the
    database as well as the storage)."""
    with publication.pdf.open("wb") as handle:
        handle.write(content)
    if rerecord:
        Publication.objects.filter(pk=publication.pk).update(
            sha256=hashlib.sha256(content).hexdigest()
        )


def trusted(publication: Publication) -> list[bytes]:
    return KnownCertificate.objects.for_org(publication.organization).ders()


def test_the_apps_own_signed_file_is_valid(publication):
    result = signing.validate(stored(publication), trusted(publication))
    assert result.ok and result.messages() == []


def test_an_incremental_update_drawing_over_page_one_fails_and_is_named(publication):
    result = signing.validate(draw_over_page_one(stored(publication)), trusted(publication))
    assert result.intact  # the signed bytes are untouched: only the difference analysis sees it
    assert not result.unmodified and not result.ok
    assert result.messages() == ["มีการแก้ไขเพิ่มเติมหลังลงนาม (แก้ไขเนื้อหาหรือหน้าของเอกสาร)"]


def test_a_second_signature_by_a_foreign_certificate_fails_and_is_named(publication):
    foreign = signing.self_signed_p12("ผู้ปลอมแปลง", "pw")
    result = signing.validate(sign_again(stored(publication), foreign, "pw"), trusted(publication))
    assert not result.trusted and not result.ok
    messages = result.messages()
    assert any("ใบรับรองที่ไม่ใช่ของหน่วยงาน" in m and "ผู้ปลอมแปลง" in m for m in messages)
    assert any("มีการแก้ไขเพิ่มเติมหลังลงนาม" in m for m in messages)


def test_a_second_signature_even_by_the_bodys_own_certificate_is_more_than_the_app_adds(
    personas, publication
):
    from reports.models import SigningCertificate

    certificate = SigningCertificate.objects.get(organization=personas.org)
    p12 = signing.decrypt(certificate.p12_encrypted)
    password = signing.decrypt(certificate.password_encrypted).decode()
    result = signing.validate(sign_again(stored(publication), p12, password), trusted(publication))
    assert result.trusted and not result.ok


def test_the_verify_page_fails_a_stored_file_replaced_by_an_update(publication, caplog):
    replace_stored(publication, draw_over_page_one(stored(publication)))
    with caplog.at_level(logging.ERROR, logger="reports.publishing"):
        page = Client().get(f"/v/{publication.memo.public_token}/").content.decode()
    assert "ไฟล์ที่เก็บไว้ไม่ตรงกับที่บันทึกไว้เมื่อเผยแพร่" in page
    assert "ถูกต้อง: เอกสารไม่ถูกแก้ไขหลังลงนาม" not in page
    assert any("altered" in r.getMessage() for r in caplog.records)


def test_the_verify_page_names_the_modification_when_the_hash_was_rewritten_too(publication):
    replace_stored(publication, draw_over_page_one(stored(publication)), rerecord=True)
    page = Client().get(f"/v/{publication.memo.public_token}/").content.decode()
    assert "ตรวจสอบลายมือชื่อไม่ผ่าน" in page
    assert "แก้ไขเนื้อหาหรือหน้าของเอกสาร" in page
    assert "ถูกต้อง: เอกสารไม่ถูกแก้ไขหลังลงนาม" not in page


def test_the_verify_page_names_a_foreign_signature(publication):
    foreign = signing.self_signed_p12("ผู้ปลอมแปลง", "pw")
    replace_stored(publication, sign_again(stored(publication), foreign, "pw"), rerecord=True)
    page = Client().get(f"/v/{publication.memo.public_token}/").content.decode()
    assert "ใบรับรองที่ไม่ใช่ของหน่วยงาน" in page and "ผู้ปลอมแปลง" in page
    assert "ถูกต้อง: เอกสารไม่ถูกแก้ไขหลังลงนาม" not in page


def test_the_public_pdf_is_not_served_when_its_hash_differs(publication):
    original = stored(publication)
    replace_stored(publication, draw_over_page_one(original))
    response = Client().get(f"/d/{publication.token}/pdf/")
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    assert "ไฟล์เอกสารไม่ตรงกับที่เผยแพร่" in response.content.decode()
    replace_stored(publication, original)
    response = Client().get(f"/d/{publication.token}/pdf/")
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == publication.sha256

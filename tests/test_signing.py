"""Signing with pyHanko: a signed final copy validates, and one changed byte breaks it."""

from __future__ import annotations

import datetime as dt

import pytest

from itatrack.actions import ActionError
from reports import signing
from reports.models import SigningCertificate
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo, demo_certificate


@pytest.fixture
def signed(personas):
    memo = approved_memo(personas)
    demo_certificate(personas.org, personas.admin)
    publication = do_publish(memo, actor=personas.admin)
    certificate = SigningCertificate.objects.get(organization=personas.org)
    with publication.pdf.open("rb") as handle:
        return handle.read(), signing.read_der(certificate), publication


def test_it_signs_the_memo_and_the_signature_validates(signed):
    content, trust, publication = signed
    result = signing.validate(content, trust)
    assert publication.signed
    assert result.signed and result.intact and result.trusted and result.ok
    assert "บ้านทดสอบ" in result.signer


def test_it_fails_validation_when_one_byte_is_flipped(signed):
    content, trust, _publication = signed
    # A byte of the page content, which the signature covers (not the signature's own bytes).
    position = content.index(b"stream") + 20
    tampered = content[:position] + bytes([content[position] ^ 0x01]) + content[position + 1 :]
    result = signing.validate(tampered, trust)
    assert not result.ok
    assert not result.intact


def test_it_does_not_trust_a_signature_by_another_certificate(signed):
    content, _trust, _publication = signed
    other = signing.read_p12(signing.self_signed_p12("ผู้อื่น", "pw"), "pw").der
    result = signing.validate(content, other)
    assert result.intact and not result.trusted and not result.ok


def test_it_reports_an_unsigned_file_as_unsigned():
    assert signing.validate(b"%PDF-1.4 not really", None).signed is False


def test_it_rejects_a_wrong_password_in_thai():
    with pytest.raises(ActionError, match="รหัสผ่านไม่ถูกต้อง"):
        signing.read_p12(signing.self_signed_p12("ทดสอบ", "right"), "wrong")


def test_it_keeps_a_long_thai_common_name_within_64_bytes():
    info = signing.read_p12(signing.self_signed_p12("องค์การบริหารส่วนตำบลหนองอื่นยาวมาก", "pw"), "pw")
    assert info.subject.startswith("C=TH,CN=องค์การ")


def test_it_stores_the_certificate_encrypted(personas):
    demo_certificate(personas.org, personas.admin)
    stored = SigningCertificate.objects.get(organization=personas.org)
    assert bytes(stored.password_encrypted) != b"pw"
    assert signing.decrypt(stored.password_encrypted) == b"pw"
    assert stored.not_after > dt.datetime.now(dt.UTC)

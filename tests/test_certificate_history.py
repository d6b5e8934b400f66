"""Every certificate a body has signed with stays trusted for its own documents; a document is
checked against the certificate inside its signature; the verdict is kept per exact file; and
certificates that would publish documents that then fail to verify are refused."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from reports import signing
from reports.models import KnownCertificate, Publication, SigningCertificate
from reports.publishing import do_publish, do_upload_certificate
from tests.memo_helpers import approved_memo, correction_of

NOW = dt.datetime.now(dt.UTC)


def make_p12(
    *,
    key=None,
    signing_usage: bool = True,
    starts: dt.datetime | None = None,
    ends: dt.datetime | None = None,
    password: str = "pw",
) -> bytes:
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "เทศบาลตำบลบ้านทดสอบ")])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(starts or NOW - dt.timedelta(days=1))
        .not_valid_after(ends or NOW + dt.timedelta(days=365))
        .add_extension(
            x509.KeyUsage(
                digital_signature=signing_usage,
                content_commitment=signing_usage,
                key_encipherment=not signing_usage,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    certificate = builder.sign(key, hashes.SHA256())
    return pkcs12.serialize_key_and_certificates(
        b"org", key, certificate, None, serialization.BestAvailableEncryption(password.encode())
    )


def page_of(publication) -> str:
    return Client().get(f"/v/{publication.memo.public_token}/").content.decode()


def test_a_document_stays_valid_after_the_next_certificate_is_uploaded(personas):
    first_memo = approved_memo(personas)
    do_upload_certificate(personas.org, make_p12(), "pw", actor=personas.admin)
    first = do_publish(first_memo, actor=personas.admin)
    assert "ลงนามด้วยใบรับรองของหน่วยงาน" in page_of(first)

    do_upload_certificate(personas.org, make_p12(), "pw", actor=personas.admin)
    second = do_publish(correction_of(personas, first_memo), actor=personas.admin)
    assert KnownCertificate.objects.for_org(personas.org).count() == 2
    assert "ลงนามด้วยใบรับรองของหน่วยงาน" in page_of(first)
    assert "ลงนามด้วยใบรับรองของหน่วยงาน" in page_of(second)


def test_a_certificate_another_body_held_is_not_trusted_for_this_one(personas):
    memo = approved_memo(personas)
    do_upload_certificate(personas.other_org, make_p12(), "pw", actor=personas.outsider)
    do_upload_certificate(personas.org, make_p12(), "pw", actor=personas.admin)
    stored = SigningCertificate.objects.get(organization=personas.other_org)
    with memo.pdf.open("rb") as handle:
        forged = signing.sign(
            handle.read(),
            signing.decrypt(stored.p12_encrypted),
            signing.decrypt(stored.password_encrypted).decode(),
            reason="forged",
        )
    result = signing.validate(forged, KnownCertificate.objects.for_org(personas.org).ders())
    assert result.intact and not result.trusted


def test_the_verdict_is_kept_per_exact_file(personas, monkeypatch):
    memo = approved_memo(personas)
    do_upload_certificate(personas.org, make_p12(), "pw", actor=personas.admin)
    publication = do_publish(memo, actor=personas.admin)
    calls = []
    real = signing.validate_pdf_signature
    monkeypatch.setattr(
        signing, "validate_pdf_signature", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    for _ in range(3):
        assert "ลงนามด้วยใบรับรองของหน่วยงาน" in page_of(publication)
    assert len(calls) == 1

    with publication.pdf.open("rb") as handle:
        content = bytearray(handle.read())
    position = bytes(content).index(b"stream") + 20
    content[position] ^= 0x01
    with publication.pdf.open("wb") as handle:
        handle.write(bytes(content))
    # the recorded hash rewritten too, so that the signature itself is checked again
    Publication.objects.filter(pk=publication.pk).update(
        sha256=hashlib.sha256(bytes(content)).hexdigest()
    )
    publication.refresh_from_db()
    assert "ตรวจสอบลายมือชื่อไม่ผ่าน" in page_of(publication)
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("p12", "message"),
    [
        (lambda: make_p12(signing_usage=False), "ไม่ได้ออกให้ใช้ลงลายมือชื่อดิจิทัล"),
        (lambda: make_p12(starts=NOW + dt.timedelta(days=3)), "ยังไม่ถึงวันเริ่มใช้งาน"),
        (
            lambda: make_p12(starts=NOW - dt.timedelta(days=9), ends=NOW - dt.timedelta(days=2)),
            "หมดอายุแล้ว",
        ),
        (
            lambda: make_p12(key=rsa.generate_private_key(public_exponent=65537, key_size=1024)),
            "ต้องไม่น้อยกว่า ๒๐๔๘ บิต",
        ),
        (lambda: make_p12(key=dsa.generate_private_key(key_size=2048)), "DSA ไม่รองรับ"),
    ],
    ids=["no-signing-usage", "not-yet-valid", "expired", "rsa-1024", "dsa"],
)
def test_certificates_unfit_for_signing_are_refused_in_thai(personas, p12, message):
    response = personas.client_for(personas.admin).post(
        "/o/ban-thotsob/signing/",
        {"file": SimpleUploadedFile("org.p12", p12()), "password": "pw"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SigningCertificate.objects.exists() and not KnownCertificate.objects.exists()


def test_an_ec_certificate_is_accepted(personas):
    key = ec.generate_private_key(ec.SECP256R1())
    do_upload_certificate(personas.org, make_p12(key=key), "pw", actor=personas.admin)
    assert KnownCertificate.objects.for_org(personas.org).count() == 1

"""PAdES signatures with pyHanko, the organisation's PKCS#12 kept encrypted, and validation."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from itatrack.actions import ActionError
from itatrack.thai import screen_digits

if TYPE_CHECKING:
    from reports.models import SigningCertificate


def _fernet() -> Fernet:
    """Secrets at rest are encrypted with a key derived from SECRET_KEY."""
    digest = hashlib.sha256(("itatrack-signing:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken as exc:
        raise ActionError(_("อ่านใบรับรองที่เก็บไว้ไม่ได้ (SECRET_KEY เปลี่ยนไป) กรุณาอัปโหลดใหม่")) from exc


@dataclass
class CertificateInfo:
    subject: str
    not_before: dt.datetime
    not_after: dt.datetime
    der: bytes


MIN_RSA_BITS = 2048


def _load_p12(data: bytes, password: str) -> tuple[object, x509.Certificate]:
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(data, password.encode() or None)
    except ValueError as exc:
        raise ActionError(
            _("เปิดไฟล์ใบรับรองไม่ได้: ไฟล์ไม่ใช่ PKCS#12 (.p12/.pfx) หรือรหัสผ่านไม่ถูกต้อง")
        ) from exc
    if key is None or cert is None:
        raise ActionError(_("ไฟล์ใบรับรองต้องมีทั้งกุญแจส่วนตัวและใบรับรอง"))
    return key, cert


def read_p12(data: bytes, password: str) -> CertificateInfo:
    """Check an uploaded PKCS#12 file and its password; Thai errors for what a user can fix."""
    _key, cert = _load_p12(data, password)
    return _info(cert)


def read_p12_for_signing(data: bytes, password: str) -> CertificateInfo:
    """read_p12, and refuse what would publish documents "signed" that then fail to verify:
    a certificate not meant for signatures, not yet or no longer valid, or a weak key."""
    key, cert = _load_p12(data, password)
    now = timezone.now()
    if cert.not_valid_before_utc > now:
        raise ActionError(_("ใบรับรองนี้ยังไม่ถึงวันเริ่มใช้งาน"))
    if cert.not_valid_after_utc <= now:
        raise ActionError(_("ใบรับรองนี้หมดอายุแล้ว"))
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is None or not (usage.digital_signature or usage.content_commitment):
        raise ActionError(
            _("ใบรับรองนี้ไม่ได้ออกให้ใช้ลงลายมือชื่อดิจิทัล (Key Usage: digitalSignature หรือ nonRepudiation)")
        )
    public = cert.public_key()
    if isinstance(public, dsa.DSAPublicKey):
        raise ActionError(_("ใบรับรองแบบ DSA ไม่รองรับแล้ว กรุณาใช้ใบรับรอง RSA หรือ EC"))
    if isinstance(public, rsa.RSAPublicKey) and public.key_size < MIN_RSA_BITS:
        raise ActionError(
            _("กุญแจ RSA ของใบรับรองนี้ยาว %(bits)s บิต ต้องไม่น้อยกว่า %(min)s บิต")
            % {"bits": screen_digits(public.key_size), "min": screen_digits(MIN_RSA_BITS)}
        )
    usable = (
        rsa.RSAPublicKey,
        ec.EllipticCurvePublicKey,
        ed25519.Ed25519PublicKey,
        ed448.Ed448PublicKey,
    )
    if not isinstance(public, usable):
        raise ActionError(_("ไม่รองรับชนิดกุญแจของใบรับรองนี้"))
    del key
    return _info(cert)


def _info(cert: x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        subject=cert.subject.rfc4514_string(),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        der=cert.public_bytes(serialization.Encoding.DER),
    )


RDN_SEPARATOR = re.compile(r"(?<!\\)[,+]")
RDN_LABELS = {"CN": "name", "O": "organization", "OU": "unit", "C": "country", "L": "locality"}


@dataclass(frozen=True)
class Signer:
    """A certificate's subject as a person reads it."""

    name: str
    organization: str

    def __str__(self) -> str:
        if self.organization and self.organization != self.name:
            return f"{self.name} ({self.organization})" if self.name else self.organization
        return self.name


def readable_signer(subject: str) -> Signer:
    """ "CN=ทต.บ้านตัวอย่าง,O=เทศบาลตำบลบ้านตัวอย่าง,C=TH" → the name and the organisation."""
    parts: dict[str, str] = {}
    for piece in RDN_SEPARATOR.split(subject):
        key, _sep, value = piece.partition("=")
        label = RDN_LABELS.get(key.strip().upper())
        if label and label not in parts:
            parts[label] = re.sub(r"\\(.)", r"\1", value).strip()
    return Signer(parts.get("name", ""), parts.get("organization", ""))


def _max_bytes(text: str, limit: int) -> str:
    """X.520 bounds a common name at 64 UTF-8 bytes; a Thai name reaches it in 22 letters."""
    return text.encode()[:limit].decode(errors="ignore")


def self_signed_p12(
    common_name: str, password: str, days: int = 365 * 3, *, organization: str = ""
) -> bytes:
    """A self-signed certificate for the demo (real bodies upload their own)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, _max_bytes(common_name, 64))]
    if organization:
        attributes.append(
            # X.520 bounds an organisation name at 64 characters (not bytes, as for the CN).
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64])
        )
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "TH"))
    name = x509.Name(attributes)
    now = dt.datetime.now(dt.UTC)
    after = now + dt.timedelta(days=days)  # negative days: an expired one, for tests
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(min(now, after) - dt.timedelta(days=1))
        .not_valid_after(after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(),
        key,
        cert,
        None,
        serialization.BestAvailableEncryption(password.encode()),
    )


def sign(pdf: bytes, p12: bytes, password: str, *, reason: str) -> bytes:
    signer = signers.SimpleSigner.load_pkcs12_data(
        p12, other_certs=[], passphrase=password.encode() or None
    )
    if signer is None:
        raise ActionError(_("ใช้ใบรับรองลงนามไม่ได้ กรุณาตรวจไฟล์และรหัสผ่าน"))
    metadata = signers.PdfSignatureMetadata(
        field_name="ITAtrackSignature",
        reason=reason,
        location="Thailand",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    timestamper = None
    if settings.SIGNING_TSA_URL:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(settings.SIGNING_TSA_URL)
    output = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), metadata, signer=signer, timestamper=timestamper
    )
    return output.getvalue()


class Problem:
    """What a check found wrong, kept as a code so that a cached verdict speaks the reader's
    language (the message is worded when shown)."""

    UNREADABLE = "unreadable"
    ALTERED = "altered"  # the signed bytes changed: the signature no longer matches
    MODIFIED = "modified"  # a revision added after the signature
    FOREIGN = "foreign"  # a signature by a certificate the organisation does not hold
    INCOMPLETE = "incomplete"  # the signature does not cover the whole file


# What pyHanko's difference analysis says was added after a signature, in the reader's words.
_MODIFICATIONS = {
    ModificationLevel.NONE: gettext_lazy("เปลี่ยนสิทธิ์การแก้ไขเอกสาร"),  # docmdp broken alone
    ModificationLevel.LTA_UPDATES: gettext_lazy("เพิ่มข้อมูลตรวจสอบใบรับรองหรือตราประทับเวลา"),
    ModificationLevel.FORM_FILLING: gettext_lazy("กรอกแบบฟอร์มหรือเพิ่มลายมือชื่ออื่น"),
    ModificationLevel.ANNOTATIONS: gettext_lazy("เพิ่มหมายเหตุหรือภาพทับบนหน้าเอกสาร"),
    ModificationLevel.OTHER: gettext_lazy("แก้ไขเนื้อหาหรือหน้าของเอกสาร"),
}


@dataclass
class Validation:
    signed: bool
    intact: bool = False  # every signature matches the bytes it covers
    trusted: bool = False  # every signature is by a certificate the organisation holds
    unmodified: bool = False  # nothing was added after the signature (the app adds nothing)
    signer: str = ""
    signed_at: dt.datetime | None = None
    error: str = ""
    problems: list[tuple[str, str]] = field(default_factory=list)  # (Problem code, detail)

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.trusted and self.unmodified

    def messages(self) -> list[str]:
        """What is wrong, in Thai, naming it."""
        words = {
            Problem.UNREADABLE: _("อ่านลายมือชื่อในไฟล์ไม่ได้: %(detail)s"),
            Problem.ALTERED: _("เนื้อหาไม่ตรงกับลายมือชื่อของ %(detail)s: ไฟล์ถูกแก้ไขหลังลงนาม"),
            Problem.MODIFIED: _("มีการแก้ไขเพิ่มเติมหลังลงนาม (%(detail)s)"),
            Problem.FOREIGN: _("มีลายมือชื่อด้วยใบรับรองที่ไม่ใช่ของหน่วยงาน: %(detail)s"),
            Problem.INCOMPLETE: _("ลายมือชื่อของ %(detail)s ไม่ครอบคลุมทั้งไฟล์"),
        }
        return [words[code] % {"detail": detail} for code, detail in self.problems]


def fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def validate(pdf: bytes, trusted: bytes | Iterable[bytes] | None) -> Validation:
    """Is the file exactly what the app signed? Every signature in it must be intact and made
    with one of the trusted certificates (the organisation's, past or present: a certificate is
    trusted only when it is exactly one of them), and nothing may follow the signature: the app
    signs once, over the whole file, and adds nothing after. pyHanko's difference analysis
    names what a later revision changed."""
    known = {fingerprint(d) for d in ([trusted] if isinstance(trusted, bytes) else trusted or [])}
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        embedded = reader.embedded_signatures
    except Exception as exc:  # a damaged file is a result, not a crash
        return Validation(signed=False, error=str(exc)[:200])
    if not embedded:
        return Validation(signed=False)
    result = Validation(signed=True, intact=True, trusted=True, unmodified=True)
    for number, signature in enumerate(embedded):
        try:
            certificate = signature.signer_cert
            name = certificate.subject.human_friendly
            own = fingerprint(certificate.dump()) in known
            status = validate_pdf_signature(
                signature, ValidationContext(trust_roots=[certificate] if own else [])
            )
        except Exception as exc:
            result.intact = result.unmodified = False
            result.error = result.error or str(exc)[:200]
            result.problems.append((Problem.UNREADABLE, str(exc)[:200]))
            continue
        if number == 0:
            result.signer, result.signed_at = name, getattr(status, "signer_reported_dt", None)
        if not (own and status.trusted):
            result.trusted = False
            result.problems.append((Problem.FOREIGN, name))
        if not (status.intact and status.valid):
            result.intact = False
            result.problems.append((Problem.ALTERED, name))
            continue
        level = status.modification_level
        if level not in (None, ModificationLevel.NONE) or status.docmdp_ok is False:
            result.unmodified = False
            what = _MODIFICATIONS[level or ModificationLevel.OTHER]
            result.problems.append((Problem.MODIFIED, str(what)))
        elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            result.unmodified = False
            result.problems.append((Problem.INCOMPLETE, name))
    return result


VERDICT_SECONDS = 24 * 3600


def validate_cached(pdf: bytes, trusted: Iterable[bytes]) -> Validation:
    """validate(), remembered for the exact bytes and the exact set of trusted certificates:
    an altered file or a newly kept certificate is a new question, checked afresh."""
    ders = sorted(trusted)
    trust = hashlib.sha256(b"".join(fingerprint(d).encode() for d in ders)).hexdigest()[:16]
    key = f"sigcheck:{hashlib.sha256(pdf).hexdigest()}:{trust}"
    kept = cache.get(key)
    if kept is not None:
        kept["problems"] = [tuple(p) for p in kept.get("problems", [])]
        return Validation(**kept)
    result = validate(pdf, ders)
    cache.set(key, asdict(result), VERDICT_SECONDS)
    return result


def read_der(certificate: SigningCertificate) -> bytes | None:
    """The DER of a stored SigningCertificate's own certificate (the trust root for checks)."""
    p12 = decrypt(certificate.p12_encrypted)
    password = decrypt(certificate.password_encrypted).decode()
    try:
        return read_p12(p12, password).der
    except ActionError:
        return None

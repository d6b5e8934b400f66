"""What a body publishes: the signed final copy of an approved memo, at a stable public link,
and the certificate it signs with."""

from __future__ import annotations

import secrets
import uuid

from django.db import models

from itatrack.models import Membership, Organization
from reports.models.memos import Memo


def new_token() -> str:
    """Public links must not be guessable sequences."""
    return secrets.token_urlsafe(12)


def published_path(instance: Publication | None, filename: str) -> str:
    """A fresh name: a published file is never overwritten (also called without a row)."""
    return f"published/{uuid.uuid4().hex}.pdf"


class SigningCertificate(models.Model):
    """The organisation's PKCS#12 file and its password, both encrypted at rest."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="signing_certificate"
    )
    p12_encrypted = models.BinaryField()
    password_encrypted = models.BinaryField()
    subject = models.CharField(max_length=300)
    not_before = models.DateTimeField()
    not_after = models.DateTimeField()
    uploaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.subject


class KnownCertificateQuerySet(models.QuerySet["KnownCertificate"]):
    def for_org(self, org: Organization) -> KnownCertificateQuerySet:
        return self.filter(organization=org)

    def ders(self) -> list[bytes]:
        return [bytes(der) for der in self.values_list("der", flat=True)]


class KnownCertificate(models.Model):
    """Every certificate an organisation has held (public part only): a document stays
    verifiable after the organisation uploads its next certificate."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="known_certificates"
    )
    fingerprint = models.CharField(max_length=64)
    der = models.BinaryField()
    subject = models.CharField(max_length=300)
    not_before = models.DateTimeField()
    not_after = models.DateTimeField()
    added_at = models.DateTimeField(auto_now_add=True)

    objects = KnownCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-added_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fingerprint"], name="known_certificate_once"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class PublicationQuerySet(models.QuerySet["Publication"]):
    def public(self) -> PublicationQuerySet:
        return self.filter(memo__status=Memo.Status.APPROVED)

    def for_org(self, org: Organization) -> PublicationQuerySet:
        return self.filter(organization=org)


class Publication(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="publications"
    )
    memo = models.OneToOneField(Memo, on_delete=models.PROTECT, related_name="publication")
    token = models.CharField(max_length=32, unique=True, default=new_token)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    version = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=500)
    fiscal_year = models.PositiveIntegerField()
    oit_code = models.CharField(max_length=10, blank=True)
    oit_title = models.CharField(max_length=300, blank=True)
    pdf = models.FileField(upload_to=published_path)
    sha256 = models.CharField(max_length=64)
    signed = models.BooleanField(default=False)
    signer_subject = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-fiscal_year", "oit_code", "-version"]
        # The public search by year reads a year's newest documents first.
        indexes = [models.Index(fields=["fiscal_year", "id"], name="publication_year_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "superseded_by") or self.superseded_by is None


class PublicationWord(models.Model):
    """One word of a published document, for the public search (reports.search)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["publication", "word"], name="publication_word_once")
        ]
        indexes = [models.Index(fields=["word", "publication"], name="publication_word_idx")]

    def __str__(self) -> str:
        return self.word

"""A checked import waiting for its confirm: a row of its own, never the session (a large
sheet in the session is written to the session store on every later request)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessments.models.results import Assessment
from itatrack.models import Membership

KEPT_FOR = dt.timedelta(days=1)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ImportPreviewQuerySet(models.QuerySet["ImportPreview"]):
    def for_member(self, membership: Membership) -> ImportPreviewQuerySet:
        return self.filter(membership=membership)

    def expired(self) -> ImportPreviewQuerySet:
        return self.filter(created_at__lt=timezone.now() - KEPT_FOR)


class ImportPreview(models.Model):
    token = models.CharField(max_length=40, unique=True, default=new_token)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    sheet = models.JSONField()
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ImportPreviewQuerySet.as_manager()

    class Meta:
        verbose_name = "import preview"

    def __str__(self) -> str:
        return self.filename


class FrameworkUploadQuerySet(models.QuerySet["FrameworkUpload"]):
    def expired(self) -> FrameworkUploadQuerySet:
        return self.filter(created_at__lt=timezone.now() - KEPT_FOR)


class FrameworkUpload(models.Model):
    """A framework workbook read and checked, waiting for the operator's confirm."""

    token = models.CharField(max_length=40, unique=True, default=new_token)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveIntegerField()
    spec = models.JSONField()
    filename = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrameworkUploadQuerySet.as_manager()

    class Meta:
        verbose_name = "framework upload"

    def __str__(self) -> str:
        return self.filename

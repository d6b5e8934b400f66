"""The OIT workspace: for every open-data item of a year's framework, who prepares it, by
when, how far it is, whether a reviewer found it ready, and its evidence."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models import Item
from itatrack.cleantext import MAX_TEXT
from itatrack.models import Department, Membership, Organization, SentReminder
from itatrack.uploads import DetectedName
from reports.models.memos import Memo


def oit_evidence_path(instance: OitEvidence, filename: str) -> str:
    return DetectedName("oit", "file")(instance, filename)


def evidence_token() -> str:
    return secrets.token_urlsafe(18)


class OitEntryQuerySet(models.QuerySet["OitEntry"]):
    def for_org(self, org: Organization) -> OitEntryQuerySet:
        return self.filter(organization=org)

    def of_year(self, fiscal_year: int) -> OitEntryQuerySet:
        return self.filter(item__framework__fiscal_year=fiscal_year)


class OitEntry(models.Model):
    """One body's work on one OIT item. Made when someone first saves anything about it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
        IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
        READY = "ready", _("พร้อม (ผู้ตรวจทานเห็นชอบ)")
        PUBLISHED = "published", _("เผยแพร่แล้ว")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="oit_entries"
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("ผู้รับผิดชอบ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("ส่วนราชการที่รับผิดชอบ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("กำหนดแล้วเสร็จ"), null=True, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    checked_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    check_comment = models.TextField(_("ความเห็นผู้ตรวจทาน"), blank=True, max_length=MAX_TEXT)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OitEntryQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "item__order"]
        verbose_name = _("รายการ OIT")
        verbose_name_plural = _("รายการ OIT")
        constraints = [
            models.UniqueConstraint(fields=["organization", "item"], name="one_oit_entry")
        ]

    def __str__(self) -> str:
        return self.item.label(60)


class OitEvidenceQuerySet(models.QuerySet["OitEvidence"]):
    def listed(self) -> OitEvidenceQuerySet:
        """What the staff see: everything not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def public(self) -> OitEvidenceQuerySet:
        return self.filter(published_at__isnull=False, withdrawn_at__isnull=True)


class OitEvidence(models.Model):
    """A file kept here (checked by content, with its SHA-256 and a permanent public link), a
    link to a page elsewhere, or a memo of this app."""

    entry = models.ForeignKey(OitEntry, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("ไฟล์"), upload_to=oit_evidence_path, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("ลิงก์"), max_length=500, blank=True)
    memo = models.ForeignKey(
        Memo, verbose_name=_("บันทึกข้อความ"), on_delete=models.PROTECT, null=True, blank=True
    )
    token = models.CharField(max_length=32, unique=True, default=evidence_token)
    added_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # Set when the item is published: from then on the evidence is on the public ITA page and
    # its permanent link answers. Removing published evidence withdraws it instead of deleting
    # it, so a link someone copied into ITAS says what happened rather than "not found".
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = OitEvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "id"]
        verbose_name = _("หลักฐาน OIT")
        verbose_name_plural = _("หลักฐาน OIT")
        constraints = [
            models.CheckConstraint(
                condition=(
                    (~models.Q(file="") & models.Q(url="") & models.Q(memo__isnull=True))
                    | (models.Q(file="") & ~models.Q(url="") & models.Q(memo__isnull=True))
                    | (models.Q(file="") & models.Q(url="") & models.Q(memo__isnull=False))
                ),
                name="oit_evidence_one_kind",
            )
        ]

    def __str__(self) -> str:
        return self.original_name or self.url or str(self.memo)

    @property
    def kind(self) -> str:
        return "file" if self.file else ("link" if self.url else "memo")


class OitReminderSent(SentReminder):
    """One row per reminder about an OIT item, so the daily run sends each only once; the key
    is the due date, so a new due date brings a new reminder."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("ใกล้ครบกำหนด")
        OVERDUE = "overdue", _("เลยกำหนด")

    entry = models.ForeignKey(OitEntry, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind", "key"], name="oit_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.entry_id} {self.key}"

"""What was done: follow-ups with their evidence, and the reminders already sent."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from itatrack.cleantext import MAX_TEXT
from itatrack.models import Membership, SentReminder
from itatrack.uploads import DetectedName
from measures.models.plans import Measure


def evidence_path(instance: Evidence, filename: str) -> str:
    return DetectedName("evidence", "file")(instance, filename)


class FollowUp(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("วันที่ดำเนินการ"))
    text = models.TextField(_("ผลการดำเนินการ"), max_length=MAX_TEXT)
    progress = models.PositiveSmallIntegerField(
        _("ความก้าวหน้า (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    reported_by = models.ForeignKey(
        Membership, verbose_name=_("ผู้รายงาน"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "-date", "-id"]
        verbose_name = _("ผลการติดตาม")
        verbose_name_plural = _("ผลการติดตาม")

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"


class Evidence(models.Model):
    """A file (checked by content, stored with its SHA-256) or a link, such as the page on the
    body's website that an OIT item points at."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("ไฟล์"), upload_to=evidence_path, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("ลิงก์"), max_length=500, blank=True)

    class Meta:
        ordering = ["follow_up", "id"]
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")

    def __str__(self) -> str:
        return self.original_name or self.url


class ReminderSent(SentReminder):
    """One row per reminder event, so the daily run sends each only once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("ใกล้ครบกำหนด")
        OVERDUE = "overdue", _("เลยกำหนด")
        STALE = "stale", _("ไม่มีการรายงานผล")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["measure", "kind", "key"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.measure_id} {self.key}"

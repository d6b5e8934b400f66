"""Mail the app sends: a row written in the transaction of the change it reports, delivered by
the background worker with retries, so that a mail server that is down never fails a request
and nothing is lost while it is down."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from itatrack.models.organisations import Organization


class OutgoingMailQuerySet(models.QuerySet["OutgoingMail"]):
    def about(self, target: models.Model) -> OutgoingMailQuerySet:
        return self.filter(target_type=target._meta.label_lower, target_id=target.pk)

    def about_all(self, targets: list[models.Model]) -> OutgoingMailQuerySet:
        """The mails about any of targets (all of one model), in one query."""
        if not targets:
            return self.none()
        return self.filter(
            target_type=targets[0]._meta.label_lower, target_id__in=[t.pk for t in targets]
        )


class OutgoingMail(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("รอส่ง")
        SENT = "sent", _("ส่งแล้ว")
        FAILED = "failed", _("ส่งไม่สำเร็จ")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30)
    # What the mail is about (a membership, a memo, a measure), for its page to show the state.
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    to = models.TextField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.subject[:60]} → {self.to[:60]}"

    @property
    def recipients(self) -> list[str]:
        return [address for address in self.to.split(",") if address]

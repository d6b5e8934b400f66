"""Approval as rows: a route template per organisation, the memo's own route (editable until
submission), and one ApprovalStep per approver per round with the decision, comment and time."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from itatrack.cleantext import MAX_TEXT
from itatrack.models import Membership, Organization
from reports.models.memos import Memo


class Verb(models.TextChoices):
    ENDORSE = "endorse", _("เห็นชอบ")
    ACKNOWLEDGE = "acknowledge", _("ทราบ")
    APPROVE = "approve", _("อนุมัติ/ลงนาม")


class RouteTemplate(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="route_templates"
    )
    name = models.CharField(_("ชื่อเส้นทาง"), max_length=200)
    is_default = models.BooleanField(_("ใช้เป็นค่าเริ่มต้น"), default=False)

    class Meta:
        ordering = ["organization", "-is_default", "name"]

    def __str__(self) -> str:
        return self.name


class RouteTemplateStep(models.Model):
    template = models.ForeignKey(RouteTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    verb = models.CharField(max_length=12, choices=Verb.choices, default=Verb.ENDORSE)

    class Meta:
        ordering = ["template", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.member}"


class RouteStep(models.Model):
    """The memo's planned route, edited until it is submitted."""

    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="route")
    order = models.PositiveSmallIntegerField()
    member = models.ForeignKey(
        Membership, verbose_name=_("ผู้พิจารณา"), on_delete=models.PROTECT, related_name="+"
    )
    verb = models.CharField(
        _("การพิจารณา"), max_length=12, choices=Verb.choices, default=Verb.ENDORSE
    )

    class Meta:
        ordering = ["memo", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.member}"


class ApprovalStepQuerySet(models.QuerySet["ApprovalStep"]):
    def inbox(self, membership: Membership) -> ApprovalStepQuerySet:
        return self.filter(
            member=membership, state=ApprovalStep.State.CURRENT, memo__status=Memo.Status.SUBMITTED
        )


class ApprovalStep(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("รอลำดับ")
        CURRENT = "current", _("รอพิจารณา")
        APPROVED = "approved", _("เห็นชอบ/อนุมัติแล้ว")
        RETURNED = "returned", _("ตีกลับ")
        REJECTED = "rejected", _("ไม่อนุมัติ")
        CANCELLED = "cancelled", _("ยกเลิก")

    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField()
    order = models.PositiveSmallIntegerField()
    member = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="approvals")
    verb = models.CharField(max_length=12, choices=Verb.choices)
    # Who it was, as printed: the name and position when the step started.
    member_name = models.CharField(max_length=200, blank=True)
    member_position = models.CharField(max_length=300, blank=True)
    signature = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    comment = models.TextField(_("ความเห็น"), blank=True, max_length=MAX_TEXT)
    decided_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)

    objects = ApprovalStepQuerySet.as_manager()

    class Meta:
        ordering = ["memo", "round", "order"]
        constraints = [
            models.UniqueConstraint(fields=["memo", "round", "order"], name="one_step_per_place")
        ]

    def __str__(self) -> str:
        return f"{self.memo_id} r{self.round} {self.order}: {self.state}"

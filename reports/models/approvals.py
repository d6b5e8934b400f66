"""Approval as rows: a route template per organisation, the memo's own route (editable until
submission), and one ApprovalStep per approver per round with the decision, comment and time."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from itatrack.cleantext import MAX_TEXT
from itatrack.models import Membership, Organization, SentReminder
from reports.capacity import Capacity, comment_heading, position_lines
from reports.models.memos import Memo


class Verb(models.TextChoices):
    ENDORSE = "endorse", _("เห็นชอบ")
    ACKNOWLEDGE = "acknowledge", _("ทราบ")
    APPROVE = "approve", _("อนุมัติ/ลงนาม")


class StepRow(models.Model):
    """What every step row has, in a template, a memo's route or a round of approval: its place
    and what the person does (endorse, acknowledge, approve)."""

    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    verb = models.CharField(
        _("การพิจารณา"), max_length=12, choices=Verb.choices, default=Verb.ENDORSE
    )
    capacity = models.CharField(
        _("ลงนามในฐานะ"), max_length=20, choices=Capacity.choices, blank=True, default=""
    )
    acting_for = models.CharField(
        _("ตำแหน่งที่ทำการแทน"),
        max_length=300,
        blank=True,
        help_text=_("เช่น นายกเทศมนตรีตำบลบ้านตัวอย่าง"),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.order}. {self.member}"  # type: ignore[attr-defined]


class RouteTemplateQuerySet(models.QuerySet["RouteTemplate"]):
    def for_org(self, org: Organization) -> RouteTemplateQuerySet:
        return self.filter(organization=org)


class RouteTemplate(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="route_templates"
    )
    name = models.CharField(_("ชื่อเส้นทาง"), max_length=200)
    is_default = models.BooleanField(_("ใช้เป็นค่าเริ่มต้น"), default=False)

    objects = RouteTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-is_default", "name"]

    def __str__(self) -> str:
        return self.name


class RouteTemplateStep(StepRow):
    template = models.ForeignKey(RouteTemplate, on_delete=models.CASCADE, related_name="steps")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["template", "order"]


class RouteStep(StepRow):
    """The memo's planned route, edited until it is submitted."""

    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="route")
    member = models.ForeignKey(
        Membership, verbose_name=_("ผู้พิจารณา"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["memo", "order"]


class ApprovalStepQuerySet(models.QuerySet["ApprovalStep"]):
    def inbox(self, membership: Membership) -> ApprovalStepQuerySet:
        return self.current().filter(member=membership, memo__status=Memo.Status.SUBMITTED)

    def of_round(self, memo: Memo) -> ApprovalStepQuerySet:
        """The steps of the memo's latest round of submission."""
        return self.filter(memo=memo, round=memo.round)

    def current(self) -> ApprovalStepQuerySet:
        return self.filter(state=ApprovalStep.State.CURRENT)

    def decided(self) -> ApprovalStepQuerySet:
        """Approved, returned or rejected: what the PDF and the verification page print."""
        return self.filter(state__in=ApprovalStep.DECIDED)

    def last_decision(self) -> ApprovalStep | None:
        return self.decided().order_by("-decided_at", "-order").first()


class ApprovalStep(StepRow):
    class State(models.TextChoices):
        WAITING = "waiting", _("รอลำดับ")
        CURRENT = "current", _("รอพิจารณา")
        APPROVED = "approved", _("เห็นชอบ/อนุมัติแล้ว")
        RETURNED = "returned", _("ตีกลับ")
        REJECTED = "rejected", _("ไม่อนุมัติ")
        CANCELLED = "cancelled", _("ยกเลิก")

    DECIDED = (State.APPROVED, State.RETURNED, State.REJECTED)

    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField()
    member = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="approvals")
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
            models.UniqueConstraint(fields=["memo", "round", "order"], name="one_step_per_place"),
            # Whatever races happen, a round has at most one step waiting for its decision.
            models.UniqueConstraint(
                fields=["memo", "round"],
                condition=models.Q(state="current"),
                name="one_current_step_per_round",
            ),
        ]

    def __str__(self) -> str:
        # As the change history names the row.
        name = self.member_name or self.member.display_name
        return f"{_('การพิจารณาครั้งที่')} {self.round} {_('ลำดับ')} {self.order} {name}"

    @property
    def position_lines(self) -> list[str]:
        return position_lines(self.member_position, self.capacity, self.acting_for)

    @property
    def heading(self) -> str:
        return comment_heading(
            self.member_position, self.capacity, self.acting_for, self.member_name
        )

    def start(self, when: datetime) -> None:
        """The step becomes current: freeze the name, position and signature it will print
        with, whatever the member's profile says later."""
        self.state = self.State.CURRENT
        self.started_at = when
        self.member_name = self.member.display_name
        self.member_position = self.member.position
        self.signature = self.member.signature.name if self.member.signature else ""
        self.save()

    def decide(self, state: str, comment: str, when: datetime) -> None:
        if self.state != self.State.CURRENT or state not in self.DECIDED:
            raise ValueError(f"step {self.pk} cannot go from {self.state} to {state}")
        self.state, self.comment, self.decided_at = state, comment, when
        self.save()


class DecisionReminderSent(SentReminder):
    """One row per reminder to an approver about a memo waiting for them, so the daily run
    sends each once; the key is the number of whole weeks it has waited (a new week, a new
    reminder)."""

    class Kind(models.TextChoices):
        WAITING = "waiting", _("รอการพิจารณา")

    step = models.ForeignKey(ApprovalStep, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "kind", "key"], name="decision_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.step_id} {self.key}"

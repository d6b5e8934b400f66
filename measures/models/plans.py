"""A body's measures plan for a fiscal year: the measures it promised after its ITA result,
who does what, by when, and how it is followed up."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, Finding, Item
from itatrack.cleantext import MAX_TEXT
from itatrack.models import Department, Membership, Organization
from itatrack.thai import fiscal_year_bounds, period_phrase

# The seven issue areas (ประเด็น) most bodies group their measures under.
STANDARD_ISSUE_AREAS = (
    "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
    "การให้บริการและระบบ E-Service",
    "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
    "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
    "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
    "กระบวนการควบคุม ตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
    "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตในหน่วยงาน",
)


# Measures in issue-area order, those without an area last on every database.
BY_AREA = F("issue_area__number").asc(nulls_last=True)


def date_order_problem(start: dt.date | None, end: dt.date | None) -> str | None:
    """The one rule for the dates of a measure or a step, shared by forms and services: the end
    may not come before the start (either may be missing)."""
    if start and end and end < start:
        return str(_("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
    return None


class IssueAreaQuerySet(models.QuerySet["IssueArea"]):
    def for_org(self, org: Organization) -> IssueAreaQuerySet:
        return self.filter(organization=org)

    def active(self) -> IssueAreaQuerySet:
        return self.filter(is_active=True)


class IssueArea(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="issue_areas"
    )
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    name = models.CharField(_("ประเด็น"), max_length=300)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    objects = IssueAreaQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "number"]
        verbose_name = _("ประเด็น")
        verbose_name_plural = _("ประเด็น")
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="issue_area_number")
        ]

    def __str__(self) -> str:
        return f"({self.number}) {self.name}"


class PlanQuerySet(models.QuerySet["Plan"]):
    def for_org(self, org: Organization) -> PlanQuerySet:
        return self.filter(organization=org)


class Plan(models.Model):
    """The measures of fiscal year N+1, agreed after the assessment of year N."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="plans")
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณของมาตรการ (พ.ศ.)"))
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("จากผลการประเมินปี"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
    )
    meeting_date = models.DateField(_("วันที่ประชุมกำหนดมาตรการ"), null=True, blank=True)
    meeting_participants = models.TextField(_("ผู้เข้าร่วมประชุม"), blank=True, max_length=MAX_TEXT)
    meeting_note = models.TextField(_("บันทึกการประชุม"), blank=True, max_length=MAX_TEXT)
    # Moves on at every save from an edit form: a form opened before someone else's save is
    # refused instead of silently overwriting it (itatrack.actions.claim_version).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-fiscal_year"]
        verbose_name = _("แผนมาตรการ")
        verbose_name_plural = _("แผนมาตรการ")
        constraints = [
            models.UniqueConstraint(fields=["organization", "fiscal_year"], name="one_plan_a_year")
        ]

    def __str__(self) -> str:
        return f"มาตรการปี {self.fiscal_year} {self.organization.short_name}"

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        return fiscal_year_bounds(self.fiscal_year)


class MeasureQuerySet(models.QuerySet["Measure"]):
    def for_org(self, org: Organization) -> MeasureQuerySet:
        return self.filter(plan__organization=org)

    def open(self) -> MeasureQuerySet:
        return self.exclude(status__in=[Measure.Status.DONE, Measure.Status.CANCELLED])

    def overdue(self, today: dt.date | None = None) -> MeasureQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(end_date__lt=today)

    def due_soon(self, days: int, today: dt.date | None = None) -> MeasureQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(
            end_date__gte=today, end_date__lte=today + dt.timedelta(days=days)
        )

    def owned_by(self, membership: Membership) -> MeasureQuerySet:
        mine = Q(owners=membership)
        if membership.department_id:
            mine |= Q(departments=membership.department_id)
        return self.filter(mine).distinct()


class Measure(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
        IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
        DONE = "done", _("ดำเนินการแล้ว")
        CANCELLED = "cancelled", _("ยกเลิก")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    issue_area = models.ForeignKey(
        IssueArea,
        verbose_name=_("ประเด็น"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
    )
    title = models.TextField(_("มาตรการ/แนวทาง"), max_length=MAX_TEXT)
    findings = models.ManyToManyField(
        Finding, verbose_name=_("ข้อค้นพบที่ตอบ"), blank=True, related_name="measures"
    )
    items = models.ManyToManyField(
        Item, verbose_name=_("ข้อคำถาม/รายการที่ตอบ"), blank=True, related_name="+"
    )
    finding_text = models.TextField(_("ข้อค้นพบ"), blank=True, max_length=MAX_TEXT)
    recommendation = models.TextField(
        _("ข้อเสนอแนะของ ป.ป.ช. ที่ตอบ"), blank=True, max_length=MAX_TEXT
    )
    departments = models.ManyToManyField(
        Department, verbose_name=_("ส่วนราชการที่รับผิดชอบ"), blank=True, related_name="measures"
    )
    owners = models.ManyToManyField(
        Membership, verbose_name=_("ผู้รับผิดชอบ"), blank=True, related_name="measures"
    )
    owner_note = models.CharField(_("ผู้รับผิดชอบอื่น (ข้อความ)"), max_length=500, blank=True)
    start_date = models.DateField(_("เริ่ม"), null=True, blank=True)
    end_date = models.DateField(_("สิ้นสุด"), null=True, blank=True)
    period_text = models.CharField(
        _("ข้อความระยะเวลา"),
        max_length=200,
        blank=True,
        help_text=_("เว้นว่างเพื่อใช้ข้อความที่ระบบสร้างจากวันที่"),
    )
    # The words before the numbered steps of a method cell ("เพื่อให้…ดำเนินการดังนี้"),
    # printed above them as written.
    method_preamble = models.TextField(_("ข้อความนำก่อนขั้นตอน"), blank=True, max_length=MAX_TEXT)
    follow_up_method = models.TextField(_("การติดตามผล"), blank=True, max_length=MAX_TEXT)
    budget_amount = models.DecimalField(
        _("งบประมาณ (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_source = models.CharField(_("แหล่งงบประมาณ"), max_length=300, blank=True)
    note = models.TextField(_("หมายเหตุ"), blank=True, max_length=MAX_TEXT)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    result = models.TextField(_("ผลการดำเนินการ (เมื่อปิด)"), blank=True, max_length=MAX_TEXT)
    cancel_reason = models.TextField(_("เหตุผลที่ยกเลิก"), blank=True, max_length=MAX_TEXT)
    outcome_text = models.TextField(_("ผลลัพธ์ (แก้ไขได้)"), blank=True, max_length=MAX_TEXT)
    # Bumped on every save: a form posted from an older version is refused, not overwritten.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("มาตรการ")
        verbose_name_plural = _("มาตรการ")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="measure_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}"

    @property
    def period_phrase(self) -> str:
        return self.period_text or period_phrase(self.start_date, self.end_date)

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.DONE, self.Status.CANCELLED)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.end_date is not None and self.end_date < today

    def days_left(self, today: dt.date | None = None) -> int | None:
        today = today or timezone.localdate()
        return (self.end_date - today).days if self.end_date else None


class MeasureStep(models.Model):
    """One step of วิธีการดำเนินการ, in order, with its own owner and dates where given."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    text = models.TextField(_("ขั้นตอน"), max_length=MAX_TEXT)
    department = models.ForeignKey(
        Department,
        verbose_name=_("ส่วนราชการ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("ผู้รับผิดชอบ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    start_date = models.DateField(_("เริ่ม"), null=True, blank=True)
    end_date = models.DateField(_("สิ้นสุด"), null=True, blank=True)
    done = models.BooleanField(_("เสร็จแล้ว"), default=False)
    # Moves on at every save from an edit form: a form opened before someone else's save is
    # refused instead of silently overwriting it (itatrack.actions.claim_version).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="step_ends_after_start",
            )
        ]
        ordering = ["measure", "order", "id"]
        verbose_name = _("ขั้นตอน")
        verbose_name_plural = _("ขั้นตอน")

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:60]}"

"""One organisation's ITA result for one fiscal year, as NACC published it, and its findings."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models.frameworks import Framework, Indicator, Item
from itatrack.cleantext import MAX_TEXT
from itatrack.models import Organization
from itatrack.uploads import DetectedName

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def score_field(label: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(
        label, max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE_VALIDATORS
    )


def result_pdf_path(instance: Assessment, filename: str) -> str:
    return DetectedName("itas", "result_pdf")(instance, filename)


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def for_org(self, org: Organization) -> AssessmentQuerySet:
        return self.filter(organization=org)

    def by_year(self) -> AssessmentQuerySet:
        return self.order_by("-framework__fiscal_year")


class Assessment(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="assessments"
    )
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("ปีงบประมาณ"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    total_score = score_field(_("คะแนนรวม"))
    official_level = models.CharField(_("ระดับผลการประเมิน (ตามที่ประกาศ)"), max_length=4, blank=True)
    iit_score = score_field(_("คะแนน IIT"))
    eit_score = score_field(_("คะแนน EIT"))
    oit_score = score_field(_("คะแนน OIT"))
    recommendation_iit = models.TextField(_("ข้อเสนอแนะ IIT"), blank=True, max_length=MAX_TEXT)
    recommendation_eit = models.TextField(_("ข้อเสนอแนะ EIT"), blank=True, max_length=MAX_TEXT)
    recommendation_oit = models.TextField(_("ข้อเสนอแนะ OIT"), blank=True, max_length=MAX_TEXT)
    result_pdf = models.FileField(
        _("ไฟล์ผลการประเมินจากระบบ ITAS (PDF)"),
        upload_to=result_pdf_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-framework__fiscal_year"]
        verbose_name = _("ผลการประเมิน")
        verbose_name_plural = _("ผลการประเมิน")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "framework"], name="one_assessment_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"ITA {self.framework.fiscal_year} {self.organization.short_name}"

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year

    @property
    def computed_level(self) -> str:
        return self.framework.level_for(self.total_score)

    @property
    def level_mismatch(self) -> bool:
        return bool(
            self.official_level
            and self.computed_level
            and self.official_level != self.computed_level
        )


class IndicatorScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="indicator_scores"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    score = score_field(_("คะแนน"))

    class Meta:
        ordering = ["assessment", "indicator__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="indicator_score_unique"
            )
        ]

    def __str__(self) -> str:
        # As the change history names the row: "คะแนนตัวชี้วัดที่ 4".
        return f"{_('คะแนนตัวชี้วัดที่')} {self.indicator.number}"


class ItemScore(models.Model):
    """A question's score (IIT/EIT, 0–100) or an OIT item's pass/fail with the remark."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="item_scores")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    score = score_field(_("คะแนน"))
    passed = models.BooleanField(_("ผ่าน"), null=True, blank=True)
    remark = models.TextField(_("ความเห็นผู้ประเมิน"), blank=True, max_length=MAX_TEXT)

    class Meta:
        ordering = ["assessment", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="item_score_unique")
        ]

    def __str__(self) -> str:
        # As the change history names the row: "คะแนนข้อ I20".
        return f"{_('คะแนนข้อ')} {self.item.code}"


class FindingQuerySet(models.QuerySet["Finding"]):
    def for_org(self, org: Organization) -> FindingQuerySet:
        return self.filter(assessment__organization=org)

    def confirmed(self) -> FindingQuerySet:
        return self.filter(state=Finding.State.CONFIRMED)

    def proposed(self) -> FindingQuerySet:
        return self.filter(state=Finding.State.PROPOSED)


class Finding(models.Model):
    class Kind(models.TextChoices):
        URGENT = "urgent", _("จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน")
        IMPROVE = "improve", _("ประเด็นที่ต้องพัฒนาให้ดีขึ้น")
        STRENGTH = "strength", _("จุดแข็ง")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("ระบบเสนอ รอยืนยัน")
        CONFIRMED = "confirmed", _("ยืนยันแล้ว")
        DISCARDED = "discarded", _("ไม่ใช้")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("ตัวชี้วัด"), on_delete=models.PROTECT, related_name="+"
    )
    items = models.ManyToManyField(
        Item, verbose_name=_("ข้อคำถาม/รายการ"), blank=True, related_name="+"
    )
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("ข้อค้นพบ"), max_length=MAX_TEXT)
    recommendation = models.TextField(_("ข้อเสนอแนะของ ป.ป.ช."), blank=True, max_length=MAX_TEXT)
    root_cause = models.TextField(_("สาเหตุ"), blank=True, max_length=MAX_TEXT)
    state = models.CharField(
        _("สถานะ"), max_length=10, choices=State.choices, default=State.CONFIRMED
    )
    # Moves on at every save from an edit form: a form opened before someone else's save is
    # refused instead of silently overwriting it (itatrack.actions.claim_version).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "indicator__number", "kind", "id"]
        verbose_name = _("ข้อค้นพบ")
        verbose_name_plural = _("ข้อค้นพบ")

    def __str__(self) -> str:
        return f"{self.indicator.number}: {self.text[:60]}"

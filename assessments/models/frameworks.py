"""Each fiscal year's ITA framework as data: levels, indicators, questions and OIT items.

NACC changes question texts, OIT numbering and weights from year to year, so nothing here is
code; a site admin corrects a year in the app and starts a new one by copying the last.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from itatrack.cleantext import MAX_TEXT
from itatrack.thai import shorten


class Tool(models.TextChoices):
    IIT = "IIT", _("IIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน")
    EIT = "EIT", _("EIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก")
    OIT = "OIT", _("OIT แบบวัดการเปิดเผยข้อมูลสาธารณะ")


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def by_year(self) -> FrameworkQuerySet:
        return self.order_by("-fiscal_year")


class Framework(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("ยืนยันแล้ว")
        PROVISIONAL = "provisional", _("ยังไม่ยืนยัน")

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True)
    status = models.CharField(
        _("สถานะข้อมูล"), max_length=20, choices=Status.choices, default=Status.PROVISIONAL
    )
    pass_mark = models.DecimalField(
        _("เกณฑ์ผ่าน"), max_digits=5, decimal_places=2, default=Decimal("85")
    )
    iit_weight = models.DecimalField(
        _("น้ำหนัก IIT (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    eit_weight = models.DecimalField(
        _("น้ำหนัก EIT (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    oit_weight = models.DecimalField(
        _("น้ำหนัก OIT (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("ที่มาและข้อที่ยังไม่ยืนยัน"), blank=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("กรอบการประเมิน")
        verbose_name_plural = _("กรอบการประเมิน")

    def __str__(self) -> str:
        return f"ITA {self.fiscal_year}"

    @property
    def is_provisional(self) -> bool:
        return self.status == self.Status.PROVISIONAL

    @property
    def weights(self) -> dict[str, Decimal] | None:
        """Tool weights in percent, or None while any of them is unknown."""
        values = {"IIT": self.iit_weight, "EIT": self.eit_weight, "OIT": self.oit_weight}
        known = {tool: value for tool, value in values.items() if value is not None}
        return known if len(known) == len(values) else None

    def level_for(self, score: Decimal | None) -> str:
        """The level whose band holds score ("" when no score or no band)."""
        if score is None:
            return ""
        for band in self.bands.all():  # ordered from the highest minimum down
            if score >= band.min_score:
                return band.level
        return ""


class LevelBand(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    level = models.CharField(_("ระดับ"), max_length=4)
    min_score = models.DecimalField(_("คะแนนขั้นต่ำ"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["framework", "-min_score"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "level"], name="band_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.level} ≥ {self.min_score}"


class Indicator(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    name = models.CharField(_("ชื่อตัวชี้วัด"), max_length=200)
    tool = models.CharField(_("เครื่องมือ"), max_length=3, choices=Tool.choices)
    weight = models.DecimalField(
        _("น้ำหนักในเครื่องมือ (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("สัดส่วนของตัวชี้วัดนี้ในคะแนนของเครื่องมือ (IIT/EIT/OIT) เว้นว่างเมื่อยังไม่ทราบ"),
    )

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="indicator_no_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class SubIndicator(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="subs")
    code = models.CharField(_("ตัวชี้วัดย่อย"), max_length=10)
    name = models.CharField(_("ชื่อ"), max_length=200)

    class Meta:
        ordering = ["indicator", "code"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "code"], name="sub_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


NO_WORDING = _("(ยังไม่มีชื่อรายการ)")


class ItemQuerySet(models.QuerySet["Item"]):
    def active(self) -> ItemQuerySet:
        """Items still in the year's framework: what pickers offer and new work is planned on.
        A retired item keeps the scores, evidence and findings already made about it."""
        return self.filter(retired=False)


class Item(models.Model):
    """An IIT/EIT question (I19, E5) or an OIT item (O42) of one year's framework."""

    class Scale(models.TextChoices):
        FOUR_LEVEL = "four_level", _("๔ ระดับ")
        YES_NO = "yes_no", _("มี/ไม่มี")
        PASS_FAIL = "pass_fail", _("ผ่าน/ไม่ผ่าน")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("รหัส"), max_length=10)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("ตัวชี้วัด"), on_delete=models.PROTECT, related_name="items"
    )
    sub_indicator = models.ForeignKey(
        SubIndicator,
        verbose_name=_("ตัวชี้วัดย่อย"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    text = models.TextField(_("ข้อคำถาม/รายการ"), blank=True, max_length=MAX_TEXT)
    scale = models.CharField(_("มาตรวัด"), max_length=12, choices=Scale.choices)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    retired = models.BooleanField(_("เลิกใช้ในปีนี้"), default=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="item_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.wording}"

    @property
    def wording(self) -> str:
        """The item's words, or a plain statement that the year has none yet: a bare code
        says nothing to a reader."""
        return self.text.strip() or str(NO_WORDING)

    def label(self, width: int = 60) -> str:
        """ "I12 การ…": the code and its wording cut at a word boundary, for pickers and lists."""
        return f"{self.code} {shorten(self.wording, width)}"

    @property
    def tool(self) -> str:
        return self.code[:1] + "IT"

    @property
    def is_pass_fail(self) -> bool:
        return self.scale == self.Scale.PASS_FAIL


# Titles of the OIT items under which a body publishes its measures memo and its results memo.
# They moved between years (O42/O43 until 2566/2567, O25/O26 in 2569), so they are found by
# title in the year's own framework.
PUBLICATION_TITLES = {
    "analysis": (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร",
    ),
    "results": (
        "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    ),
}


def publication_item(framework: Framework, kind: str) -> Item | None:
    """The OIT item a memo of kind ("analysis" or "results") is published as, if known."""
    titles = PUBLICATION_TITLES.get(kind, ())
    for item in framework.items.filter(scale=Item.Scale.PASS_FAIL):
        if item.text.strip() in titles:
            return item
    return None

"""The บันทึกข้อความ: an internal memo drafted from the data, approved online, printed as PDF."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from itatrack.cleantext import MAX_TEXT
from itatrack.models import Department, Membership, Organization
from itatrack.thai import to_thai_digits
from measures.models import Plan
from reports.capacity import Capacity, position_lines


class Attachment(models.TextChoices):
    SCORES = "scores", _("สรุปผลคะแนนการประเมิน")
    ANALYSIS = "analysis", _("ตารางวิเคราะห์ผลการประเมิน")
    MEASURES = "measures", _("ตารางมาตรการ")
    RESULTS = "results", _("ตารางผลการดำเนินการตามมาตรการ")


def memo_pdf_path(instance: Memo, filename: str) -> str:
    return f"memos/{uuid.uuid4().hex}.pdf"


class MemoQuerySet(models.QuerySet["Memo"]):
    def for_org(self, org: Organization) -> MemoQuerySet:
        return self.filter(organization=org)


class Memo(models.Model):
    class Kind(models.TextChoices):
        ANALYSIS = "analysis", _("รายงานผลการวิเคราะห์การประเมิน ITA และมาตรการ")
        RESULTS = "results", _("รายงานผลการดำเนินการตามมาตรการ")
        GENERAL = "general", _("บันทึกข้อความทั่วไป")

    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        SUBMITTED = "submitted", _("อยู่ระหว่างเสนอ")
        RETURNED = "returned", _("ตีกลับให้แก้ไข")
        APPROVED = "approved", _("อนุมัติแล้ว")
        REJECTED = "rejected", _("ไม่อนุมัติ")

    class Closing(models.TextChoices):
        """The phrases offered; the closing line itself is the office's own words."""

        INFORM = "จึงเรียนมาเพื่อโปรดทราบ", _("จึงเรียนมาเพื่อโปรดทราบ")
        CONSIDER = "จึงเรียนมาเพื่อโปรดพิจารณา", _("จึงเรียนมาเพื่อโปรดพิจารณา")
        APPROVE = "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ", _("จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ")
        ORDER = "จึงเรียนมาเพื่อโปรดทราบและพิจารณาสั่งการ", _("จึงเรียนมาเพื่อโปรดทราบและพิจารณาสั่งการ")
        SIGN = (
            "จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบโปรดลงนามในหนังสือที่เสนอมาพร้อมนี้",
            _("จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบโปรดลงนามในหนังสือที่เสนอมาพร้อมนี้"),
        )

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="memos")
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        Membership, verbose_name=_("ผู้จัดทำ"), on_delete=models.PROTECT, related_name="memos_written"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("ส่วนราชการ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memos",
    )
    department_text = models.CharField(
        _("ส่วนราชการ (ข้อความในหนังสือ)"),
        max_length=300,
        blank=True,
        help_text=_("เว้นว่างเพื่อใช้ชื่อส่วนราชการตามด้วยชื่อหน่วยงาน"),
    )
    # The year of the register the number was taken from: a calendar year (พ.ศ.) by default,
    # a fiscal year where the organisation numbers so (number_basis says which).
    number_year = models.PositiveIntegerField(_("ปีของเลขที่หนังสือ"), null=True, blank=True)
    number_basis = models.CharField(max_length=10, blank=True)
    number = models.PositiveIntegerField(_("เลขที่หนังสือ"), null=True, blank=True)
    number_prefix = models.CharField(max_length=60, blank=True)
    # Typed from the central register (e-saraban) rather than given by the app's counter.
    number_external = models.BooleanField(default=False)
    date = models.DateField(_("วันที่"), null=True, blank=True)
    subject = models.CharField(_("เรื่อง"), max_length=500)
    addressee = models.CharField(_("เรียน"), max_length=300)
    closing = models.CharField(_("ข้อความปิดท้าย"), max_length=300, default=Closing.CONSIDER)
    signer = models.ForeignKey(
        Membership,
        verbose_name=_("ผู้ลงนาม"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memos_signed",
    )
    signer_name = models.CharField(max_length=200, blank=True)
    signer_position = models.CharField(max_length=300, blank=True)
    signer_capacity = models.CharField(
        _("ผู้ลงนามลงนามในฐานะ"), max_length=20, choices=Capacity.choices, blank=True, default=""
    )
    signer_acting_for = models.CharField(_("ตำแหน่งที่ผู้ลงนามทำการแทน"), max_length=300, blank=True)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="memos"
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="memos"
    )
    attachments = models.JSONField(_("สิ่งที่ส่งมาด้วย"), default=list, blank=True)
    # Per annex, the title and the sentence under it as this memo words them:
    # {"results": {"title": "...", "intro": "..."}}; missing keys print the defaults.
    annex_texts = models.JSONField(default=dict, blank=True)
    # The OIT item this memo is published as (ITA year and code): the results report on the
    # plan of year N answers ITA N+1's results item; blank year: no item.
    oit_year = models.PositiveIntegerField(_("ปี ITA ของรายการ OIT"), null=True, blank=True)
    oit_code = models.CharField(_("รายการ OIT ที่บันทึกนี้ตอบ"), max_length=10, blank=True)
    round = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    pdf = models.FileField(upload_to=memo_pdf_path, blank=True)
    # Set at final approval; the kept PDF carries the verification link made from it.
    public_token = models.CharField(max_length=32, unique=True, null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    # The kept copy's words, for the public HTML version (the PDF text layer garbles Thai).
    final_text = models.TextField(blank=True)
    # Between the final approval and the kept PDF: the page as approved, which the worker turns
    # into the PDF (so a later edit of the data cannot reach it), and why it failed if it did.
    final_html = models.TextField(blank=True)
    final_error = models.CharField(max_length=500, blank=True)
    # The queued task making it: its state (failed, or stuck on a worker that died) tells the
    # memo page when the copy will not come by itself.
    final_task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = MemoQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-created_at"]
        verbose_name = _("บันทึกข้อความ")
        verbose_name_plural = _("บันทึกข้อความ")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number_prefix", "number_year", "number"],
                condition=models.Q(number__isnull=False),
                name="memo_number_unique",
            )
        ]

    def __str__(self) -> str:
        # As the audit log names it: by its ที่ once it has one.
        if self.number is not None:
            return f"ที่ {self.number_text} เรื่อง {self.subject[:80]}"
        return self.subject[:80]

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def final_pending(self) -> bool:
        """Approved, and the worker has not kept its final PDF yet."""
        return self.status == self.Status.APPROVED and not self.pdf

    @property
    def number_text(self) -> str:
        """ "ลป ๕๒๙๙๙/๒๓๗" as printed after ที่."""
        if self.number is None:
            return ""
        prefix = f"{self.number_prefix}/" if self.number_prefix else ""
        return to_thai_digits(f"{prefix}{self.number}")

    @property
    def download_name(self) -> str:
        """The PDF's file name, as a clerk would save it: ที่ and เรื่อง (a draft has no ที่)."""
        subject = " ".join(self.subject.split())[:120]
        if self.number is None:
            return f"ร่าง เรื่อง {subject}.pdf"
        return f"ที่ {self.number_text} เรื่อง {subject}.pdf"

    @property
    def ascii_download_name(self) -> str:
        """For a browser that reads only the ASCII filename=."""
        if self.number is None:
            return f"memo-draft-{self.pk}.pdf"
        return f"memo-{self.number}-{self.number_year}.pdf"

    @property
    def signer_lines(self) -> list[str]:
        position = self.signer_position or (self.signer.position if self.signer else "")
        return position_lines(position, self.signer_capacity, self.signer_acting_for)

    @property
    def department_line(self) -> str:
        if self.department_text:
            return self.department_text
        name = self.department.name if self.department else ""
        return f"{name} {self.organization.name}".strip()


class MemoSection(models.Model):
    """A body section: heading (๑. เรื่องเดิม) and its paragraphs, one per line."""

    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    heading = models.CharField(_("หัวข้อ"), max_length=200, blank=True)
    text = models.TextField(_("ข้อความ"), blank=True, max_length=MAX_TEXT)
    # The words the system drafted from the data, kept to tell later whether the data moved
    # on since (the plan grew from ๓ to ๘ measures) even when the person edited the text.
    drafted_text = models.TextField(blank=True, editable=False, max_length=MAX_TEXT)

    class Meta:
        ordering = ["memo", "order"]

    def __str__(self) -> str:
        return self.heading or self.text[:40]

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n") if p.strip()]


def memo_file_path(instance: MemoFile, filename: str) -> str:
    return f"memo-files/{uuid.uuid4().hex}.pdf"


class MemoFile(models.Model):
    """A document no system generated (meeting minutes, an order, NACC's result sheet),
    attached to a memo as a numbered สิ่งที่ส่งมาด้วย: kept as PDF (an image is converted on
    upload) and appended after the generated annexes, so the signature covers it."""

    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="files")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(_("ชื่อเอกสาร"), max_length=300)
    file = models.FileField(upload_to=memo_file_path)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(default=1)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["memo", "order"]
        constraints = [
            models.UniqueConstraint(fields=["memo", "order"], name="memo_file_order_once")
        ]

    def __str__(self) -> str:
        return self.title


class DocumentCounter(models.Model):
    """The last ที่ number given, per organisation, prefix and register year (calendar or
    fiscal, as the organisation numbers): numbers are never reused, and a row lock hands out
    each one once."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=60, blank=True)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "prefix", "year"], name="one_counter")
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.year}: {self.last}"

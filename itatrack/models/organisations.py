"""Organisations (the local governments), their departments, and who works there in which role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itatrack.cleantext import MAX_TEXT
from itatrack.thai import to_thai_digits
from itatrack.uploads import DetectedName, validate_image

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def emblem_path(instance: Organization, filename: str) -> str:
    return DetectedName("emblems", "emblem")(instance, filename)


def signature_path(instance: Membership, filename: str) -> str:
    return DetectedName("signatures", "signature")(instance, filename)


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def for_user(self, user: User) -> OrganizationQuerySet:
        return self.filter(
            memberships__user=user, memberships__is_active=True, is_active=True
        ).distinct()


class Organization(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("เทศบาลนคร")
        TOWN = "town", _("เทศบาลเมือง")
        SUBDISTRICT = "subdistrict", _("เทศบาลตำบล")
        SAO = "sao", _("องค์การบริหารส่วนตำบล")
        PAO = "pao", _("องค์การบริหารส่วนจังหวัด")
        OTHER = "other", _("อื่น ๆ")

    name = models.CharField(_("ชื่อเต็ม"), max_length=200)
    short_name = models.CharField(_("ชื่อย่อ"), max_length=100, help_text=_("เช่น ทต.บ้านตัวอย่าง"))
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices)
    province = models.CharField(_("จังหวัด"), max_length=100)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    address = models.TextField(_("ที่อยู่"), blank=True, max_length=MAX_TEXT)
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    website = models.URLField(_("เว็บไซต์"), blank=True)
    doc_prefix = models.CharField(
        _("รหัสหนังสือ"),
        max_length=40,
        blank=True,
        help_text=_("ใช้นำหน้าเลขที่หนังสือ เช่น ลพ ๕๖๐๐๑"),
    )
    number_per_department = models.BooleanField(
        _("ออกเลขที่หนังสือแยกตามส่วนราชการ"),
        default=False,
        help_text=_("ใช้รหัสหนังสือของแต่ละส่วนราชการ (ถ้ากำหนดไว้) และนับเลขแยกกัน"),
    )

    class NumberYear(models.TextChoices):
        CALENDAR = "calendar", _("ตามปีปฏิทิน (เริ่มเลข ๑ ใหม่ทุกวันที่ ๑ มกราคม ตามระเบียบงานสารบรรณ)")
        FISCAL = "fiscal", _("ตามปีงบประมาณ (เริ่มเลข ๑ ใหม่ทุกวันที่ ๑ ตุลาคม)")

    # ระเบียบงานสารบรรณ ข้อ 43.1.2: the send register runs through the calendar year; some
    # offices keep a register per fiscal year, and say so here.
    number_year = models.CharField(
        _("การนับเลขที่หนังสือ"),
        max_length=10,
        choices=NumberYear.choices,
        default=NumberYear.CALENDAR,
    )
    head_title = models.CharField(
        _("ตำแหน่งผู้บริหารสูงสุด"),
        max_length=200,
        blank=True,
        help_text=_("เช่น นายกเทศมนตรีตำบลบ้านตัวอย่าง"),
    )
    emblem = models.ImageField(
        _("ตราสัญลักษณ์"), upload_to=emblem_path, blank=True, validators=[validate_image]
    )
    slug = models.SlugField(
        _("รหัสในลิงก์"),
        max_length=60,
        unique=True,
        help_text=_("ตัวอักษรอังกฤษตัวเล็ก ตัวเลข และขีด (ชื่อตำบลสะกดแบบอังกฤษ) ใช้ในลิงก์ของหน่วยงาน"),
    )
    # Suspended by the platform's operators: its members cannot enter; its published documents
    # stay public (they are the body's official record).
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    # Moves on at every save from an edit form: a form opened before someone else's save is
    # refused instead of silently overwriting it (itatrack.actions.claim_version).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # Lists of bodies are ordered by name: the overview pages 8,000 of them.
        indexes = [models.Index(fields=["name", "id"], name="organization_by_name")]
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")

    def __str__(self) -> str:
        return self.name

    @property
    def doc_prefix_thai(self) -> str:
        return to_thai_digits(self.doc_prefix)


class DepartmentQuerySet(models.QuerySet["Department"]):
    def for_org(self, org: Organization) -> DepartmentQuerySet:
        return self.filter(organization=org)

    def active(self) -> DepartmentQuerySet:
        return self.filter(is_active=True)

    def with_member_count(self) -> DepartmentQuerySet:
        """Each department with member_count, its active members."""
        return self.annotate(
            member_count=models.Count("memberships", filter=models.Q(memberships__is_active=True))
        )


class Department(models.Model):
    """A ส่วนราชการ: สำนักปลัด, กองคลัง, กองช่าง, …"""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("หน่วยงาน"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=200)
    doc_prefix = models.CharField(
        _("รหัสหนังสือของส่วนราชการ"),
        max_length=40,
        blank=True,
        help_text=_("เช่น ลพ ๕๖๐๐๑.๑ (ใช้เมื่อออกเลขแยกตามส่วนราชการ)"),
    )
    order = models.PositiveIntegerField(_("ลำดับ"), default=0)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("ส่วนราชการ")
        verbose_name_plural = _("ส่วนราชการ")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="department_name_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    STAFF = "staff", _("เจ้าหน้าที่")
    REVIEWER = "reviewer", _("ผู้ตรวจทาน")
    EXECUTIVE = "executive", _("ผู้บริหาร")
    ADMIN = "admin", _("ผู้ดูแลหน่วยงาน")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_org(self, org: Organization) -> MembershipQuerySet:
        return self.filter(organization=org)

    def for_user(self, user: User) -> MembershipQuerySet:
        return self.filter(user=user)

    def active(self) -> MembershipQuerySet:
        """Members who may work: their place, their account and their organisation in use."""
        return self.filter(is_active=True, user__is_active=True, organization__is_active=True)

    def admins(self) -> MembershipQuerySet:
        return self.filter(role=Role.ADMIN)

    def most_recently_used(self) -> MembershipQuerySet:
        """Last used first; never used ones after, the first joined (the main one) first."""
        return self.order_by(models.F("last_used_at").desc(nulls_last=True), "created_at", "pk")


class Membership(models.Model):
    """A user's place in one organisation. A user may hold several, one per organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("บัญชีผู้ใช้"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("หน่วยงาน"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("บทบาท"), max_length=20, choices=Role.choices, default=Role.STAFF)
    department = models.ForeignKey(
        Department,
        verbose_name=_("ส่วนราชการ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    display_name = models.CharField(
        _("ชื่อที่พิมพ์ในเอกสาร"),
        max_length=200,
        help_text=_("พร้อมคำนำหน้า เช่น นางสาวสมใจ ตัวอย่าง หรือ ว่าที่ร้อยตรีสมชาย ตัวอย่าง"),
    )
    signature = models.ImageField(
        _("ภาพลายมือชื่อ"), upload_to=signature_path, blank=True, validators=[validate_image]
    )
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the person last entered this organisation: the next login opens it, not the first
    # organisation in alphabetical order.
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "display_name"]
        verbose_name = _("สมาชิก")
        verbose_name_plural = _("สมาชิก")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.organization.short_name})"

    def mark_used(self) -> None:
        """Remember this organisation as the person's last used (one UPDATE, no signals)."""
        self.last_used_at = timezone.now()
        Membership.objects.filter(pk=self.pk).update(last_used_at=self.last_used_at)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

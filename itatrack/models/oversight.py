"""Supervising offices: a provincial office (สถ.จ.), a district, or a vendor serving many bodies,
and the people in them. A supervisor reads the organisations in scope and changes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from itatrack.models.organisations import Organization

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class OversightQuerySet(models.QuerySet["Oversight"]):
    def for_user(self, user: User) -> OversightQuerySet:
        return self.filter(supervisors__user=user, supervisors__is_active=True)


class Oversight(models.Model):
    """Its scope is whole provinces (new bodies there join it by themselves) plus any bodies
    named one by one."""

    name = models.CharField(_("ชื่อหน่วยกำกับดูแล"), max_length=200)
    slug = models.SlugField(_("รหัสในลิงก์"), max_length=60, unique=True)
    provinces = models.JSONField(
        _("จังหวัดในความดูแล"),
        default=list,
        blank=True,
        help_text=_('ทุกหน่วยงานในจังหวัดเหล่านี้ เช่น ["ลำพูน", "ลำปาง"]'),
    )
    organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("หน่วยงานที่ระบุเพิ่ม"),
        blank=True,
        related_name="oversights",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OversightQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("หน่วยกำกับดูแล")
        verbose_name_plural = _("หน่วยกำกับดูแล")

    def __str__(self) -> str:
        return self.name

    def scope(self) -> models.QuerySet[Organization]:
        named = Oversight.organizations.through.objects.filter(oversight=self)
        return Organization.objects.filter(
            models.Q(province__in=self.provinces) | models.Q(pk__in=named.values("organization_id"))
        )


class Supervisor(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("บัญชีผู้ใช้"),
        on_delete=models.CASCADE,
        related_name="supervisions",
    )
    oversight = models.ForeignKey(
        Oversight,
        verbose_name=_("หน่วยกำกับดูแล"),
        on_delete=models.CASCADE,
        related_name="supervisors",
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["oversight", "user__username"]
        verbose_name = _("ผู้กำกับดูแล")
        verbose_name_plural = _("ผู้กำกับดูแล")
        constraints = [
            models.UniqueConstraint(fields=["user", "oversight"], name="one_supervisor_per_office")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.oversight})"

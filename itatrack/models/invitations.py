"""An invitation to join an organisation: nobody becomes a member without saying yes.

An admin names a username; whether an account of that name exists is never told to them (the
form answers the same either way). An existing account is asked to accept after signing in; a
new one is made without a password and its invitation mail carries a link to set one."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itatrack.models.organisations import Department, Membership, Organization, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def invitation_token() -> str:
    return secrets.token_urlsafe(24)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def for_org(self, org: Organization) -> InvitationQuerySet:
        return self.filter(organization=org)

    def pending(self) -> InvitationQuerySet:
        return self.filter(state=Invitation.State.PENDING, expires_at__gt=timezone.now())

    def for_user(self, user: User) -> InvitationQuerySet:
        return self.filter(user=user)


class Invitation(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("รอการตอบรับ")
        ACCEPTED = "accepted", _("ตอบรับแล้ว")
        DECLINED = "declined", _("ปฏิเสธ")
        CANCELLED = "cancelled", _("ยกเลิกแล้ว")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    # As the admin typed it: the list shows this, never the account's own e-mail or names.
    username = models.CharField(_("ชื่อผู้ใช้"), max_length=150)
    display_name = models.CharField(_("ชื่อที่พิมพ์ในเอกสาร"), max_length=200)
    role = models.CharField(_("บทบาท"), max_length=20, choices=Role.choices, default=Role.STAFF)
    department = models.ForeignKey(
        Department, verbose_name=_("ส่วนราชการ"), on_delete=models.SET_NULL, null=True, blank=True
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    invited_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=40, unique=True, default=invitation_token)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=models.Q(state="pending"),
                name="one_pending_invitation_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name} → {self.organization.short_name}"

    @staticmethod
    def expiry_from(now: dt.datetime) -> dt.datetime:
        return now + dt.timedelta(days=settings.INVITATION_DAYS)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.PENDING and self.expires_at > timezone.now()

"""Membership by invitation: an admin invites, the person accepts or declines after signing in.

The admin's answer never depends on whether the username already had an account (no probing),
and nothing from that account (its e-mail, its names) is shown to the inviting organisation. A
new account is made without a password; its invitation mail links to setting one. An existing
account's owner is mailed at their own address and accepts after signing in: an invitation
grants nothing until then.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from itatrack import mail
from itatrack.actions import account
from itatrack.actors import AnyActor, check_actor, check_role
from itatrack.audit import record
from itatrack.errors import ActionError
from itatrack.models import Department, Invitation, Membership, Organization, Role


def _require_admin(actor: AnyActor) -> None:
    check_role(actor, (Role.ADMIN,), _("เชิญสมาชิกได้เฉพาะผู้ดูแลหน่วยงาน"))


@transaction.atomic(durable=True)
def do_invite_member(org: Organization, *, actor: AnyActor, **details: Any) -> Invitation:
    """Invite a person to org, with invite()'s details (username, display_name, role, email …).
    A pending invitation of the same person is renewed (its details replaced, its time
    restarted, its mail sent again) rather than doubled."""
    check_actor(actor, org)
    _require_admin(actor)
    return invite(org, actor=actor, **details)


def invite(
    org: Organization,
    *,
    username: str,
    display_name: str,
    role: str,
    actor: AnyActor,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    department: Department | None = None,
    position: str = "",
) -> Invitation:
    """do_invite_member's work, inside the caller's transaction (the operators' set-up of a
    new organisation invites its first admin in the same one)."""
    if department is not None and department.organization_id != org.pk:
        raise ActionError(_("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"))
    user, created = account(username, email, first_name, last_name, password=None)
    if created and not email:  # refused inside the caller's transaction: the account goes too
        raise ActionError(_("กรุณากรอกอีเมลของผู้ได้รับเชิญ"))
    if not created and Membership.objects.filter(user=user, organization=org).exists():
        # Only this organisation's own members are said to be members: nothing about others.
        raise ActionError(
            _("ผู้ใช้ %(username)s เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว (ถ้าถูกระงับ ให้เปิดใช้จากรายชื่อสมาชิก)")
            % {"username": username}
        )
    details = {
        "username": username,
        "display_name": display_name,
        "role": role,
        "department": department,
        "position": position,
        "invited_by": actor if isinstance(actor, Membership) else None,
        "expires_at": Invitation.expiry_from(timezone.now()),
    }
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organization=org, user=user, state=Invitation.State.PENDING)
        .first()
    )
    if invitation is None:
        invitation = Invitation.objects.create(organization=org, user=user, **details)
    else:
        for name, value in details.items():
            setattr(invitation, name, value)
        invitation.save()
    record(
        "member.invite",
        actor=actor,
        organization=org,
        target=invitation,
        username=username,
        role=role,
    )
    _queue_invitation(invitation)
    return invitation


def _pending(invitation: Invitation, actor: AnyActor) -> Invitation:
    """The invitation, locked, for one of its organisation's admins while it is pending."""
    check_actor(actor, invitation.organization_id)
    _require_admin(actor)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != Invitation.State.PENDING:
        raise ActionError(_("คำเชิญนี้ตอบแล้วหรือถูกยกเลิกแล้ว"))
    return invitation


@transaction.atomic(durable=True)
def do_resend_invitation(invitation: Invitation, *, actor: AnyActor) -> Invitation:
    """The same invitation, open for another INVITATION_DAYS, mailed again."""
    invitation = _pending(invitation, actor)
    invitation.expires_at = Invitation.expiry_from(timezone.now())
    invitation.save(update_fields=["expires_at"])
    record(
        "member.invite_resend", actor=actor, organization=invitation.organization, target=invitation
    )
    _queue_invitation(invitation)
    return invitation


@transaction.atomic(durable=True)
def do_cancel_invitation(invitation: Invitation, *, actor: AnyActor) -> Invitation:
    invitation = _pending(invitation, actor)
    invitation.state, invitation.answered_at = Invitation.State.CANCELLED, timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    record(
        "member.invite_cancel", actor=actor, organization=invitation.organization, target=invitation
    )
    return invitation


def _answerable(invitation: Invitation, user: User) -> Invitation:
    """The invitation, locked, when it is this person's and still open; ActionError otherwise."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.user_id != user.pk:
        raise ActionError(_("คำเชิญนี้ไม่ได้ส่งถึงบัญชีของท่าน"))
    if invitation.state != Invitation.State.PENDING:
        raise ActionError(_("คำเชิญนี้ตอบแล้วหรือถูกยกเลิกแล้ว"))
    if not invitation.is_open:
        raise ActionError(_("คำเชิญนี้หมดอายุแล้ว กรุณาขอให้ผู้ดูแลหน่วยงานส่งคำเชิญใหม่"))
    return invitation


@transaction.atomic(durable=True)
def do_accept_invitation(invitation: Invitation, *, user: User) -> Membership:
    """The invited person says yes: the membership is made as the admin described it."""
    invitation = _answerable(invitation, user)
    department = invitation.department
    if department is not None and not department.is_active:
        department = None
    membership, created = Membership.objects.get_or_create(
        user=user,
        organization=invitation.organization,
        defaults={
            "role": invitation.role,
            "department": department,
            "position": invitation.position,
            "display_name": invitation.display_name,
        },
    )
    if not created:
        raise ActionError(_("ท่านเป็นสมาชิกของหน่วยงานนี้อยู่แล้ว"))
    invitation.state, invitation.answered_at = Invitation.State.ACCEPTED, timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    record(
        "member.join",
        actor=user,
        organization=invitation.organization,
        target=membership,
        role=invitation.role,
    )
    return membership


@transaction.atomic(durable=True)
def do_decline_invitation(invitation: Invitation, *, user: User) -> Invitation:
    invitation = _answerable(invitation, user)
    invitation.state, invitation.answered_at = Invitation.State.DECLINED, timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    record("member.decline", actor=user, organization=invitation.organization, target=invitation)
    return invitation


def set_password_url(user: User) -> str:
    """Django's password-reset link (valid PASSWORD_RESET_TIMEOUT), for a new account."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("password_reset_confirm", args=[uid, token])


def _queue_invitation(invitation: Invitation) -> None:
    """To the account's own address: typed by the admin for a new account, the owner's own for
    an existing one (never the admin's typing, or an invitation could reach someone else). An
    account still without a password (new, or never set) gets the link to set one."""
    user = invitation.user
    new_account = not user.has_usable_password()
    context = {
        "invitation": invitation,
        "new_account": new_account,
        "set_password_url": set_password_url(user) if new_account else "",
        "site_url": settings.SITE_URL,
        "answer_url": settings.SITE_URL + reverse("invitations"),
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    mail.queue(
        _("คำเชิญเข้าใช้งาน itatrack ของ %(org)s") % {"org": invitation.organization.short_name},
        render_to_string("itatrack/email/invitation.txt", context),
        [user.email],
        kind="invitation",
        organization=invitation.organization,
        target=invitation,
    )

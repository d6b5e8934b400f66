"""State changes of organisations, departments and memberships.

Each action runs in one transaction, writes an audit event, and queues side effects (e-mail)
for after the commit. Views call these; nothing else saves these models.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from itatrack import mail, pagecache
from itatrack.actors import Actor, AnyActor, Operator, check_actor
from itatrack.audit import record
from itatrack.errors import ActionError, StaleEdit
from itatrack.models import (
    Department,
    Membership,
    Organization,
    OutgoingMail,
    Oversight,
    Role,
    Supervisor,
)
from itatrack.storedfiles import atomic_with_files


def claim_version(instance: models.Model, expected: int | None, noun: str) -> None:
    """Optimistic locking for edit forms: the row's version moves on only if it is still the one
    the form was opened at; otherwise someone saved in between and this writer is told (StaleEdit)
    instead of silently overwriting them. None (a service called without a form) skips it."""
    if expected is None or instance.pk is None:
        return
    model = type(instance)
    bumped = model._default_manager.filter(pk=instance.pk, version=expected).update(
        version=models.F("version") + 1
    )
    if not bumped:
        raise StaleEdit(
            _("มีผู้อื่นบันทึก%(noun)sนี้หลังจากที่ท่านเปิดแบบฟอร์ม กรุณาตรวจดูฉบับล่าสุดแล้วแก้ไขอีกครั้ง") % {"noun": noun}
        )
    instance.version = expected + 1  # type: ignore[attr-defined]


def save_changes(
    instance: models.Model,
    changes: Mapping[str, Any],
    verb: str,
    *,
    actor: AnyActor,
    organization: Organization | None,
) -> None:
    """Set the given fields; save and record the event only when something really changed.
    Shared by every app's update actions."""
    changed = sorted(name for name, value in changes.items() if getattr(instance, name) != value)
    if not changed:
        return
    for name in changed:
        setattr(instance, name, changes[name])
    instance.save()
    record(verb, actor=actor, organization=organization, target=instance, fields=changed)


# Not durable: the Django admin saves inside its own transaction.
@transaction.atomic
def do_create_organization(*, actor: Operator | None, **fields: Any) -> Organization:
    check_actor(actor, None)
    org = Organization.objects.create(**fields)
    record("organization.create", actor=actor, organization=org, target=org)
    return org


# Not durable: the Django admin saves inside its own transaction.
@atomic_with_files(durable=False)
def do_update_organization(
    org: Organization,
    changes: Mapping[str, Any],
    *,
    actor: AnyActor,
    expected_version: int | None = None,
) -> Organization:
    check_actor(actor, org)
    old_slug = org.slug
    claim_version(org, expected_version, _("ข้อมูลหน่วยงาน"))
    save_changes(org, changes, "organization.update", actor=actor, organization=org)
    # Its name, emblem and slug show on the public pages.
    pagecache.bump_on_commit(old_slug)
    pagecache.bump_on_commit(org.slug)
    return org


@transaction.atomic(durable=True)
def do_create_department(
    org: Organization, *, name: str, order: int = 0, actor: AnyActor
) -> Department:
    check_actor(actor, org)
    department = Department.objects.create(organization=org, name=name, order=order)
    record("department.create", actor=actor, organization=org, target=department)
    return department


@transaction.atomic(durable=True)
def do_update_department(
    department: Department, changes: Mapping[str, Any], *, actor: AnyActor
) -> Department:
    check_actor(actor, department.organization_id)
    save_changes(
        department,
        changes,
        "department.update",
        actor=actor,
        organization=department.organization,
    )
    return department


def _would_leave_no_admin(membership: Membership, *, role: str, active: bool) -> bool:
    if membership.role != Role.ADMIN or (role == Role.ADMIN and active):
        return False
    # Lock every admin row in one order: two admins demoting each other at once then queue
    # up instead of both seeing "another admin remains" (or deadlocking).
    admins = (
        Membership.objects.for_org(membership.organization)
        .active()
        .admins()
        .select_for_update()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return not any(pk != membership.pk for pk in admins)


def account(
    username: str, email: str, first_name: str, last_name: str, password: str | None
) -> tuple[User, bool]:
    """The account of username, made when new (without a password it cannot log in until one
    is set); an existing account is returned as it is. Call it inside the caller's transaction."""
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return user, created


# Not durable: the Django admin saves inside its own transaction.
@atomic_with_files(durable=False)
def do_add_member(
    org: Organization,
    *,
    username: str,
    display_name: str,
    role: str,
    actor: AnyActor,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    department: Department | None = None,
    position: str = "",
    signature: Any = None,
) -> Membership:
    """Give a person a place in org, for the system and the platform's operators (the demo, the
    Django admin). A new username creates the account; an existing one is linked as it is. An
    organisation's admin invites instead (itatrack.invitations): nobody joins without consent."""
    check_actor(actor, org)
    if isinstance(actor, Membership):
        raise ActionError(_("สมาชิกใหม่เข้าร่วมหน่วยงานได้ด้วยการตอบรับคำเชิญเท่านั้น"))
    user, created = account(username, email, first_name, last_name, password)
    if not created and Membership.objects.filter(user=user, organization=org).exists():
        raise ActionError(_("ผู้ใช้ %(username)s เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว") % {"username": username})
    if department is not None and department.organization_id != org.pk:
        raise ActionError(_("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"))
    membership = Membership.objects.create(
        user=user,
        organization=org,
        role=role,
        department=department,
        position=position,
        display_name=display_name,
        signature=signature or "",
    )
    record(
        "member.add",
        actor=actor,
        organization=org,
        target=membership,
        username=username,
        role=role,
        new_account=created,
    )
    if user.email:
        _queue_welcome(membership, new_account=created)
    return membership


# Not durable: the Django admin saves inside its own transaction.
@atomic_with_files(durable=False)
def do_update_member(
    membership: Membership, changes: Mapping[str, Any], *, actor: AnyActor
) -> Membership:
    check_actor(actor, membership.organization_id)
    role = changes.get("role", membership.role)
    if _would_leave_no_admin(membership, role=role, active=membership.is_active):
        raise ActionError(_("ต้องมีผู้ดูแลหน่วยงานอย่างน้อยหนึ่งคน"))
    department = changes.get("department")
    if department is not None and department.organization_id != membership.organization_id:
        raise ActionError(_("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"))
    save_changes(
        membership,
        changes,
        "member.update",
        actor=actor,
        organization=membership.organization,
    )
    return membership


@transaction.atomic(durable=True)
def do_set_member_active(membership: Membership, active: bool, *, actor: AnyActor) -> Membership:
    check_actor(actor, membership.organization_id)
    if membership.is_active == active:
        return membership
    if not active and actor is not None and membership.user_id == actor.user.pk:
        raise ActionError(_("ไม่สามารถระงับบัญชีของตนเองได้"))
    if _would_leave_no_admin(membership, role=membership.role, active=active):
        raise ActionError(_("ต้องมีผู้ดูแลหน่วยงานอย่างน้อยหนึ่งคน"))
    membership.is_active = active
    membership.save(update_fields=["is_active"])
    record(
        "member.reactivate" if active else "member.deactivate",
        actor=actor,
        organization=membership.organization,
        target=membership,
    )
    return membership


def _queue_welcome(membership: Membership, *, new_account: bool) -> None:
    context = {
        "membership": membership,
        "new_account": new_account,
        "site_url": settings.SITE_URL,
    }
    mail.queue(
        _("คุณได้รับสิทธิ์ใช้งาน itatrack ของ %(org)s") % {"org": membership.organization.short_name},
        render_to_string("itatrack/email/welcome.txt", context),
        [membership.user.email],
        kind="welcome",
        organization=membership.organization,
        target=membership,
    )


@transaction.atomic(durable=True)
def do_resend_mail(outgoing: OutgoingMail, *, actor: Actor) -> OutgoingMail:
    """An admin sends a mail again (it failed, or its recipient lost it)."""
    check_actor(actor, outgoing.organization_id)
    mail.requeue(outgoing)
    record(
        "mail.resend",
        actor=actor,
        organization=actor.organization,
        target=outgoing,
        to=outgoing.to,
    )
    return outgoing


# Not durable: the national data generator runs it inside its batches.
@transaction.atomic
def do_create_oversight(
    *, name: str, slug: str, provinces: list[str], actor: Operator | None
) -> Oversight:
    check_actor(actor, None)
    oversight = Oversight.objects.create(name=name, slug=slug, provinces=provinces)
    record("oversight.create", actor=actor, organization=None, target=oversight)
    return oversight


# Not durable: the national data generator runs it inside its batches.
@transaction.atomic
def do_add_supervisor(
    oversight: Oversight,
    *,
    username: str,
    actor: Operator | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    position: str = "",
) -> Supervisor:
    """Let a person read every body in the office's scope; a new username creates the account."""
    check_actor(actor, None)
    user, created = account(username, email, first_name, last_name, password)
    if not created and Supervisor.objects.filter(user=user, oversight=oversight).exists():
        raise ActionError(_("ผู้ใช้ %(username)s อยู่ในหน่วยกำกับดูแลนี้แล้ว") % {"username": username})
    supervisor = Supervisor.objects.create(user=user, oversight=oversight, position=position)
    record("supervisor.add", actor=actor, organization=None, target=supervisor, username=username)
    return supervisor

"""Who a service acts for, and the one check every service makes of it.

An organisation-scoped service (a plan, a memo, a member …) takes `actor: Actor`, the person's
Membership of the organisation the change belongs to, and calls `check_actor` first: a member of
another organisation, or one whose membership was suspended, is refused with ActionError.

Two other callers exist, and each is said in the type: an `Operator` is platform staff working
in the Django admin or on the national frameworks (checked to be staff), and None is the system
itself (management commands, the demo, the national generator), which has no person to record.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext as _

from itatrack.errors import ActionError
from itatrack.models import Membership, Organization

Actor: TypeAlias = Membership


@dataclass(frozen=True)
class Operator:
    """A staff user of the platform, not acting as a member of any one body."""

    user: User | AnonymousUser  # the Django admin's request.user; anonymous is refused


AnyActor: TypeAlias = Actor | Operator | None


def check_actor(actor: AnyActor, org: Organization | int | None) -> None:
    """Refuse a person who may not change org's data (org None: data of no one body)."""
    if actor is None:
        return
    if isinstance(actor, Operator):
        if not (actor.user.is_active and getattr(actor.user, "is_staff", False)):
            raise ActionError(_("เฉพาะผู้ดูแลระบบเท่านั้นที่ทำรายการนี้ได้"))
        return
    if not isinstance(actor, Membership):
        raise TypeError(f"actor must be a Membership, an Operator or None, not {actor!r}")
    org_id = org.pk if isinstance(org, Organization) else org
    if org_id is None or actor.organization_id != org_id:
        raise ActionError(_("ท่านไม่ได้เป็นสมาชิกของหน่วยงานที่เป็นเจ้าของข้อมูลนี้"))
    if not actor.is_active:
        raise ActionError(_("สิทธิ์ของท่านในหน่วยงานนี้ถูกระงับ"))


def check_role(actor: AnyActor, roles: Collection[str], refusal: str) -> None:
    """A member of the organisation without one of roles is refused with refusal (Thai). The
    system (None) and the platform's operators are not members, and act on its behalf."""
    if isinstance(actor, Membership) and actor.role not in roles:
        raise ActionError(refusal)


def actor_user(actor: AnyActor | User | AnonymousUser) -> User | None:
    """The account to write in the audit trail."""
    if isinstance(actor, Membership):
        return actor.user
    if isinstance(actor, Operator):
        actor = actor.user
    return actor if isinstance(actor, User) and actor.is_authenticated else None

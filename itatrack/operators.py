"""What the platform's operators (site staff) do from the console: set up an organisation with
its departments and invite its first admin in one go, and suspend or restore one. Each is a
service with an Operator as its actor, audited like every other."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from itatrack import pagecache
from itatrack.actors import Operator, check_actor
from itatrack.audit import record
from itatrack.errors import ActionError
from itatrack.invitations import invite
from itatrack.models import Department, Invitation, Organization, Role
from itatrack.storedfiles import atomic_with_files


@atomic_with_files()
def do_set_up_organization(
    fields: dict[str, Any],
    departments: Sequence[str],
    admin: dict[str, str],
    *,
    actor: Operator,
) -> tuple[Organization, Invitation]:
    """The organisation, its departments in the order given, and the invitation of its first
    admin (a new account sets its own password from the mail): all or nothing."""
    check_actor(actor, None)
    if Organization.objects.filter(slug=fields["slug"]).exists():
        raise ActionError(_("รหัสในลิงก์ '%(slug)s' มีหน่วยงานอื่นใช้แล้ว") % {"slug": fields["slug"]})
    org = Organization.objects.create(**fields)
    record("organization.create", actor=actor, organization=org, target=org)
    for order, name in enumerate(dict.fromkeys(departments), start=1):
        department = Department.objects.create(organization=org, name=name, order=order)
        record("department.create", actor=actor, organization=org, target=department)
    invitation = invite(
        org,
        username=admin["username"],
        display_name=admin["display_name"],
        email=admin["email"],
        position=admin.get("position", ""),
        role=Role.ADMIN,
        actor=actor,
    )
    return org, invitation


@transaction.atomic(durable=True)
def do_set_organization_active(org: Organization, active: bool, *, actor: Operator) -> Organization:
    """Suspend (its members can no longer enter) or restore an organisation."""
    check_actor(actor, None)
    org = Organization.objects.select_for_update().get(pk=org.pk)
    if org.is_active == active:
        return org
    org.is_active = active
    org.save(update_fields=["is_active"])
    record(
        "organization.restore" if active else "organization.suspend",
        actor=actor,
        organization=org,
        target=org,
    )
    pagecache.bump_on_commit(org.slug)
    return org

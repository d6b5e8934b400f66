"""Organisation-scoped lookups for plans, measures and steps (see itatrack.access)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from itatrack.models import Membership, Role
from measures.models import IssueArea, Measure, MeasureStep, Plan

EDIT_ROLES = (Role.STAFF, Role.ADMIN)


def can_edit(membership: Membership) -> bool:
    return membership.role in EDIT_ROLES


def get_plan(membership: Membership, pk: int) -> Plan:
    return get_object_or_404(
        Plan.objects.for_org(membership.organization).select_related("assessment__framework"),
        pk=pk,
    )


def get_measure(membership: Membership, pk: int) -> Measure:
    return get_object_or_404(
        Measure.objects.for_org(membership.organization).select_related(
            "plan__assessment__framework", "plan__organization", "issue_area"
        ),
        pk=pk,
    )


def get_issue_area(membership: Membership, pk: int) -> IssueArea:
    return get_object_or_404(IssueArea.objects.for_org(membership.organization), pk=pk)


def get_step(measure: Measure, pk: int) -> MeasureStep:
    return get_object_or_404(measure.steps.all(), pk=pk)


def is_owner(membership: Membership, measure: Measure) -> bool:
    return Measure.objects.filter(pk=measure.pk).owned_by(membership).exists()


def require_reporter(membership: Membership, measure: Measure) -> None:
    """Staff and admins report on any measure; anyone else only on the measures they own."""
    if not (can_edit(membership) or is_owner(membership, measure)):
        raise PermissionDenied

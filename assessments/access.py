"""Organisation-scoped lookups for assessments and findings (see itatrack.access)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from assessments.models import Assessment, Finding
from itatrack.models import Membership, Role

# Staff enter and correct results; reviewers and executives read them.
EDIT_ROLES = (Role.STAFF, Role.ADMIN)


def get_assessment(membership: Membership, pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.for_org(membership.organization).select_related("framework"), pk=pk
    )


def get_finding(assessment: Assessment, pk: int) -> Finding:
    return get_object_or_404(assessment.findings.select_related("indicator"), pk=pk)


def can_edit(membership: Membership) -> bool:
    return membership.role in EDIT_ROLES

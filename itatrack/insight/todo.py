"""What asks for a person's attention: the home page's to-do and the menu's inbox count."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from itatrack.models import Membership
from measures.models import Measure, Plan
from reports.models import ApprovalStep


def inbox_count(membership: Membership) -> int:
    """Memos waiting for this person's decision."""
    return ApprovalStep.objects.inbox(membership).count()


def todo(membership: Membership, fiscal_year: int) -> dict[str, Any]:
    """What asks for this person's attention now, with links to it."""
    org = membership.organization
    measures = Measure.objects.for_org(org)
    return {
        "inbox": inbox_count(membership),
        "overdue": measures.overdue().count(),
        "due_soon": measures.due_soon(settings.REMINDER_DUE_SOON_DAYS).count(),
        "mine_open": measures.owned_by(membership).open().count(),
        "plan": Plan.objects.for_org(org).filter(fiscal_year=fiscal_year).first(),
        "latest": org.assessments.select_related("framework").by_year().first(),
    }

"""What asks for a person's attention: the home page's to-do and the menu's inbox count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from itatrack.models import Membership
from measures.models import Measure, Plan
from reports.models import ApprovalStep, Memo

# A rejected memo stays on its author's list this long: it cannot be resubmitted, but the
# author has to know, and read why.
REJECTED_SHOWN = dt.timedelta(days=30)


@dataclass
class SentBack:
    memo: Memo
    step: ApprovalStep | None  # the decision: who, when, why


def sent_back(membership: Membership) -> list[SentBack]:
    """The person's memos returned for changes (until resubmitted) or lately rejected."""
    decided = (
        ApprovalStep.objects.filter(
            state__in=[ApprovalStep.State.RETURNED, ApprovalStep.State.REJECTED]
        )
        .select_related("member")
        .order_by("-decided_at")
    )
    memos = (
        Memo.objects.for_org(membership.organization)
        .filter(author=membership, status__in=[Memo.Status.RETURNED, Memo.Status.REJECTED])
        .prefetch_related(Prefetch("steps", queryset=decided, to_attr="decisions"))
        .order_by("-pk")
    )
    since = timezone.now() - REJECTED_SHOWN
    found = []
    for memo in memos:
        step = memo.decisions[0] if memo.decisions else None  # type: ignore[attr-defined]
        if memo.status == Memo.Status.REJECTED and (
            step is None or step.decided_at is None or step.decided_at < since
        ):
            continue
        found.append(SentBack(memo, step))
    return found


def inbox_count(membership: Membership) -> int:
    """Memos waiting for this person's decision."""
    return ApprovalStep.objects.inbox(membership).count()


def todo(membership: Membership, fiscal_year: int) -> dict[str, Any]:
    """What asks for this person's attention now, with links to it."""
    org = membership.organization
    measures = Measure.objects.for_org(org)
    return {
        "inbox": inbox_count(membership),
        "sent_back": sent_back(membership),
        "overdue": measures.overdue().count(),
        "due_soon": measures.due_soon(settings.REMINDER_DUE_SOON_DAYS).count(),
        "mine_open": measures.owned_by(membership).open().count(),
        "plan": Plan.objects.for_org(org).filter(fiscal_year=fiscal_year).first(),
        "latest": org.assessments.select_related("framework").by_year().first(),
    }

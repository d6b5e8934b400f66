"""Organisation-scoped lookups for memos (see itatrack.access)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from assessments.models import Item, Tool
from itatrack.models import Membership, Role
from reports.models import ApprovalStep, Memo, OitEvidence, Publication, RouteTemplate

WRITE_ROLES = (Role.STAFF, Role.ADMIN, Role.REVIEWER)


def get_memo(membership: Membership, pk: int) -> Memo:
    return get_object_or_404(
        Memo.objects.for_org(membership.organization).select_related(
            "organization", "author", "signer", "department", "assessment__framework", "plan"
        ),
        pk=pk,
    )


def get_route_template(membership: Membership, pk: int) -> RouteTemplate:
    return get_object_or_404(RouteTemplate.objects.for_org(membership.organization), pk=pk)


def find_publication(membership: Membership, token: str) -> Publication | None:
    """The organisation's own publication by its token (public or withdrawn), or None."""
    return Publication.objects.for_org(membership.organization).filter(token=token).first()


def get_oit_item(membership: Membership, fiscal_year: int, code: str) -> Item:
    """An OIT item of that year's framework (the same for every body; its entry is the body's)."""
    return get_object_or_404(
        Item.objects.select_related("indicator", "sub_indicator"),
        framework__fiscal_year=fiscal_year,
        code=code,
        indicator__tool=Tool.OIT,
    )


def get_oit_evidence(membership: Membership, pk: int) -> OitEvidence:
    return get_object_or_404(
        OitEvidence.objects.listed()
        .filter(entry__organization=membership.organization)
        .select_related("entry__organization"),
        pk=pk,
    )


def can_write(membership: Membership, memo: Memo | None = None) -> bool:
    """Staff, reviewers and admins draft memos; the author may always edit their own."""
    if memo is not None and memo.author_id == membership.pk:
        return True
    return membership.role in WRITE_ROLES


def require_write(membership: Membership, memo: Memo | None = None) -> None:
    if not can_write(membership, memo):
        raise PermissionDenied


def current_step(memo: Memo) -> ApprovalStep | None:
    return ApprovalStep.objects.of_round(memo).current().select_related("member").first()

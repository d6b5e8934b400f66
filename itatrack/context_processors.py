from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from itatrack.access import ACTIVE_ORG_SESSION_KEY
from itatrack.fonts import web_font_stylesheet
from itatrack.models import Membership, Oversight


def organisation(request: HttpRequest) -> dict[str, Any]:
    """The active membership (set by access.org_view) and the user's other organisations,
    for the navigation bar and the organisation switcher."""
    base = {"web_font_css": web_font_stylesheet(), "nav_section": _section(request)}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return base
    current = getattr(request, "membership", None)

    def memberships() -> list[Membership]:
        return list(
            Membership.objects.active()
            .for_user(user)
            .select_related("organization")
            .order_by("organization__name")
        )

    active_slug = (
        current.organization.slug if current else request.session.get(ACTIVE_ORG_SESSION_KEY)
    )

    def oversights() -> list[Oversight]:
        return list(Oversight.objects.for_user(user).only("slug", "name"))

    return {
        **base,
        "my_oversights": oversights,
        "membership": current,
        "org": current.organization if current else None,
        "my_memberships": memberships,
        "active_org_slug": active_slug,
    }


def _section(request: HttpRequest) -> str:
    """The first path part after /o/<org>/ ("assessments", "members" …), for the menu."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    parts = match.route.split("/")
    return parts[2] if parts[0] == "o" and len(parts) > 2 else parts[0]

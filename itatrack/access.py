"""The one place that decides who may see what.

Every object URL lives under /o/<org_slug>/. A user who is not an active member of that
organisation gets 404 (we do not confirm that another body's object exists); a member without
the needed role gets 403. Each object type has one helper that looks it up within the
organisation only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django_htmx.middleware import HtmxDetails

from itatrack.models import Department, Invitation, Membership, Organization, Oversight, Role

ACTIVE_ORG_SESSION_KEY = "active_org"


class AuthedRequest(HttpRequest):
    """A request behind login_required: its user is an account, never anonymous."""

    user: User
    htmx: HtmxDetails  # django_htmx's middleware


class OrgRequest(AuthedRequest):
    membership: Membership
    org: Organization


class OversightRequest(AuthedRequest):
    oversight: Oversight


def get_membership(request: HttpRequest, org_slug: str) -> Membership:
    if not request.user.is_authenticated:
        raise Http404
    try:
        return (
            Membership.objects.active()
            .select_related("organization", "department", "user")
            .get(user=request.user, organization__slug=org_slug)
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def require_role(membership: Membership, *roles: str) -> None:
    if roles and membership.role not in roles:
        raise PermissionDenied


View = Callable[..., HttpResponseBase]


def org_view(
    *roles: str,
) -> Callable[[View], View]:
    """Decorate a view taking org_slug: sets request.membership and request.org, checks the
    role (any role when none is given) and remembers the organisation as the active one."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(
            request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            membership = get_membership(request, org_slug)
            require_role(membership, *roles)
            request.membership = membership  # type: ignore[attr-defined]
            request.org = membership.organization  # type: ignore[attr-defined]
            # Only when it changes: writing the session on every page costs a commit each.
            if request.session.get(ACTIVE_ORG_SESSION_KEY) != org_slug:
                request.session[ACTIVE_ORG_SESSION_KEY] = org_slug
                membership.mark_used()
            return view(request, org_slug, *args, **kwargs)

        return wrapped

    return decorator


admin_view = org_view(Role.ADMIN)


def get_department(membership: Membership, pk: int) -> Department:
    return get_object_or_404(Department.objects.for_org(membership.organization), pk=pk)


def get_member(membership: Membership, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.for_org(membership.organization).select_related("user", "department"),
        pk=pk,
    )


def get_invitation(membership: Membership, pk: int) -> Invitation:
    return get_object_or_404(Invitation.objects.for_org(membership.organization), pk=pk)


def get_oversight(request: HttpRequest, slug: str) -> Oversight:
    """The supervising office, for one of its active supervisors only (404 for anyone else)."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(Oversight.objects.for_user(request.user), slug=slug)


def oversight_view(view: View) -> View:
    """Decorate a view taking oversight_slug: sets request.oversight. Supervisors only read,
    so these views answer GET alone."""

    @login_required
    @wraps(view)
    def wrapped(
        request: HttpRequest, oversight_slug: str, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        request.oversight = get_oversight(request, oversight_slug)  # type: ignore[attr-defined]
        return view(request, oversight_slug, *args, **kwargs)

    return wrapped


def get_supervised_org(oversight: Oversight, org_slug: str) -> Organization:
    return get_object_or_404(oversight.scope(), slug=org_slug)


def client_ip(request: HttpRequest) -> str:
    """The visitor's address for login throttling. Behind our proxy (BEHIND_PROXY) it is the
    last X-Forwarded-For hop, the one the proxy itself added; anything before it the client
    could have written."""
    from django.conf import settings

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_POST

from itatrack.access import ACTIVE_ORG_SESSION_KEY, AuthedRequest, get_membership
from itatrack.forms import OrgSwitchForm
from itatrack.models import Invitation, Membership, Oversight


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    """Send the user to the invitations waiting for their answer, else to the organisation of
    this session, else the one they used last (kept across logins), else the first they joined."""
    if Invitation.objects.for_user(request.user).pending().exists():
        return redirect("invitations")
    memberships = (
        Membership.objects.active()
        .for_user(request.user)
        .select_related("organization")
        .most_recently_used()
    )
    slug = request.session.get(ACTIVE_ORG_SESSION_KEY)
    chosen = next((m for m in memberships if m.organization.slug == slug), None)
    chosen = chosen or memberships.first()
    if chosen is None:
        oversight = Oversight.objects.for_user(request.user).first()
        if oversight is not None:
            return redirect("overview", oversight_slug=oversight.slug)
        if request.user.is_staff:  # an operator: the console, not a dead end
            return redirect("console")
        return render(request, "itatrack/no_membership.html", status=403)
    return redirect("org_home", org_slug=chosen.organization.slug)


@require_POST
@login_required
def switch_org(request: HttpRequest) -> HttpResponse:
    form = OrgSwitchForm(request.POST)
    if not form.is_valid():
        return redirect("index")
    membership = get_membership(request, form.cleaned_data["org"])
    request.session[ACTIVE_ORG_SESSION_KEY] = membership.organization.slug
    return redirect("org_home", org_slug=membership.organization.slug)


def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("favicon.svg"))

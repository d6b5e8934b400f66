"""The invited person's side: the invitations waiting for this account, accepted or declined."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from itatrack.access import ACTIVE_ORG_SESSION_KEY, AuthedRequest
from itatrack.errors import ActionError
from itatrack.invitations import do_accept_invitation, do_decline_invitation
from itatrack.models import Invitation


@login_required
def my_invitations(request: AuthedRequest) -> HttpResponse:
    pending = Invitation.objects.for_user(request.user).pending()
    if request.method == "POST":
        invitation = get_object_or_404(
            Invitation.objects.for_user(request.user), pk=request.POST.get("invitation") or 0
        )
        try:
            if request.POST.get("answer") == "accept":
                membership = do_accept_invitation(invitation, user=request.user)
            else:
                do_decline_invitation(invitation, user=request.user)
                messages.success(
                    request,
                    _("ปฏิเสธคำเชิญของ %(org)s แล้ว") % {"org": invitation.organization.name},
                )
                return redirect("invitations")
        except ActionError as exc:
            messages.error(request, str(exc))
            return redirect("invitations")
        request.session[ACTIVE_ORG_SESSION_KEY] = membership.organization.slug
        messages.success(
            request,
            _("ท่านเป็นสมาชิกของ %(org)s แล้ว") % {"org": membership.organization.name},
        )
        return redirect("org_home", org_slug=membership.organization.slug)
    return render(
        request,
        "itatrack/invitations.html",
        {"invitations": pending.select_related("organization", "department", "invited_by")},
    )

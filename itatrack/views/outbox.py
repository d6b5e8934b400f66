"""An admin resends a notification from the page it belongs to (a member, a memo)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itatrack.access import OrgRequest, admin_view
from itatrack.actions import ActionError, do_resend_mail
from itatrack.models import OutgoingMail


@admin_view
@require_POST
def mail_resend(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    outgoing = get_object_or_404(OutgoingMail.objects.filter(organization=request.org), pk=pk)
    try:
        do_resend_mail(outgoing, actor=request.membership)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        # Not the address: it may be the own address of someone from another organisation.
        messages.success(request, _("ส่งอีเมลอีกครั้งแล้ว"))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("org_home", args=[org_slug])
    return redirect(back)

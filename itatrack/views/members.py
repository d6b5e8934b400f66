from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itatrack.access import OrgRequest, admin_view, get_invitation, get_member
from itatrack.actions import ActionError, do_set_member_active, do_update_member
from itatrack.forms import MemberInviteForm, MembershipForm, changed_values
from itatrack.invitations import do_cancel_invitation, do_invite_member, do_resend_invitation
from itatrack.models import Invitation, Membership, OutgoingMail


@admin_view
def member_list(request: OrgRequest, org_slug: str) -> HttpResponse:
    show_inactive = request.GET.get("inactive") == "1"
    members = Membership.objects.for_org(request.org).select_related("user", "department")
    if not show_inactive:
        members = members.filter(is_active=True)
    invitations = list(
        Invitation.objects.for_org(request.org)
        .filter(state=Invitation.State.PENDING)
        .select_related("department")
        .order_by("-created_at")
    )
    return render(
        request,
        "itatrack/member_list.html",
        {
            "members": members,
            "show_inactive": show_inactive,
            "invitations": invitations,
            # their delivery (queued, retried, failed and why), without the addresses
            "mails": OutgoingMail.objects.about_all(list(invitations))[:20],
        },
    )


@admin_view
def member_add(request: OrgRequest, org_slug: str) -> HttpResponse:
    form = MemberInviteForm(request.POST or None, organization=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = do_invite_member(
                request.org, actor=request.membership, **form.cleaned_data
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            # The same words whether the username had an account or not.
            messages.success(
                request,
                _("ส่งคำเชิญถึง %(username)s แล้ว จะเป็นสมาชิกเมื่อผู้ได้รับเชิญตอบรับ")
                % {"username": invitation.username},
            )
            return redirect("member_list", org_slug=org_slug)
    return render(request, "itatrack/member_add.html", {"form": form})


@admin_view
@require_POST
def invitation_action(request: OrgRequest, org_slug: str, pk: int, action: str) -> HttpResponse:
    invitation = get_invitation(request.membership, pk)
    try:
        if action == "resend":
            do_resend_invitation(invitation, actor=request.membership)
            messages.success(
                request, _("ส่งคำเชิญถึง %(username)s อีกครั้งแล้ว") % {"username": invitation.username}
            )
        else:
            do_cancel_invitation(invitation, actor=request.membership)
            messages.success(
                request, _("ยกเลิกคำเชิญ %(username)s แล้ว") % {"username": invitation.username}
            )
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("member_list", org_slug=org_slug)


@admin_view
def member_edit(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    member = get_member(request.membership, pk)
    if request.method == "POST":
        form = MembershipForm(request.POST, request.FILES, instance=copy(member))
        if form.is_valid():
            changes = changed_values(form)
            try:
                do_update_member(member, changes, actor=request.membership)
            except ActionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("บันทึก %(name)s แล้ว") % {"name": member.display_name})
                return redirect("member_list", org_slug=org_slug)
    else:
        form = MembershipForm(instance=copy(member))
    return render(
        request,
        "itatrack/member_form.html",
        {"form": form, "member": member, "mails": OutgoingMail.objects.about(member)[:10]},
    )


@admin_view
@require_POST
def member_set_active(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    member = get_member(request.membership, pk)
    active = request.POST.get("active") == "1"
    try:
        do_set_member_active(member, active, actor=request.membership)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        text = _("เปิดใช้ %(name)s แล้ว") if active else _("ระงับ %(name)s แล้ว")
        messages.success(request, text % {"name": member.display_name})
    return redirect("member_list", org_slug=org_slug)

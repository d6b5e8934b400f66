"""Membership by invitation: nobody joins an organisation without saying yes, the admin's form
answers the same whatever the username, and no organisation sees another's e-mail addresses."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from itatrack.actions import ActionError, do_add_member
from itatrack.invitations import do_accept_invitation, do_invite_member
from itatrack.models import AuditEvent, Invitation, Membership, Role
from tests.conftest import PASSWORD


def invite(client, personas, username: str, email: str = "typed@example.org"):
    return client.post(
        reverse("member_add", args=[personas.org.slug]),
        {
            "username": username,
            "display_name": "นายมาใหม่ ทดสอบ",
            "email": email,
            "role": Role.STAFF,
            "position": "นักจัดการงานทั่วไป",
        },
        follow=True,
    )


def invited(
    personas, username: str, *, role=Role.STAFF, display_name="นายภายนอก", actor=None
) -> Invitation:
    return do_invite_member(
        personas.org,
        username=username,
        display_name=display_name,
        role=role,
        email="x@example.org",
        actor=actor or personas.admin,
    )


@pytest.fixture
def frozen_clock(time_machine):
    time_machine.move_to("2026-12-07 10:00:00+07:00", tick=False)


def log_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def answer_of(response) -> str:
    """The page the admin sees after inviting, without what differs by nature (the token)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return (
        re.sub(r"/invitations/\d+/", "/invitations/N/", html)
        .replace("outsider", "U")
        .replace("nobody-here", "U")
    )


@pytest.mark.usefixtures("frozen_clock")
def test_the_admin_gets_the_same_answer_for_an_existing_and_an_unknown_username(personas):
    client = personas.client_for(personas.admin)
    existing = invite(client, personas, "outsider")
    Invitation.objects.all().delete()  # each answer on its own: the list shows pending ones
    unknown = invite(client, personas, "nobody-here")
    assert existing.status_code == unknown.status_code == 200
    assert answer_of(existing) == answer_of(unknown)
    assert "ส่งคำเชิญถึง" in existing.content.decode()


def test_an_existing_account_joins_only_after_accepting(
    personas, django_capture_on_commit_callbacks
):
    admin = personas.client_for(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin, personas, "outsider")
    assert not Membership.objects.filter(user=personas.outsider.user, organization=personas.org)
    # the person signs in and is shown the invitation first
    person = Client()
    log_in(person, "outsider", PASSWORD)
    assert person.get("/")["Location"] == reverse("invitations")
    page = person.get(reverse("invitations")).content.decode()
    assert personas.org.name in page and "ตอบรับ" in page
    invitation = Invitation.objects.get(user=personas.outsider.user)
    response = person.post(
        reverse("invitations"), {"invitation": invitation.pk, "answer": "accept"}
    )
    assert response["Location"] == reverse("org_home", args=[personas.org.slug])
    membership = Membership.objects.get(user=personas.outsider.user, organization=personas.org)
    assert (membership.role, membership.display_name) == (Role.STAFF, "นายมาใหม่ ทดสอบ")
    assert AuditEvent.objects.filter(verb="member.join", actor=personas.outsider.user).exists()


def test_declining_leaves_no_membership(personas):
    invitation = invited(personas, "outsider", role=Role.ADMIN)
    person = personas.client_for(personas.outsider)
    person.post(reverse("invitations"), {"invitation": invitation.pk, "answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.DECLINED
    assert not Membership.objects.filter(user=personas.outsider.user, organization=personas.org)


def test_nobody_else_can_accept_an_invitation(personas):
    invitation = invited(personas, "outsider", role=Role.ADMIN)
    with pytest.raises(ActionError, match="ไม่ได้ส่งถึงบัญชีของท่าน"):
        do_accept_invitation(invitation, user=personas.clerk.user)
    response = personas.client_for(personas.clerk).post(
        reverse("invitations"), {"invitation": invitation.pk, "answer": "accept"}
    )
    assert response.status_code == 404
    assert not Membership.objects.filter(user=personas.clerk.user).exclude(
        organization=personas.org
    )


def test_an_expired_or_cancelled_invitation_cannot_be_accepted(personas, time_machine):
    invitation = invited(personas, "outsider")
    time_machine.move_to(invitation.expires_at, tick=False)
    with pytest.raises(ActionError, match="หมดอายุ"):
        do_accept_invitation(invitation, user=personas.outsider.user)


def test_a_new_person_sets_their_own_password_then_accepts(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(personas.client_for(personas.admin), personas, "somchai", "somchai@example.org")
    [message] = mail.outbox
    assert message.to == ["somchai@example.org"]
    link = re.search(r"(/accounts/reset/\S+/)", message.body).group(1)
    person = Client()
    form = person.get(link, follow=True)
    assert "ตั้งรหัสผ่านใหม่" in form.content.decode()
    done = person.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Ban-Mai-Sai-2570", "new_password2": "Ban-Mai-Sai-2570"},
        follow=True,
    )
    assert "ตั้งรหัสผ่านแล้ว" in done.content.decode()
    assert log_in(person, "somchai", "Ban-Mai-Sai-2570").status_code == 302
    invitation = Invitation.objects.get(user__username="somchai")
    person.post(reverse("invitations"), {"invitation": invitation.pk, "answer": "accept"})
    assert Membership.objects.filter(user__username="somchai", organization=personas.org)


def test_the_member_pages_show_no_other_organisations_email(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(personas.client_for(personas.admin), personas, "outsider")
    invitation = Invitation.objects.get(user=personas.outsider.user)
    do_accept_invitation(invitation, user=personas.outsider.user)
    membership = Membership.objects.get(user=personas.outsider.user, organization=personas.org)
    client = personas.client_for(personas.admin)
    for url in (
        reverse("member_list", args=[personas.org.slug]),
        reverse("member_edit", args=[personas.org.slug, membership.pk]),
        reverse("audit_log", args=[personas.org.slug]),
    ):
        assert "outsider@example.org" not in client.get(url).content.decode(), url


def test_the_audit_trail_does_not_say_whether_the_account_was_new(personas):
    invited(personas, "outsider", display_name="ก")
    invited(personas, "brand-new", display_name="ข")
    first, second = AuditEvent.objects.filter(verb="member.invite").order_by("pk")
    assert set(first.data) == set(second.data) == {"username", "role"}


def test_inviting_again_renews_the_pending_invitation(personas):
    for role in (Role.STAFF, Role.REVIEWER):
        invited(personas, "outsider", role=role, display_name="ก")
    invitation = Invitation.objects.get(user=personas.outsider.user)
    assert invitation.role == Role.REVIEWER


def test_only_admins_invite(personas):
    for person in (personas.clerk, personas.reviewer, personas.executive):
        with pytest.raises(ActionError, match="เฉพาะผู้ดูแลหน่วยงาน"):
            invited(personas, "outsider", role=Role.ADMIN, display_name="ก", actor=person)
    assert not Invitation.objects.exists()


def test_an_admin_cannot_link_an_account_directly(personas):
    with pytest.raises(ActionError, match="คำเชิญ"):
        do_add_member(
            personas.org,
            username="outsider",
            display_name="ก",
            role=Role.ADMIN,
            actor=personas.admin,
        )


def test_the_admin_cancels_and_resends_from_the_member_list(
    personas, django_capture_on_commit_callbacks
):
    invitation = invited(personas, "brand-new", display_name="นายใหม่")
    client = personas.client_for(personas.admin)
    page = client.get(reverse("member_list", args=[personas.org.slug])).content.decode()
    assert "คำเชิญที่รอการตอบรับ" in page and "นายใหม่" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("invitation_resend", args=[personas.org.slug, invitation.pk]))
    assert mail.outbox[-1].to == ["x@example.org"]
    client.post(reverse("invitation_cancel", args=[personas.org.slug, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.CANCELLED
    assert not User.objects.get(username="brand-new").memberships.exists()

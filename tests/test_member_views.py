from __future__ import annotations

from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from itatrack.models import AuditEvent, Invitation, Membership, Role
from tests.helpers import image_upload


def add_url(p):
    return reverse("member_add", args=[p.org.slug])


def new_member(**overrides):
    data = {
        "username": "somsri",
        "display_name": "นางสมศรี ใหม่มา",
        "first_name": "สมศรี",
        "last_name": "ใหม่มา",
        "email": "somsri@example.org",
        "role": Role.STAFF,
        "position": "นักจัดการงานทั่วไป",
    }
    return {**data, **overrides}


def test_it_lists_members_of_the_organisation_only(personas):
    html = (
        personas.client_for(personas.admin)
        .get(reverse("member_list", args=[personas.org.slug]))
        .content.decode()
    )
    assert personas.clerk.display_name in html
    assert personas.outsider.display_name not in html


def test_it_invites_a_new_account_which_sets_its_own_password(
    personas, django_capture_on_commit_callbacks
):
    client = personas.client_for(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(personas), new_member(department=personas.department.pk))
    assert response.status_code == 302
    user = User.objects.get(username="somsri")
    assert not user.has_usable_password()  # no admin ever knows it
    assert not Membership.objects.filter(user=user).exists()  # not until they accept
    invitation = Invitation.objects.get(user=user)
    assert invitation.department == personas.department and invitation.role == Role.STAFF
    assert AuditEvent.objects.get(verb="member.invite").actor == personas.admin.user
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["somsri@example.org"]
    assert "/accounts/reset/" in mail.outbox[0].body and "/invitations/" in mail.outbox[0].body


def test_it_invites_an_existing_account_without_touching_it(
    personas, django_capture_on_commit_callbacks
):
    client = personas.client_for(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            add_url(personas), new_member(username="outsider", email="admin-typed@example.org")
        )
    assert response.status_code == 302
    assert Membership.objects.filter(user=personas.outsider.user).count() == 1
    personas.outsider.user.refresh_from_db()
    assert personas.outsider.user.check_password("correct-horse-battery-9")
    assert personas.outsider.user.email == "outsider@example.org"
    # the owner is asked at their own address; the admin's typing reaches no one
    assert [m.to for m in mail.outbox] == [["outsider@example.org"]]
    assert "/accounts/reset/" not in mail.outbox[0].body


def test_it_refuses_to_add_someone_twice(personas):
    response = personas.client_for(personas.admin).post(
        add_url(personas), new_member(username="clerk")
    )
    assert "เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว" in response.content.decode()
    assert Membership.objects.filter(user=personas.clerk.user).count() == 1


def test_it_refuses_another_organisations_department(personas):
    response = personas.client_for(personas.admin).post(
        add_url(personas), new_member(department=personas.other_department.pk)
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="somsri").exists()


def test_it_keeps_the_typed_values_when_the_form_is_invalid(personas):
    html = (
        personas.client_for(personas.admin)
        .post(add_url(personas), new_member(email="somsri-at-example"))
        .content.decode()
    )
    assert 'value="นางสมศรี ใหม่มา"' in html
    assert 'value="somsri-at-example"' in html
    assert not User.objects.filter(username="somsri").exists()


def test_it_changes_a_role_and_uploads_a_signature(personas):
    url = reverse("member_edit", args=[personas.org.slug, personas.clerk.pk])
    response = personas.client_for(personas.admin).post(
        url,
        {
            "display_name": personas.clerk.display_name,
            "role": Role.REVIEWER,
            "department": personas.department.pk,
            "position": "หัวหน้าฝ่ายอำนวยการ",
            "signature": image_upload(),
        },
    )
    assert response.status_code == 302
    personas.clerk.refresh_from_db()
    assert personas.clerk.role == Role.REVIEWER
    assert personas.clerk.signature.name.startswith("signatures/")
    assert sorted(AuditEvent.objects.get(verb="member.update").data["fields"]) == [
        "position",
        "role",
        "signature",
    ]


def test_it_refuses_a_signature_that_is_not_an_image(personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("member_edit", args=[personas.org.slug, personas.clerk.pk])
    fake = SimpleUploadedFile("sig.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = personas.client_for(personas.admin).post(
        url,
        {
            "display_name": "ชื่อใหม่",
            "role": Role.STAFF,
            "signature": fake,
        },
    )
    assert response.status_code == 200
    personas.clerk.refresh_from_db()
    assert personas.clerk.display_name == "นางสาวใจดี ทดสอบ"
    assert not personas.clerk.signature


def test_it_will_not_demote_the_last_admin(personas):
    url = reverse("member_edit", args=[personas.org.slug, personas.admin.pk])
    response = personas.client_for(personas.admin).post(
        url,
        {
            "display_name": personas.admin.display_name,
            "role": Role.STAFF,
        },
    )
    assert "ต้องมีผู้ดูแลหน่วยงานอย่างน้อยหนึ่งคน" in response.content.decode()
    personas.admin.refresh_from_db()
    assert personas.admin.role == Role.ADMIN


def test_it_suspends_and_reactivates_a_member(personas):
    client = personas.client_for(personas.admin)
    url = reverse("member_set_active", args=[personas.org.slug, personas.clerk.pk])
    client.post(url, {"active": "0"})
    personas.clerk.refresh_from_db()
    assert personas.clerk.is_active is False
    assert (
        personas.client_for(personas.clerk)
        .get(reverse("org_home", args=[personas.org.slug]))
        .status_code
        == 404
    )
    client.post(url, {"active": "1"})
    personas.clerk.refresh_from_db()
    assert personas.clerk.is_active is True
    verbs = list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == ["member.deactivate", "member.reactivate"]


def test_it_will_not_let_an_admin_suspend_themself(personas):
    url = reverse("member_set_active", args=[personas.org.slug, personas.admin.pk])
    response = personas.client_for(personas.admin).post(url, {"active": "0"}, follow=True)
    assert "ไม่สามารถระงับบัญชีของตนเองได้" in response.content.decode()
    personas.admin.refresh_from_db()
    assert personas.admin.is_active is True


def test_it_returns_other_orgs_member_as_404(personas):
    client = personas.client_for(personas.admin)
    assert (
        client.get(
            reverse("member_edit", args=[personas.org.slug, personas.outsider.pk])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("member_set_active", args=[personas.org.slug, personas.outsider.pk]),
            {"active": "0"},
        ).status_code
        == 404
    )
    personas.outsider.refresh_from_db()
    assert personas.outsider.is_active


def test_it_forbids_member_management_to_non_admins(personas):
    for member in (personas.clerk, personas.reviewer, personas.executive):
        client = personas.client_for(member)
        assert client.get(reverse("member_list", args=[personas.org.slug])).status_code == 403
        assert client.post(add_url(personas), new_member()).status_code == 403
    assert not User.objects.filter(username="somsri").exists()

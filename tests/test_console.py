"""The operators' console: a site-staff member sets up a new municipality with its departments
and first admin in one form, and that admin signs in without anyone using a shell; the list
shows every body's state; a body can be suspended and restored; all of it audited."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from itatrack.models import AuditEvent, Department, Invitation, Membership, Organization, Role
from tests.conftest import PASSWORD
from tests.helpers import image_upload


@pytest.fixture
def operator(db) -> User:
    return User.objects.create_user("operator", "ops@example.org", PASSWORD, is_staff=True)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def new_body(**overrides) -> dict[str, object]:
    data = {
        "name": "เทศบาลตำบลบ้านใหม่ทดสอบ",
        "short_name": "ทต.บ้านใหม่ทดสอบ",
        "kind": Organization.Kind.SUBDISTRICT,
        "province": "ลำพูน",
        "district": "เมืองลำพูน",
        "slug": "ban-mai-test",
        "doc_prefix": "ลพ ๕๑๐๐๑",
        "head_title": "นายกเทศมนตรีตำบลบ้านใหม่ทดสอบ",
        "departments": "สำนักปลัดเทศบาล\nกองคลัง\nกองช่าง\nกองคลัง\n",
        "admin_username": "somjai",
        "admin_display_name": "นางสาวสมใจ บ้านใหม่",
        "admin_email": "somjai@example.org",
        "admin_position": "นักจัดการงานทั่วไป",
    }
    return {**data, **overrides}


def test_an_operator_without_a_membership_lands_on_the_console(operator):
    client = Client()
    client.post(reverse("login"), {"username": "operator", "password": PASSWORD})
    assert client.get("/")["Location"] == reverse("console")
    assert client.get(reverse("console")).status_code == 200


def test_only_site_staff_open_the_console(personas):
    assert Client().get(reverse("console")).status_code == 302
    for member in (personas.clerk, personas.admin, personas.outsider):
        client = personas.client_for(member)
        assert client.get(reverse("console")).status_code == 403
        assert client.post(reverse("console_new"), new_body()).status_code == 403
    assert not Organization.objects.filter(slug="ban-mai-test").exists()


def test_a_body_is_set_up_and_its_first_admin_signs_in_without_a_shell(
    operator, frameworks, django_capture_on_commit_callbacks
):
    client = signed_in(operator)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("console_new"), {**new_body(), "emblem": image_upload("e.png")})
    assert page.status_code == 200 and "ตั้งเทศบาลตำบลบ้านใหม่ทดสอบแล้ว" in page.content.decode()
    org = Organization.objects.get(slug="ban-mai-test")
    assert org.emblem and org.doc_prefix == "ลพ ๕๑๐๐๑"
    assert list(Department.objects.for_org(org).values_list("name", flat=True)) == [
        "สำนักปลัดเทศบาล",
        "กองคลัง",
        "กองช่าง",
    ]
    verbs = set(AuditEvent.objects.filter(actor=operator).values_list("verb", flat=True))
    assert {"organization.create", "department.create", "member.invite"} <= verbs
    # the new admin: the mail's link, a password of their own, the invitation accepted
    [message] = mail.outbox
    assert message.to == ["somjai@example.org"]
    link = re.search(r"(/accounts/reset/\S+/)", message.body).group(1)
    person = Client()
    form = person.get(link, follow=True)
    person.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Ban-Mai-Admin-2570", "new_password2": "Ban-Mai-Admin-2570"},
    )
    person.post(reverse("login"), {"username": "somjai", "password": "Ban-Mai-Admin-2570"})
    invitation = Invitation.objects.get(user__username="somjai")
    person.post(reverse("invitations"), {"invitation": invitation.pk, "answer": "accept"})
    membership = Membership.objects.get(user__username="somjai", organization=org)
    assert membership.role == Role.ADMIN
    assert person.get(reverse("member_list", args=[org.slug])).status_code == 200


def test_without_mail_the_operator_is_shown_the_one_time_link(operator, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    page = signed_in(operator).post(reverse("console_new"), new_body()).content.decode()
    assert "ระบบนี้ยังไม่ได้ตั้งค่าการส่งอีเมล" in page
    assert re.search(r"/accounts/reset/[^/\s<]+/[^/\s<]+/", page)


def test_a_bad_form_keeps_what_was_typed_and_creates_nothing(operator, personas):
    page = signed_in(operator).post(
        reverse("console_new"), new_body(slug=personas.org.slug, departments="  \n")
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "มีอยู่แล้ว" in html  # the address another body uses
    assert html.count("invalid-feedback") >= 2  # and the departments left empty
    assert 'value="นางสาวสมใจ บ้านใหม่"' in html
    assert not User.objects.filter(username="somjai").exists()


def test_the_list_shows_each_bodys_members_and_activity(operator, personas):
    html = signed_in(operator).get(reverse("console")).content.decode()
    assert personas.org.name in html and personas.other_org.name in html
    found = signed_in(operator).get(reverse("console"), {"q": "หนองอื่น"}).content.decode()
    assert personas.other_org.name in found and personas.org.name not in found


def test_a_suspended_body_cannot_be_entered_until_restored(operator, personas):
    client = signed_in(operator)
    client.post(reverse("console_set_active", args=[personas.org.slug]), {"active": "0"})
    personas.org.refresh_from_db()
    assert not personas.org.is_active
    clerk = personas.client_for(personas.clerk)
    assert clerk.get(reverse("org_home", args=[personas.org.slug])).status_code == 404
    client.post(reverse("console_set_active", args=[personas.org.slug]), {"active": "1"})
    assert clerk.get(reverse("org_home", args=[personas.org.slug])).status_code == 200
    verbs = list(
        AuditEvent.objects.filter(actor=operator, organization=personas.org).values_list(
            "verb", flat=True
        )
    )
    assert verbs.count("organization.suspend") == 1 and verbs.count("organization.restore") == 1


def test_the_list_pages_fifty_bodies_and_keeps_the_search(operator):
    Organization.objects.bulk_create(
        Organization(slug=f"page-{n}", name=f"เทศบาลตำบลหน้า {n:02d}", short_name=f"ทต.{n}")
        for n in range(55)
    )
    client = signed_in(operator)
    first = client.get(reverse("console"), {"q": "หน้า"}).content.decode()
    assert first.count('data-testid="console-row"') == 50
    assert "page=2" in first and "q=" in first
    second = client.get(reverse("console"), {"q": "หน้า", "page": 2}).content.decode()
    assert second.count('data-testid="console-row"') == 5

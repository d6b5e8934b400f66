"""Self-service password reset: Thai pages, the mail through the outbox, the same answer for
any address, and a throttle."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from itatrack.models import OutgoingMail

RESET = "/accounts/password/reset/"


def test_the_login_page_links_to_the_reset(db):
    assert RESET in Client().get(reverse("login")).content.decode()


def test_a_known_address_gets_a_link_through_the_outbox_and_it_sets_the_password(
    personas, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://ita.example.go.th"
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESET, {"email": "clerk@example.org"}, follow=True)
    assert "ตรวจอีเมลของท่าน" in response.content.decode()
    assert OutgoingMail.objects.get(kind="password.reset").to == "clerk@example.org"
    [message] = mail.outbox
    link = re.search(r"https://ita\.example\.go\.th(/accounts/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Kao-Niao-Mamuang-9", "new_password2": "Kao-Niao-Mamuang-9"},
    )
    signed_in = Client().post(
        reverse("login"), {"username": "clerk", "password": "Kao-Niao-Mamuang-9"}
    )
    assert signed_in.status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db):
    response = Client().post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert "ตรวจอีเมลของท่าน" in response.content.decode()
    assert not OutgoingMail.objects.exists()


def test_requests_are_throttled_per_address_whether_it_exists_or_not(personas, settings):
    settings.PASSWORD_RESET_PER_HOUR = 2
    for address in ("clerk@example.org", "nobody@example.org"):
        answers = [
            Client(REMOTE_ADDR=f"10.0.0.{n}").post(RESET, {"email": address}).status_code
            for n in range(4)
        ]
        assert answers == [302, 302, 429, 429], address
    assert OutgoingMail.objects.filter(kind="password.reset").count() == 2


def test_requests_are_throttled_per_visitor(personas, settings):
    settings.PASSWORD_RESET_PER_HOUR = 3
    client = Client(REMOTE_ADDR="10.9.9.9")
    answers = [client.post(RESET, {"email": f"x{n}@example.org"}).status_code for n in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    page = client.post(RESET, {"email": "y@example.org"}).content.decode()
    assert "ขอตั้งรหัสผ่านใหม่บ่อยเกินไป" in page


def test_a_used_link_says_so_in_thai(personas):
    response = Client().get("/accounts/reset/MQ/not-a-token/", follow=True)
    assert "ลิงก์นี้ใช้ไปแล้วหรือหมดอายุ" in response.content.decode()

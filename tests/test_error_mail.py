"""Errors reach the admins through the outbox, once per kind of error; the 500 page says who
was told, and nothing it does not know."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import path

from itatrack.models import OutgoingMail
from itatrack.views.errors import server_error


def broken(request):
    raise RuntimeError("พังตรงนี้ for the test")


urlpatterns = [path("broken/", broken)]
handler500 = server_error


@pytest.fixture
def broken_site(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_a_500_is_mailed_to_the_admins_through_the_outbox(db, broken_site, settings):
    settings.ADMINS = [("ผู้ดูแล", "ops@example.org")]
    User.objects.create_superuser("root", "root@example.org", "x-very-long-password-1")
    response = broken_site.get("/broken/")
    assert response.status_code == 500
    assert "ส่งรายละเอียดข้อผิดพลาดถึงผู้ดูแลระบบแล้ว" in response.content.decode()
    mail = OutgoingMail.objects.get(kind="error.admin")
    assert set(mail.recipients) == {"ops@example.org", "root@example.org"}
    assert "RuntimeError" in mail.body and "/broken/" in mail.body


def test_the_same_error_is_mailed_once_per_quarter_hour(db, broken_site, settings):
    settings.ADMINS = [("ผู้ดูแล", "ops@example.org")]
    for _ in range(5):
        broken_site.get("/broken/")
    assert OutgoingMail.objects.filter(kind="error.admin").count() == 1


def test_with_no_one_to_tell_the_500_page_does_not_claim_anyone_was_told(db, broken_site):
    response = broken_site.get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "ได้รับแจ้งแล้ว" not in html and "ถึงผู้ดูแลระบบแล้ว" not in html
    assert "กรุณาแจ้งผู้ดูแลระบบ" in html
    assert not OutgoingMail.objects.exists()

"""The optional second factor: executives and admins enrol an authenticator app; after that,
a password alone opens nothing."""

from __future__ import annotations

import time

import time_machine
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from itatrack.models import AuditEvent
from itatrack.thai import to_thai_digits
from tests.conftest import PASSWORD


def code(device: TOTPDevice, *, later: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later
    return f"{totp.token():06d}"


def log_in(username: str) -> Client:
    client = Client()
    assert (
        client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code
        == 302
    )
    return client


def enrol(client: Client, user) -> TOTPDevice:
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # Thai digits are what a Thai keyboard types: they are read as the same code.
    response = client.post("/accounts/two-factor/", {"code": to_thai_digits(code(device))})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_an_executive_enrols_and_then_needs_the_code_to_get_in(personas):
    client = log_in("executive")
    device = enrol(client, personas.executive.user)
    assert AuditEvent.objects.filter(verb="twofactor.enable").exists()
    assert client.get("/o/ban-thotsob/").status_code == 200  # this session gave a code

    fresh = log_in("executive")  # the password alone …
    response = fresh.get("/o/ban-thotsob/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/verify/?next=%2Fo%2Fban-thotsob%2Fdashboard%2F"
    assert fresh.get("/o/ban-thotsob/memos/inbox/").status_code == 302
    assert fresh.get("/accounts/password/").status_code == 302  # nor change the password
    wrong = fresh.post("/accounts/verify/", {"code": "000000", "next": "/o/ban-thotsob/"})
    assert "รหัสไม่ถูกต้อง" in wrong.content.decode()
    with time_machine.travel(time.time() + 5):  # past the pause a wrong code earns
        right = fresh.post(
            "/accounts/verify/", {"code": code(device, later=30), "next": "/o/ban-thotsob/"}
        )
    assert right.status_code == 302 and right["Location"] == "/o/ban-thotsob/"
    assert fresh.get("/o/ban-thotsob/dashboard/").status_code == 200


def test_public_pages_stay_open_while_the_code_is_asked(personas):
    client = log_in("executive")
    enrol(client, personas.executive.user)
    fresh = log_in("executive")
    assert fresh.get("/p/ban-thotsob/").status_code == 200


def test_guessing_codes_is_slowed_down(personas):
    client = log_in("orgadmin")
    enrol(client, personas.admin.user)
    fresh = log_in("orgadmin")
    first = fresh.post("/accounts/verify/", {"code": "123456"}).content.decode()
    assert "รหัสไม่ถูกต้อง" in first
    page = fresh.post("/accounts/verify/", {"code": "654321"}).content.decode()
    assert "กรุณารอสักครู่" in page  # the next try, too soon after a wrong one


def test_turning_it_off_takes_a_current_code(personas):
    client = log_in("executive")
    device = enrol(client, personas.executive.user)
    refused = client.post("/accounts/two-factor/", {"code": "111111"})
    assert refused.status_code == 200
    assert TOTPDevice.objects.filter(user=personas.executive.user).exists()
    with time_machine.travel(time.time() + 5):
        done = client.post("/accounts/two-factor/", {"code": code(device, later=30)})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=personas.executive.user).exists()
    assert log_in("executive").get("/o/ban-thotsob/").status_code == 200


def test_a_clerk_is_not_offered_it(personas):
    assert log_in("clerk").get("/accounts/two-factor/").status_code == 403


def test_a_bad_code_is_told_in_thai_and_nothing_changes(personas):
    client = log_in("executive")
    client.get("/accounts/two-factor/")
    page = client.post("/accounts/two-factor/", {"code": "12ab"}).content.decode()
    assert "รหัสต้องเป็นตัวเลข ๖ หลัก" in page
    assert not TOTPDevice.objects.filter(user=personas.executive.user, confirmed=True).exists()


def test_the_next_address_cannot_send_people_off_site(personas):
    client = log_in("executive")
    device = enrol(client, personas.executive.user)
    fresh = log_in("executive")
    response = fresh.post(
        "/accounts/verify/", {"code": code(device, later=30), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_turning_it_on_ends_the_persons_other_sessions(
    personas, django_capture_on_commit_callbacks
):
    laptop, phone = log_in("executive"), log_in("executive")
    colleague = log_in("clerk")
    with django_capture_on_commit_callbacks(execute=True):
        enrol(phone, personas.executive.user)
    assert phone.get("/o/ban-thotsob/").status_code == 200  # the session that turned it on
    ended = laptop.get("/o/ban-thotsob/")
    assert ended.status_code == 302 and ended["Location"].startswith("/accounts/login/")
    assert colleague.get("/o/ban-thotsob/").status_code == 200  # nobody else's
    event = AuditEvent.objects.get(verb="twofactor.enable")
    assert event.data["ended_sessions"] == 1

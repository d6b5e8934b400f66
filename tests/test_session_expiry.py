"""A forgotten signed-in browser does not stay signed in: sessions end after 8 hours."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from itatrack.models import Membership, Role
from tests.conftest import PASSWORD


def test_a_session_ends_eight_hours_after_logging_in(personas):
    client = Client()
    with time_machine.travel(dt.datetime(2026, 12, 1, 8, 0), tick=False):
        assert (
            client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD}).status_code
            == 302
        )
        assert client.get("/o/ban-thotsob/").status_code == 200
    with time_machine.travel(dt.datetime(2026, 12, 1, 15, 59), tick=False):
        assert client.get("/o/ban-thotsob/").status_code == 200
    with time_machine.travel(dt.datetime(2026, 12, 1, 16, 1), tick=False):
        response = client.get("/o/ban-thotsob/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_logging_out_ends_the_session_on_the_server(personas):
    client = Client()
    client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    stolen = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    thief = Client()
    thief.cookies["sessionid"] = stolen
    assert thief.get("/o/ban-thotsob/").status_code == 302


def test_switching_the_organisation_does_not_extend_the_session(personas):
    Membership.objects.create(
        user=personas.clerk.user,
        organization=personas.other_org,
        role=Role.STAFF,
        display_name="นางสาวใจดี ทดสอบ",
    )
    client = Client()
    with time_machine.travel(dt.datetime(2026, 12, 1, 8, 0), tick=False):
        client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    with time_machine.travel(dt.datetime(2026, 12, 1, 15, 0), tick=False):
        switched = client.post(reverse("switch_org"), {"org": personas.other_org.slug})
        assert switched.status_code == 302
        assert client.get(switched["Location"]).status_code == 200
    with time_machine.travel(dt.datetime(2026, 12, 1, 16, 1), tick=False):
        response = client.get(f"/o/{personas.other_org.slug}/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

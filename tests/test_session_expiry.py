"""A forgotten signed-in browser does not stay signed in: sessions end after 8 hours."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client

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

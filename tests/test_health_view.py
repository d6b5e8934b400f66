"""The load balancer's probe: up or not, without the database."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_it_answers_ok_without_touching_the_database(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True  # production: the probe comes over plain HTTP
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert len(captured) == 0


def test_other_pages_still_go_to_https(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/accounts/login/").status_code == 301

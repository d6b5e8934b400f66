"""The embedded SQLite holds under the app's own concurrency: gunicorn's two workers and the
background worker on one database file, several people saving at once, no "database is
locked"; and if a write still cannot get its turn, a Thai page keeps what was typed."""

from __future__ import annotations

from django.db import OperationalError
from django.urls import reverse

from tests import writers


def test_concurrent_writers_with_the_worker_running_are_all_saved():
    """Four people for five seconds: memos, users in the Django admin, the score grid. Runs
    against its own SQLite file whatever DATABASE_URL the suite uses."""
    tally, kept = writers.run(seconds=5, writers=4)
    failed = {key: n for key, n in tally.answers.items() if not key.endswith((" 200", " 302"))}
    assert failed == {}, tally.log[-3000:]
    assert tally.locked == 0
    assert tally.written["memo"] > 0 and tally.written["user"] > 0
    assert kept == {"memo": tally.written["memo"], "user": tally.written["user"]}


def test_a_write_that_cannot_get_the_lock_answers_in_thai_and_keeps_what_was_typed(
    personas, monkeypatch
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("reports.views.memos.do_create_memo", locked)
    response = personas.client_for(personas.clerk).post(
        reverse("memo_create", args=[personas.org.slug]), {"kind": "general", "note": "ข้อความ"}
    )
    assert response.status_code == 503 and response["Retry-After"]
    html = response.content.decode()
    assert "ระบบไม่ว่าง กรุณาลองอีกครั้ง" in html
    assert '<input type="hidden" name="kind" value="general">' in html
    assert f'action="/o/{personas.org.slug}/memos/new/"' in html
    assert "ข้อความ" in html


def test_other_database_errors_are_not_called_busy(personas, monkeypatch):
    from django.test import Client

    def broken(*args, **kwargs):
        raise OperationalError("no such table: reports_memo")

    monkeypatch.setattr("reports.views.memos.do_create_memo", broken)
    client = Client(raise_request_exception=False)
    client.force_login(personas.clerk.user)
    response = client.post(reverse("memo_create", args=[personas.org.slug]), {"kind": "general"})
    assert response.status_code == 500

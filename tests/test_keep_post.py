"""A form sent without a session is kept while the person logs in again, then offered to be
sent on; it is theirs alone, for a while, and only on the page it was sent to."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from reports.access import current_step
from reports.actions import do_submit_memo
from tests.conftest import PASSWORD
from tests.memo_helpers import analysis_memo


def sent_without_session(personas, url: str, data: dict[str, str]) -> Client:
    client = Client()
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    login = client.post(
        reverse("login"), {"username": "reviewer", "password": PASSWORD, "next": url}
    )
    assert login["Location"] == url
    return client


def test_a_decision_sent_after_the_session_ended_is_offered_again_after_login(personas, frameworks):
    memo = analysis_memo(personas, 1)
    do_submit_memo(memo, actor=personas.clerk)
    url = reverse("memo_decide", args=[personas.org.slug, memo.pk])
    data = {"decision": "return", "comment": "กรุณาแก้ตัวเลขในข้อ ๓"}
    client = sent_without_session(personas, url, data)
    page = client.get(url)
    assert page.status_code == 200  # not 405
    html = page.content.decode()
    assert "กรุณาแก้ตัวเลขในข้อ ๓" in html and 'name="decision" value="return"' in html
    confirm = client.post(url, data)
    assert "ยืนยัน" in confirm.content.decode()
    client.post(url, {**data, "confirmed": "True"})
    memo.refresh_from_db()
    assert memo.status == "returned"
    assert client.get(url).status_code == 405  # offered once


def test_the_kept_form_is_not_offered_after_half_an_hour(personas, frameworks):
    memo = analysis_memo(personas, 1)
    do_submit_memo(memo, actor=personas.clerk)
    url = reverse("memo_decide", args=[personas.org.slug, memo.pk])
    client = sent_without_session(personas, url, {"decision": "approve", "comment": "ก"})
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)):
        assert client.get(url).status_code == 405  # the session is still valid; the form is not
    memo.refresh_from_db()
    assert current_step(memo).member == personas.reviewer  # nothing was decided

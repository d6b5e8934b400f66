"""The public pages are kept whole in the cache, and every change that shows retires them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from itatrack.actions import do_update_organization
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo, correction_of

PAGES = ["/p/ban-thotsob/", "/p/ban-thotsob/embed/", "/p/ban-thotsob/documents.json"]


@pytest.fixture
def published(personas):
    memo = approved_memo(personas, measures=1)
    return do_publish(memo, actor=personas.admin, unsigned=True)


@pytest.mark.parametrize("url", PAGES)
def test_a_kept_page_is_served_again_without_touching_the_database(client, published, url):
    first = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert len(captured) == 0


def test_the_embed_stays_framable_when_served_from_the_cache(client, published):
    client.get("/p/ban-thotsob/embed/")
    again = client.get("/p/ban-thotsob/embed/")
    assert "X-Frame-Options" not in again
    assert "frame-ancestors *" in again["Content-Security-Policy"]


@pytest.mark.django_db(transaction=True)
def test_a_new_publication_shows_at_once(client, personas, frameworks, published):
    assert client.get("/p/ban-thotsob/").content.decode().count("/d/") >= 1
    before = client.get("/p/ban-thotsob/documents.json").json()["documents"]
    do_publish(correction_of(personas, published.memo), actor=personas.admin, unsigned=True)
    after = client.get("/p/ban-thotsob/documents.json").json()["documents"]
    assert len(after) == len(before) + 1


@pytest.mark.django_db(transaction=True)
def test_renaming_the_body_shows_at_once(client, personas, frameworks, published):
    client.get("/p/ban-thotsob/")
    do_update_organization(personas.org, {"name": "เทศบาลตำบลชื่อใหม่"}, actor=None)
    assert "เทศบาลตำบลชื่อใหม่" in client.get("/p/ban-thotsob/").content.decode()


def test_each_language_is_kept_apart(client, published):
    thai = client.get("/p/ban-thotsob/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    english = client.get("/p/ban-thotsob/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "ที่เผยแพร่ต่อสาธารณะ" in thai
    assert "ที่เผยแพร่ต่อสาธารณะ" not in english


def test_an_unknown_body_is_not_kept_as_a_404(client, personas):
    assert client.get("/p/not-yet/").status_code == 404
    personas.other_org.slug = "not-yet"
    personas.other_org.save()
    assert client.get("/p/not-yet/").status_code == 200

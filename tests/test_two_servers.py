"""Two app servers, one PostgreSQL, no shared disk: a document published through one is served
by the other, with sessions and the public pages' kept copies shared through Redis and files
on S3-compatible object storage (a local moto server)."""

from __future__ import annotations

import hashlib
import http.cookiejar
import re
import secrets
import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from itatrack.devtools import bench
from reports.models import Publication
from tests.conftest import PASSWORD
from tests.memo_helpers import approved_memo

REDIS_URL = "redis://127.0.0.1:6379/14"

pytestmark = pytest.mark.django_db(transaction=True)


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def s3(s3_storage):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share one PostgreSQL (run with DATABASE_URL)")
    if not _redis_answers():
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    return s3_storage


class Browser:
    """Just enough of a browser: cookies, and the CSRF token of the last page."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.token = ""

    def get(self, path: str) -> tuple[int, bytes]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, bytes]:
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, **fields}).encode()
        return self._open(urllib.request.Request(self.base + path, data=data))

    def _open(self, request: urllib.request.Request) -> tuple[int, bytes]:
        try:
            with self.opener.open(request, timeout=30) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        if found := re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body):
            self.token = found.group(1).decode()
        return status, body


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_document_published_on_one_server_is_served_by_the_other(
    personas, frameworks, s3, tmp_path
):
    personas.org.slug = f"two-servers-{secrets.token_hex(4)}"  # kept pages are keyed by slug
    personas.org.save()
    memo = approved_memo(personas, measures=1)  # its final copy goes to the bucket
    database = connection.settings_dict
    env = {
        **s3,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "BEHIND_PROXY": "0",
    }
    slug = personas.org.slug
    with (
        bench.gunicorn(workers=1, env={**env, "ITATRACK_DATA_DIR": str(tmp_path / "a")}) as a,
        bench.gunicorn(workers=1, env={**env, "ITATRACK_DATA_DIR": str(tmp_path / "b")}) as b,
    ):
        visitor = Browser(b)
        status, before = visitor.get(f"/p/{slug}/")  # server B keeps this page in the cache
        assert status == 200
        assert b"/d/" not in before

        admin = Browser(a)
        admin.get("/accounts/login/")
        status, _body = admin.post(
            "/accounts/login/", {"username": personas.admin.user.username, "password": PASSWORD}
        )
        assert status == 302
        admin.get(f"/o/{slug}/memos/{memo.pk}/")
        status, _body = admin.post(f"/o/{slug}/memos/{memo.pk}/publish/", {"unsigned": "1"})
        assert status == 302
        publication = Publication.objects.get(memo=memo)

        status, pdf = visitor.get(f"/d/{publication.token}/pdf/")
        assert status == 200
        assert hashlib.sha256(pdf).hexdigest() == publication.sha256
        status, after = visitor.get(f"/p/{slug}/")
        assert publication.token.encode() in after  # A's publication retired B's kept copy

        admin.base = b  # the same session, on the other server
        status, _body = admin.get(f"/o/{slug}/memos/{memo.pk}/")
        assert status == 200
    from django.core.files.storage import default_storage

    assert default_storage.exists(publication.pdf.name)  # in the bucket …
    for server in ("a", "b"):  # … and on neither server's disk
        kept = [p for p in (tmp_path / server).rglob("*.pdf") if "render" not in p.parts]
        assert kept == []

"""Concurrent writers against a real installation on the embedded SQLite: gunicorn and the
background worker on one database file, several people saving at once.

Used by tests/test_sqlite_concurrency.py, and runnable on its own to print the figures:
    .venv/bin/python -m tests.writers [seconds] [writers]
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Writers-Test-Password-9"
SLUG = "writers"
SETUP = f"""
from django.contrib.auth.models import User
from assessments.models import Assessment, Framework
from itatrack.models import Membership, Organization, Role
user = User.objects.create_superuser("root", "root@example.org", "{PASSWORD}")
org = Organization.objects.create(slug="{SLUG}", name="เทศบาลตำบลเขียนพร้อมกัน",
    short_name="ทต.เขียนพร้อมกัน", kind="subdistrict", province="ลำพูน")
Membership.objects.create(user=user, organization=org, role=Role.ADMIN, display_name="นายราก ทดสอบ")
a = Assessment.objects.create(organization=org, framework=Framework.objects.get(fiscal_year=2569))
print("ASSESSMENT", a.pk)
"""


@dataclass
class Tally:
    """What the writers saw: answers by kind and status, and what each kind wrote."""

    answers: Counter[str] = field(default_factory=Counter)
    locked: int = 0
    log: str = ""
    written: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, status: int, body: str) -> None:
        with self.lock:
            self.answers[f"{kind} {status}"] += 1
            if status in (200, 302) and kind != "form":
                self.written[kind] += status == 302


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.base + path}
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def csrf(self, path: str) -> str:
        _status, html = self.request(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""

    def log_in(self) -> None:
        token = self.csrf("/accounts/login/")
        status, _ = self.request(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": "root", "password": PASSWORD},
        )
        assert status == 302, (status, _[-2000:])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        ITATRACK_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="itatrack.settings",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1:8000",  # production refuses to start without it
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        REDIS_URL="",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return done.stdout


@contextmanager
def installation(data_dir: Path) -> Iterator[tuple[str, int]]:
    """A migrated SQLite file with one organisation, served by gunicorn (2 workers) with the
    background worker polling beside it; yields the base URL and the assessment's pk."""
    env = _env(data_dir)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")  # DEBUG off serves the manifest
    assessment = int(re.search(r"ASSESSMENT (\d+)", _manage(env, "shell", "-c", SETUP)).group(1))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (data_dir / "server.log").open("w")
    server = subprocess.Popen(
        [str(gunicorn), "itatrack.wsgi", "--workers", "2", "--bind", f"fd://{listener.fileno()}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        pass_fds=[listener.fileno()],
    )
    listener.close()
    # The worker polls as often as it can: every poll is a write transaction.
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.05"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5)
                break
            except OSError:
                time.sleep(0.1)
        yield base, assessment
    finally:
        for process in (server, worker):
            process.terminate()
        for process in (server, worker):
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def write_for(base: str, assessment: int, seconds: float, tally: Tally, number: int) -> None:
    """One person saving in a loop: a user in the Django admin, the score grid, a memo."""
    browser = Browser(base)
    browser.log_in()
    org = f"/o/{SLUG}"
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
        token = browser.csrf(f"{org}/memos/")
        status, body = browser.request(
            f"{org}/memos/new/", {"csrfmiddlewaretoken": token, "kind": "general"}
        )
        tally.add("memo", status, body)
        token = browser.csrf("/django-admin/auth/user/add/")
        status, body = browser.request(
            "/django-admin/auth/user/add/",
            {
                "csrfmiddlewaretoken": token,
                "username": f"w{number}-{n}",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "usable_password": "true",
            },
        )
        tally.add("user", status, body)
        token = browser.csrf(f"{org}/assessments/{assessment}/scores/")
        status, body = browser.request(
            f"{org}/assessments/{assessment}/scores/",
            {"csrfmiddlewaretoken": token, "total": f"{80 + n % 10}.5", "level": "A"},
        )
        tally.add("grid", status, body)


def run(seconds: float = 10, writers: int = 6) -> tuple[Tally, dict[str, int]]:
    """writers people for seconds; returns the tally and what the database holds after."""
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        tally = Tally()
        with installation(data_dir) as (base, assessment):
            threads = [
                threading.Thread(target=write_for, args=(base, assessment, seconds, tally, i))
                for i in range(writers)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        tally.locked = (data_dir / "server.log").read_text().count("database is locked")
        tally.log = (data_dir / "server.log").read_text()
        counts = _manage(
            _env(data_dir),
            "shell",
            "-c",
            "from django.contrib.auth.models import User; from reports.models import Memo;"
            "print('KEPT', Memo.objects.count(), User.objects.count() - 1)",
        )
        memos, users = map(int, re.search(r"KEPT (\d+) (\d+)", counts).groups())
        return tally, {"memo": memos, "user": users}


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    writers = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    tally, kept = run(seconds, writers)
    print(f"{writers} writers × {seconds:g} s with the worker polling every 0.05 s")
    for key, count in sorted(tally.answers.items()):
        print(f"  {key}: {count}")
    print(f"  'database is locked' in the server's log: {tally.locked}")
    if "-v" in sys.argv:
        Path("/tmp/writers-server.log").write_text(tally.log)
    print(f"  saved (302) memo {tally.written['memo']}, user {tally.written['user']}")
    print(f"  kept in the database: memo {kept['memo']}, user {kept['user']}")

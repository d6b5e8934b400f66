"""Mixed authenticated traffic for `make bench`: staff and executives of generated bodies log in
and work (dashboard, plans, measures, memos, inbox, a follow-up now and then) while citizens
read public pages. The people and their objects come from LOAD_PEOPLE (a JSON file written by
manage.py bench_national), so nothing is looked up during the run."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, events, task

PEOPLE = json.loads(Path(os.environ["LOAD_PEOPLE"]).read_text(encoding="utf-8"))
NEXT = itertools.cycle(PEOPLE)
PASSWORD = os.environ["LOAD_PASSWORD"]
# Every response time with its phase, for the bench to tell the logins' crowding apart from
# steady work: "login" until the last of LOAD_USERS people has logged in, then "steady".
USERS = int(os.environ.get("LOAD_USERS", "0"))
TIMES_FILE = os.environ.get("LOAD_TIMES")
TIMES: list[tuple[str, str, float]] = []
LOGGED_IN = [0]


@events.request.add_listener
def _record(name: str, response_time: float, **_kw: object) -> None:
    phase = "steady" if USERS and LOGGED_IN[0] >= USERS else "login"
    TIMES.append((phase, name, response_time))


@events.quitting.add_listener
def _write(**_kw: object) -> None:
    if TIMES_FILE:
        Path(TIMES_FILE).write_text(json.dumps(TIMES), encoding="utf-8")


HEADERS = {"X-Forwarded-Proto": "https"}  # as the TLS proxy would send
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Member(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.person = next(NEXT)
        self.origin = self.host.replace("http://", "https://", 1)
        page = self.client.get("/accounts/login/", headers=HEADERS, name="login form")
        if not TOKEN.search(page.text):
            raise RuntimeError("the login page shows no form")
        self.submit(
            "/accounts/login/",
            {"username": self.person["username"], "password": PASSWORD},
            page.text,
            "login",
        )
        LOGGED_IN[0] += 1
        self.org = f"/o/{self.person['org']}"

    def submit(self, path: str, fields: dict[str, str], form_page: str, name: str) -> None:
        """Post a form the way a browser does; anything but the redirect after a successful
        post (the form shown again with errors, say) fails."""
        found = TOKEN.search(form_page)
        if not found:
            return
        with self.client.post(
            path,
            {**fields, "csrfmiddlewaretoken": found.group(1)},
            # Django checks the Referer of HTTPS posts, and the proxy says this is HTTPS.
            headers={**HEADERS, "Referer": f"{self.origin}{path}"},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{name} answered {response.status_code}")

    def page(self, path: str, name: str) -> None:
        """A page that must answer 200 itself: a redirect (to the login page, say) fails."""
        with self.client.get(
            path, headers=HEADERS, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{name} answered {response.status_code}")

    @task(3)
    def dashboard(self) -> None:
        self.page(f"{self.org}/dashboard/", "dashboard")

    @task(2)
    def plan(self) -> None:
        self.page(f"{self.org}/plans/{self.person['plan']}/", "plan")

    @task(2)
    def measure(self) -> None:
        self.page(f"{self.org}/measures/{random.choice(self.person['measures'])}/", "measure")

    @task(1)
    def memos(self) -> None:
        self.page(f"{self.org}/memos/", "memo list")
        self.page(f"{self.org}/memos/{self.person['memo']}/", "memo")

    @task(1)
    def inbox(self) -> None:
        self.page(f"{self.org}/memos/inbox/", "inbox")

    @task(2)
    def public(self) -> None:
        self.page(f"/p/{self.person['org']}/", "public page")

    @task(1)
    def follow_up(self) -> None:
        if not self.person["staff"]:
            return
        pk = random.choice(self.person["measures"])
        url = f"{self.org}/measures/{pk}/follow-ups/new/"
        form = self.client.get(url, headers=HEADERS, name="follow-up form", allow_redirects=False)
        self.submit(
            url,
            {
                "date": dt.date.today().isoformat(),
                "text": "รายงานความก้าวหน้าจากการทดสอบภาระงาน",
                "progress": "60",
                "links": "",
            },
            form.text,
            "follow-up save",
        )

"""Thai pages speak Thai: no English form labels, help texts, buttons or aria-labels on any
page of the site, for each kind of person. Words that are names (IIT, PDF, Excel, ITAS …),
addresses and file names are allowed; data typed by users is not checked."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from itatrack.models import Organization
from tests.test_isolation_matrix import site_urls
from tests.urlwalk import org_urls

NAMES = {
    "IIT", "EIT", "OIT", "ITA", "ITAS", "PDF", "Excel", "Word", "CSV", "XLSX", "URL", "QR",
    "PNG", "JPEG", "JPG", "Line", "Official", "itatrack", "NACC", "TOTP", "SHA", "HTML",
    "Google", "Authenticator", "Microsoft", "Enter", "Tab", "Paste", "Values", "ESC",
}  # fmt: skip
ENGLISH = re.compile(r"[A-Za-z]{3,}")
# Addresses, file names and extensions (.xlsx, .p12) are not words.
SKIP = re.compile(r"https?://\S*|\S*\.[A-Za-z0-9]{2,4}\b")
CHECKED_TAGS = {"label", "legend", "button", "summary"}
CHECKED_CLASSES = ("form-text", "invalid-feedback", "helptext")
CHECKED_ATTRIBUTES = ("aria-label", "placeholder")


class EnglishFinder(HTMLParser):
    """Collects (where, text) of interface text with English words in it."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str]] = []
        self.found: list[tuple[str, str]] = []
        self.choice_label_next = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in CHECKED_ATTRIBUTES:
            self._check(f"{tag}@{name}", values.get(name) or "")
        if tag == "input" and "data-choice-list" in values:
            # A box of a many-choice list: its label is data (an item's wording), like an
            # <option>'s text.
            self.choice_label_next = True
        if tag == "label" and self.choice_label_next:
            self.choice_label_next = False
            tag = "option"
        if tag not in {"input", "br", "img", "meta", "link", "hr"}:
            self.open.append((tag, values.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] not in (tag, "option" if tag == "label" else tag):
            pass

    def handle_data(self, data: str) -> None:
        tags = {tag for tag, _class in self.open}
        classes = " ".join(c for _tag, c in self.open)
        if tags & {"script", "style", "option", "select", "textarea"}:
            return
        if tags & CHECKED_TAGS or any(c in classes for c in CHECKED_CLASSES):
            self._check(self.open[-1][0], data)

    def _check(self, where: str, text: str) -> None:
        words = [w for w in ENGLISH.findall(SKIP.sub(" ", text)) if w not in NAMES]
        if words:
            self.found.append((where, " ".join(text.split())[:90]))


@pytest.fixture
def demo(frameworks):
    call_command("seed_demo", verbosity=0)
    return Organization.objects.get(slug="ban-tuayang")


def test_no_page_shows_english_labels_help_or_aria_labels(demo):
    users = get_user_model().objects
    staff = users.create_user("siteadmin", "site@example.org", "x", is_staff=True)
    people = [staff, users.get(username="orgadmin"), users.get(username="clerk"), None]
    urls = set(site_urls(demo).values()) | set(org_urls(demo))
    found: dict[tuple[str, str], str] = {}
    for person in people:
        client = Client(HTTP_ACCEPT_LANGUAGE="th")
        if person is not None:
            client.force_login(person)
        for url in sorted(urls):
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            finder = EnglishFinder()
            finder.feed(response.content.decode())
            for where, text in finder.found:
                found.setdefault((where, text), url)
    assert found == {}, "\n".join(f"{url}: <{w}> {t}" for (w, t), url in sorted(found.items()))

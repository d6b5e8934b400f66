"""Every page, as every persona sees it, writes its numbers in Thai digits: an Arabic digit in
the visible text of a Thai page is a bug, except in NACC codes (O25, I11), addresses (URLs,
e-mail) and what a person typed into a field. In English the same pages use Arabic digits."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.test_isolation_matrix import PERSONAS, demo, site_urls  # noqa: F401 (the fixture)

# Text that keeps Arabic digits: NACC codes and their ranges, web and mail addresses, file
# names with extensions, and the few technical names people read as words.
ALLOWED = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|[\w-]*\.(pdf|xlsx|csv|png|jpe?g|p12|pfx)\b"
    r"|\b[IEO]\d{1,3}(\s*[-–]\s*[IEO]?\d{1,3})?\b|\bSHA-256\b|\bUTF-8\b|\bA4\b",
    re.IGNORECASE,
)
SKIPPED_TAGS = {"script", "style", "textarea", "code", "pre", "noscript", "svg"}


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        for name, value in attrs:  # what screen readers and tooltips say
            if name in ("aria-label", "title", "placeholder") and value and not self.skipping:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def arabic_digits(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        text = ALLOWED.sub(" ", part)
        for match in re.finditer(r"\S*[0-9]\S*", text):
            found.append(match.group(0))
    return found


def in_context(html: str) -> list[str]:
    """The same, each with the words around it: what the failure shows."""
    parser = VisibleText()
    parser.feed(html)
    shown = []
    for part in parser.parts:
        text = " ".join(ALLOWED.sub(" ", part).split())
        for match in re.finditer(r"\S*[0-9]\S*", text):
            shown.append(text[max(0, match.start() - 25) : match.end() + 25])
    return shown


def test_the_checker_finds_arabic_digits_and_spares_codes_and_addresses():
    html = (
        "<p>คะแนน 105 ข้อ O25 และ I11–I15 https://a.example/x1 clerk1@example.org</p>"
        '<textarea>12</textarea><input value="31/03/2570"><span aria-label="เลื่อน 3">x</span>'
    )
    assert arabic_digits(html) == ["105", "3"]


@pytest.mark.parametrize("persona", [*(p for p in PERSONAS if p != "outsider"), "operator"])
def test_every_page_shows_thai_digits(demo, persona):  # noqa: F811
    client = Client()
    if persona == "operator":  # site staff: the frameworks' editor
        client.force_login(
            get_user_model().objects.create_user("operator", password="x" * 12, is_staff=True)
        )
    elif PERSONAS[persona]:
        client.force_login(get_user_model().objects.get(username=PERSONAS[persona]))
    wrong = {}
    for name, url in site_urls(demo).items():
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        found = in_context(response.content.decode())
        if found:
            wrong[name] = sorted(set(found))[:4]
    assert wrong == {}, "\n".join(f"{name}: {found}" for name, found in wrong.items())


def test_english_pages_use_arabic_digits_and_the_christian_era(demo):  # noqa: F811
    client = Client()
    client.force_login(get_user_model().objects.get(username="clerk"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/o/{demo.slug}/").content.decode()
    assert '<html lang="en">' in page
    parser = VisibleText()
    parser.feed(page)
    text = " ".join(parser.parts)
    text = " ".join(ALLOWED.sub(" ", text).split())
    found = [
        text[max(0, m.start() - 30) : m.end() + 30] for m in re.finditer("[\u0e50-\u0e59]+", text)
    ]
    assert found == [], "Thai digits on an English page"

"""Query discipline of the OIT pages: a year with evidence on every item costs the workspace,
the checklist, the export and the public ITA page no more queries than a year with one."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments.models import Item, Tool
from reports.oit import do_add_oit_evidence, do_check_oit_item, do_publish_oit_items
from tests.test_ita_public_views import png

YEAR = 2569
STAFF_PAGES = [
    f"/o/ban-thotsob/oit/{YEAR}/",
    f"/o/ban-thotsob/oit/{YEAR}/checklist/",
    f"/o/ban-thotsob/oit/{YEAR}/itas.csv",
    f"/o/ban-thotsob/oit/{YEAR}/itas.xlsx",
]
PUBLIC_PAGES = [f"/p/ban-thotsob/ita/{YEAR}/", f"/p/ban-thotsob/ita/{YEAR}/embed/"]


def evidence(personas, items: list[Item]) -> None:
    """Each item a file and two links, found ready by the reviewer, then published."""
    entries = []
    for item in items:
        links = [f"https://www.ban-thotsob.example.go.th/{item.code}/{n}" for n in (1, 2)]
        [first, *_] = do_add_oit_evidence(
            personas.org, item, files=[png()], links=links, actor=personas.clerk
        )
        entries.append(
            do_check_oit_item(first.entry, ready=True, comment="", actor=personas.reviewer)
        )
    do_publish_oit_items(personas.org, entries, actor=personas.clerk)


def counts(personas) -> dict[str, int]:
    clerk = personas.client_for(personas.clerk)
    found = {}
    for url in STAFF_PAGES + PUBLIC_PAGES:
        cache.clear()  # the public page's kept copy would cost nothing
        with CaptureQueriesContext(connection) as captured:
            response = (clerk if url in STAFF_PAGES else Client()).get(url)
        assert response.status_code == 200, url
        found[url] = len(captured)
    return found


@pytest.fixture
def measured(personas, frameworks):
    items = list(Item.objects.filter(framework__fiscal_year=YEAR, indicator__tool=Tool.OIT))
    evidence(personas, items[:1])
    counts(personas)  # the first visit records the active organisation in the session
    before = counts(personas)
    evidence(personas, items[1:9])
    return before, counts(personas)


def test_no_oit_page_issues_more_queries_as_items_gain_evidence(measured):
    before, after = measured
    assert {url: (before[url], n) for url, n in after.items() if n != before[url]} == {}


def test_every_oit_page_stays_within_twenty_queries(measured):
    _before, after = measured
    assert {url: n for url, n in after.items() if n > 20} == {}

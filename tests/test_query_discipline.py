"""Query discipline: no list or dashboard page issues more queries as its rows grow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from itatrack.models import Role
from measures.actions import (
    EvidenceInput,
    MeasureLinks,
    do_add_follow_up,
    do_save_measure,
    do_save_step,
)
from measures.models import Measure, MeasureStep
from reports.actions import do_create_memo, do_set_route, do_submit_memo
from reports.models import Memo, Verb
from reports.publishing import do_publish
from tests.conftest import make_member
from tests.memo_helpers import approved_memo, correction_of

PAGES = [
    "/o/ban-thotsob/",
    "/o/ban-thotsob/dashboard/",
    "/o/ban-thotsob/assessments/",
    "/o/ban-thotsob/plans/",
    "/o/ban-thotsob/plans/{plan}/",
    "/o/ban-thotsob/measures/mine/",
    "/o/ban-thotsob/measures/due/",
    "/o/ban-thotsob/memos/",
    "/o/ban-thotsob/memos/inbox/",
    "/o/ban-thotsob/members/",
    "/o/ban-thotsob/departments/",
    "/o/ban-thotsob/audit/",
    "/p/ban-thotsob/",
    "/p/ban-thotsob/embed/",
    "/p/ban-thotsob/documents.json",
]

ADMIN_PAGES = ("/members/", "/departments/", "/audit/")


def grow(personas, memo: Memo, n: int) -> None:
    """n more of everything the pages list: measures with owners, steps and follow-ups, memos
    waiting for the executive, members, published documents."""
    plan = memo.plan
    for i in range(n):
        measure = do_save_measure(
            Measure(plan=plan),
            {
                "title": f"มาตรการเพิ่มที่ {i}",
                "start_date": dt.date(2022, 10, 1),
                "end_date": dt.date(2023, 1, 31),
            },
            MeasureLinks(departments=[personas.department], owners=[personas.executive]),
            actor=None,
        )
        do_save_step(MeasureStep(measure=measure), {"text": "ขั้นตอน"}, actor=None)
        do_add_follow_up(
            measure,
            date=dt.date(2023, 1, 15),
            text="รายงานผล",
            progress=50,
            evidence=EvidenceInput(),
            actor=personas.clerk,
        )
        waiting = do_create_memo(
            personas.org,
            Memo.Kind.ANALYSIS,
            actor=personas.clerk,
            plan=plan,
            assessment=memo.assessment,
        )
        do_set_route(waiting, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
        do_submit_memo(waiting, actor=personas.clerk)
        make_member(personas.org, f"extra-{n}-{i}", Role.STAFF, f"นายเพิ่ม {i}", personas.department)
    do_publish(correction_of(personas, memo), actor=personas.admin, unsigned=True)


def count(client, url: str) -> int:
    """Queries of rendering url (the public pages' kept copies are dropped first: on_commit never
    fires inside a test's transaction, so they would be served stale and cost nothing)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def measured(personas):
    memo = approved_memo(personas, measures=1)
    do_publish(memo, actor=personas.admin, unsigned=True)
    grow(personas, memo, 1)  # one of everything first: an empty list skips its prefetches
    executive = personas.client_for(personas.executive)
    admin = personas.client_for(personas.admin)

    def counts() -> dict[str, int]:
        return {
            url: count(admin if url.endswith(ADMIN_PAGES) else executive, url)
            for url in (p.format(plan=memo.plan_id) for p in PAGES)
        }

    counts()  # a first visit records the active organisation in the session: not a row's cost
    before = counts()
    grow(personas, memo, 6)
    return before, counts()


def test_no_listed_page_issues_more_queries_as_its_rows_grow(measured):
    before, after = measured
    grew = {url: (before[url], after[url]) for url in before if after[url] != before[url]}
    assert grew == {}


def test_every_listed_page_stays_within_twenty_queries(measured):
    _before, after = measured
    assert {url: n for url, n in after.items() if n > 20} == {}

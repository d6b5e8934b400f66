"""The organisation dashboard: the result at a glance, measures by status, what is late."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from itatrack.insight import dashboard
from measures.actions import MeasureLinks, do_save_measure
from measures.models import Measure
from tests.memo_helpers import plan_with_measures

URL = "/o/ban-thotsob/dashboard/"


def add_overdue(plan, n: int) -> None:
    for i in range(n):
        do_save_measure(
            Measure(plan=plan),
            {
                "title": f"มาตรการเลยกำหนดที่ {i}",
                "start_date": dt.date(2022, 10, 1),
                "end_date": dt.date(2023, 1, 31),
            },
            MeasureLinks(),
            actor=None,
        )


def queries(client) -> int:
    client.get(URL)  # the first visit records the active organisation in the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_it_shows_the_latest_score_level_and_charts(personas):
    plan = plan_with_measures(personas.org, 2)
    page = personas.client_for(personas.executive).get(URL).content.decode()
    assessment = plan.assessment
    assessment.refresh_from_db()
    assert "ผลการประเมิน ITA ปี ๒๕๖๕" in page
    assert "๘๖.๔๑" in page and ">A<" in page
    assert page.count("<svg") >= 2  # the indicator chart and the status bar
    assert "มาตรการตามสถานะ" in page and "ทั้งหมด ๒ มาตรการ" in page


def test_it_lists_overdue_measures(personas):
    plan = plan_with_measures(personas.org, 1)
    add_overdue(plan, 1)
    page = personas.client_for(personas.clerk).get(URL).content.decode()
    assert "มาตรการเลยกำหนดที่ 0" in page


def test_it_guides_an_organisation_without_results(personas):
    page = personas.client_for(personas.clerk).get(URL).content.decode()
    assert "ยังไม่มีผลการประเมินที่บันทึกคะแนนแล้ว" in page
    assert "ยังไม่มีแผนมาตรการ" in page


def test_it_returns_another_organisations_dashboard_as_404(personas):
    assert personas.client_for(personas.outsider).get(URL).status_code == 404


def test_its_query_count_does_not_grow_with_the_rows(personas):
    plan = plan_with_measures(personas.org, 2)
    client = personas.client_for(personas.executive)
    few = queries(client)
    add_overdue(plan, 15)
    many = queries(client)
    assert few == many
    assert many <= 20


def test_the_status_bar_adds_up_to_its_full_length(personas):
    plan = plan_with_measures(personas.org, 3)
    add_overdue(plan, 1)
    board = dashboard.build(personas.org, personas.clerk)
    assert board.measure_total == 4
    assert round(sum(s.width for s in board.by_status), 6) == 300
    assert sum(s.count for s in board.by_status) == 4


def test_a_second_visit_does_not_write_the_session_again(personas):
    client = personas.client_for(personas.executive)
    client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        client.get(URL)
    assert not [q for q in captured if "django_session" in q["sql"] and "UPDATE" in q["sql"]]

"""A yearly results table pasted onto the plan's measures: rows matched by number and title,
issue-area rows read as areas, results become follow-ups and outcomes the measure's outcome;
pasting twice adds nothing twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from itatrack.models import AuditEvent
from measures.actions import MeasureLinks, do_save_measure
from measures.models import FollowUp, Measure
from measures.results_paste import parse
from tests.measure_helpers import DATA, make_plan

TITLES = [
    "ปรับปรุงเว็บไซต์ของเทศบาลให้เป็นปัจจุบัน",
    "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี",
    "ประชุมชี้แจงแนวทางป้องกันผลประโยชน์ทับซ้อน",
    "จัดอบรมคุณธรรมจริยธรรมประจำปี",
]


def table() -> str:
    return (DATA / "results-table-annex.txt").read_text(encoding="utf-8")


@pytest.fixture
def plan(personas, frameworks):
    plan = make_plan(personas.org)
    for title in TITLES:
        do_save_measure(Measure(plan=plan), {"title": title}, MeasureLinks(), actor=None)
    return plan


def url(plan):
    return reverse("plan_results_paste", args=[plan.organization.slug, plan.pk])


def test_each_row_finds_its_measure_and_area_rows_are_not_measures(plan):
    preview = parse(table(), plan)
    assert preview.problems == []
    assert [r.measure.title for r in preview.rows] == TITLES
    assert preview.rows[0].area.startswith("ประเด็นที่ ๑")
    assert preview.rows[2].area.startswith("ประเด็นที่ ๒")
    assert preview.rows[0].results == "๑. แต่งตั้งผู้ดูแลข้อมูลประจำกองแล้ว\n๒. ปรับปรุงข้อมูล ๔๒ รายการ"
    assert (preview.follow_up_count, preview.outcome_count) == (4, 3)
    assert preview.ok


def test_a_row_whose_number_and_title_disagree_is_asked(plan):
    swapped = table().replace("๑. ปรับปรุงเว็บไซต์", "๓. ปรับปรุงเว็บไซต์")
    preview = parse(swapped, plan)
    first = preview.rows[0]
    assert first.measure is not None and first.measure.title == TITLES[0]  # the title wins
    unknown = table().replace("จัดอบรมคุณธรรมจริยธรรมประจำปี", "กิจกรรมที่แผนไม่มี")
    asked = parse(unknown, plan).rows[-1]
    assert asked.measure is None and asked.problems and asked.candidates
    assert not parse(unknown, plan).ok


def test_confirming_saves_follow_ups_and_outcomes_once(personas, plan):
    client = personas.client_for(personas.clerk)
    data = {"text": table(), "date": "30/09/2566", "progress": "100"}
    preview = client.post(url(plan), {**data, "preview": "1"}).content.decode()
    assert "จะเพิ่มผลการดำเนินการ ๔ รายการ · ผลลัพธ์ ๓ มาตรการ" in preview
    assert not FollowUp.objects.exists()
    response = client.post(url(plan), {**data, "confirm": "1"})
    assert response.status_code == 302
    first = Measure.objects.get(plan=plan, title=TITLES[0])
    follow_up = first.follow_ups.get()
    assert follow_up.date == dt.date(2023, 9, 30) and follow_up.progress == 100
    assert follow_up.text.endswith("ปรับปรุงข้อมูล ๔๒ รายการ")
    assert first.outcome_text == "ประชาชนเข้าถึงข้อมูลได้ครบถ้วน"
    assert AuditEvent.objects.get(verb="measure.results_import").data == {
        "follow_ups": 4,
        "outcomes": 3,
    }
    again = client.post(url(plan), {**data, "preview": "1"}).content.decode()
    assert "จะเพิ่มผลการดำเนินการ ๐ รายการ · ผลลัพธ์ ๐ มาตรการ" in again
    assert "ยืนยันบันทึกผล" not in again
    assert FollowUp.objects.count() == 4


def test_choosing_the_measure_of_an_unsure_row_lets_it_be_saved(personas, plan):
    unknown = table().replace("จัดอบรมคุณธรรมจริยธรรมประจำปี", "กิจกรรมที่แผนไม่มี")
    row = parse(unknown, plan).rows[-1]
    target = Measure.objects.get(plan=plan, title=TITLES[3])
    client = personas.client_for(personas.clerk)
    client.post(
        url(plan),
        {
            "text": unknown,
            "date": "30/09/2566",
            "progress": "100",
            f"resolve_{row.key}": str(target.pk),
            "confirm": "1",
        },
    )
    assert target.follow_ups.get().text == "อบรมแล้ว ๖๐ คน"


def test_a_table_without_a_results_column_says_what_is_missing(plan):
    preview = parse("มาตรการ\tผู้รับผิดชอบ\nประชุม\tกองคลัง\n", plan)
    assert preview.problems and "ผลการดำเนินการ" in preview.problems[0]


def test_reviewers_cannot_paste_results(personas, plan):
    assert personas.client_for(personas.reviewer).get(url(plan)).status_code == 403

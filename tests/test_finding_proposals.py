"""The proposals from a result: every weak indicator and question, and a reason when none."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.actions import do_propose_findings, do_save_scores
from assessments.models import Finding
from assessments.scoresheet import ItemValue, ScoreSheet
from tests.assessment_helpers import framework, make_assessment


def indicators_only(year: int, scores: dict[int, str]) -> ScoreSheet:
    """What a clerk types from NACC's summary page: indicator scores, no questions."""
    sheet = ScoreSheet(total=Decimal("84.10"), level="B")
    for indicator in framework(year).indicators.all():
        sheet.indicators[indicator.number] = Decimal(scores.get(indicator.number, "92.00"))
    return sheet


@pytest.fixture
def this_year(personas, frameworks):
    return make_assessment(personas.org, 2565)


def test_it_proposes_a_weakness_for_every_indicator_below_the_mark_without_questions(this_year):
    do_save_scores(
        this_year, indicators_only(2565, {3: "71.20", 6: "84.99", 9: "60.00"}), actor=None
    )
    proposals = do_propose_findings(this_year, actor=None)
    assert sorted(f.indicator.number for f in proposals) == [3, 6, 9]
    assert all(f.kind == Finding.Kind.URGENT for f in proposals)
    three = next(f for f in proposals if f.indicator.number == 3)
    assert "ได้ ๗๑.๒๐ คะแนน ต่ำกว่าเกณฑ์ ๘๕ คะแนน" in three.text


def test_it_proposes_to_improve_an_indicator_that_passed_but_fell_from_last_year(
    personas, this_year
):
    last_year = make_assessment(personas.org, 2564)
    do_save_scores(last_year, indicators_only(2564, {5: "97.50"}), actor=None)
    do_save_scores(this_year, indicators_only(2565, {5: "90.25"}), actor=None)
    (finding,) = do_propose_findings(this_year, actor=None)
    assert finding.indicator.number == 5 and finding.kind == Finding.Kind.IMPROVE
    assert "ผ่านเกณฑ์ ๘๕ คะแนน" in finding.text
    assert "ลดลงจากปีก่อน (๙๗.๕๐ คะแนน) ๗.๒๕ คะแนน" in finding.text


def test_it_names_a_question_that_fell_from_last_year_though_above_the_mark(personas, this_year):
    last_year = make_assessment(personas.org, 2564)
    before = indicators_only(2564, {})
    before.items["I3"] = ItemValue(score=Decimal("98.00"))
    do_save_scores(last_year, before, actor=None)
    now = indicators_only(2565, {})
    now.items["I3"] = ItemValue(score=Decimal("88.00"))
    do_save_scores(this_year, now, actor=None)
    (finding,) = do_propose_findings(this_year, actor=None)
    assert finding.kind == Finding.Kind.IMPROVE
    assert "ข้อ I3" in finding.text and "(ปีก่อน ๙๘.๐๐)" in finding.text
    assert [i.code for i in finding.items.all()] == ["I3"]


def _propose(personas, assessment) -> str:
    response = personas.client_for(personas.clerk).post(
        reverse("finding_propose", args=[personas.org.slug, assessment.pk]), follow=True
    )
    return response.content.decode()


def test_it_says_scores_are_missing_when_there_are_none(personas, this_year):
    page = _propose(personas, this_year)
    assert "ยังไม่มีคะแนนรายตัวชี้วัด กรุณาบันทึกหรือนำเข้าคะแนนก่อน" in page


def test_it_says_every_indicator_passed_when_there_is_nothing_to_propose(personas, this_year):
    do_save_scores(this_year, indicators_only(2565, {}), actor=None)
    page = _propose(personas, this_year)
    assert "ทุกตัวชี้วัดได้คะแนนตั้งแต่ ๘๕ คะแนนขึ้นไปและไม่ลดลงจากปีก่อน" in page
    assert not Finding.objects.exists()


def test_it_says_which_indicators_are_settled_when_it_proposes_nothing_again(personas, this_year):
    do_save_scores(this_year, indicators_only(2565, {2: "70.00"}), actor=None)
    (finding,) = do_propose_findings(this_year, actor=None)
    finding.state = Finding.State.CONFIRMED
    finding.save()
    page = _propose(personas, this_year)
    assert "(ตัวชี้วัดที่ ๒) มีข้อค้นพบประเภทเดียวกันที่ยืนยันหรือนำออกแล้ว" in page


def test_the_clerk_confirms_the_ticked_proposals_at_once(personas, this_year):
    from itatrack.models import AuditEvent

    do_save_scores(
        this_year, indicators_only(2565, {1: "70.00", 2: "72.00", 9: "60.00"}), actor=None
    )
    proposals = do_propose_findings(this_year, actor=None)
    assert len(proposals) >= 3
    url = reverse("finding_list", args=[personas.org.slug, this_year.pk])
    client = personas.client_for(personas.clerk)
    assert "ยืนยันที่เลือก" in client.get(url).content.decode()
    ticked = [str(f.pk) for f in proposals[:2]]
    response = client.post(
        reverse("finding_confirm_many", args=[personas.org.slug, this_year.pk]),
        {"findings": ticked},
        follow=True,
    )
    assert "ยืนยันข้อค้นพบ ๒ รายการแล้ว" in response.content.decode()
    states = dict(this_year.findings.values_list("pk", "state"))
    assert [states[int(pk)] for pk in ticked] == ["confirmed", "confirmed"]
    assert states[proposals[2].pk] == "proposed"
    assert AuditEvent.objects.get(verb="finding.confirm_many").data["count"] == 2
    nothing = client.post(
        reverse("finding_confirm_many", args=[personas.org.slug, this_year.pk]), follow=True
    )
    assert "อย่างน้อยหนึ่งรายการ" in nothing.content.decode()

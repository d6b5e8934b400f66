"""Scores that check themselves: tool scores derived from the indicators with the year's
weights, the total from the tools, warnings (never refusals) when what was typed disagrees,
an import's blank total filled or said to be missing, and a finding's questions kept to its
indicator."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Assessment, Finding
from assessments.scoresheet import ScoreSheet, fill_blanks, warnings
from assessments.scoring import tool_scores_from_indicators
from tests.assessment_helpers import filled_xlsx, framework, make_assessment, sample_sheet

D = Decimal


def iit(*scores: str) -> dict[int, Decimal]:
    return {n: D(s) for n, s in enumerate(scores, start=1)}


def test_a_tool_is_the_mean_of_its_indicators_when_the_year_has_no_weights(frameworks):
    derived = tool_scores_from_indicators(framework(2566), iit("80", "82", "84", "86", "88"))
    assert derived["IIT"].score == D("84.00") and derived["IIT"].equal_weights
    assert "EIT" not in derived  # its indicators are still blank


def test_a_tool_uses_the_years_indicator_weights(frameworks):
    fw = framework(2564)
    fw.indicators.filter(number=9).update(weight=D("70"))
    fw.indicators.filter(number=10).update(weight=D("30"))
    derived = tool_scores_from_indicators(fw, {9: D("90.00"), 10: D("60.00")})
    assert derived["OIT"].score == D("81.00") and not derived["OIT"].equal_weights


def test_it_warns_when_a_typed_tool_score_disagrees_with_its_indicators(frameworks):
    sheet = ScoreSheet(tools={"IIT": D("88.40")}, indicators=iit("80", "82", "84", "86", "88"))
    assert warnings(framework(2566), sheet) == [
        "คะแนน IIT ที่กรอก (๘๘.๔๐) ต่างจากคะแนนที่คำนวณจากตัวชี้วัด (๘๔.๐๐) "
        "โดยถือว่าทุกตัวชี้วัดมีน้ำหนักเท่ากัน เพราะกรอบปีนี้ยังไม่มีน้ำหนักตัวชี้วัด"
    ]


def test_a_rounding_step_is_not_a_disagreement(frameworks):
    sheet = ScoreSheet(
        tools={"IIT": D("84.01")}, indicators=iit("80.01", "82.01", "84.01", "86.01", "88.02")
    )
    assert warnings(framework(2566), sheet) == []


def test_the_total_is_checked_against_tools_derived_from_indicators(frameworks):
    # 2564 weighs IIT 30 / EIT 30 / OIT 40; no tool score typed, all indicators typed.
    indicators = {**iit("90", "90", "90", "90", "90"), 6: D(80), 7: D(80), 8: D(80)}
    indicators |= {9: D(70), 10: D(70)}
    sheet = ScoreSheet(total=D("90.00"), indicators=indicators)
    assert warnings(framework(2564), sheet) == [
        "คะแนนรวม ๙๐.๐๐ ต่างจากผลรวมถ่วงน้ำหนักของเครื่องมือ (๗๙.๐๐)"
    ]
    sheet.total = D("79.00")
    assert warnings(framework(2564), sheet) == []


def test_a_typo_in_the_total_is_caught_even_when_small(frameworks):
    tools = {"IIT": D("80"), "EIT": D("80"), "OIT": D("80")}
    assert warnings(framework(2564), ScoreSheet(total=D("80.30"), tools=tools)) != []


def test_a_blank_total_is_filled_from_the_years_weights_and_said(frameworks):
    sheet = ScoreSheet(tools={"IIT": D("90"), "EIT": D("80"), "OIT": D("70")})
    said = fill_blanks(framework(2564), sheet)
    assert sheet.total == D("79.00")
    assert said == ["คะแนนรวมว่างในไฟล์ ระบบคำนวณจากคะแนนเครื่องมือตามน้ำหนักของปี ๒๕๖๔ ได้ ๗๙.๐๐"]


def test_a_blank_total_without_the_years_weights_is_said_to_be_missing(frameworks):
    sheet = ScoreSheet(tools={"IIT": D("90"), "EIT": D("80"), "OIT": D("70")})
    said = fill_blanks(framework(2568), sheet)
    assert sheet.total is None
    assert said == [
        "ไม่มีคะแนนรวมในไฟล์ และคำนวณไม่ได้เพราะยังไม่ทราบน้ำหนักของเครื่องมือ IIT/EIT/OIT "
        "ของปี ๒๕๖๘ กรุณากรอกคะแนนรวมตามที่ ป.ป.ช. ประกาศ"
    ]


def test_a_blank_total_of_a_year_with_published_weights_is_filled(frameworks):
    sheet = ScoreSheet(tools={"IIT": D("90"), "EIT": D("80"), "OIT": D("70")})
    fill_blanks(framework(2566), sheet)
    assert sheet.total == D("79.00")  # 90 × 30 % + 80 × 30 % + 70 × 40 %


def test_a_blank_tool_score_is_filled_from_its_indicators(frameworks):
    sheet = ScoreSheet(total=D("80"), indicators=iit("80", "82", "84", "86", "88"))
    said = fill_blanks(framework(2566), sheet)
    assert sheet.tools["IIT"] == D("84.00")
    assert said == ["คะแนน IIT ว่างในไฟล์ ระบบคำนวณจากตัวชี้วัดได้ ๘๔.๐๐"]


@pytest.fixture
def assessment(personas, frameworks):
    return make_assessment(personas.org, 2564)


def test_an_xlsx_with_the_total_left_blank_is_filled_on_import(personas, assessment):
    sheet = sample_sheet(framework(2564))
    sheet.total = None
    client = personas.client_for(personas.clerk)
    url = reverse("import_upload", args=[personas.org.slug, assessment.pk])
    content = filled_xlsx(framework(2564), sheet)
    page = unescape(
        client.post(url, {"file": SimpleUploadedFile("ita.xlsx", content)}).content.decode()
    )
    # 0.3 × 88.10 + 0.3 × 84.95 + 0.4 × 86.05 = 86.335 → 86.34
    assert "คะแนนรวมว่างในไฟล์ ระบบคำนวณจากคะแนนเครื่องมือตามน้ำหนักของปี ๒๕๖๔ ได้ ๘๖.๓๔" in page
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    client.post(
        reverse("import_confirm", args=[personas.org.slug, assessment.pk]), {"token": token}
    )
    assert Assessment.objects.get(pk=assessment.pk).total_score == D("86.34")


def test_the_assessment_page_shows_the_disagreement(personas, assessment):
    from assessments.actions import do_save_scores

    sheet = ScoreSheet(tools={"IIT": D("88.40")}, indicators=iit("80", "82", "84", "86", "88"))
    do_save_scores(assessment, sheet, actor=None)
    page = personas.client_for(personas.clerk).get(
        reverse("assessment_detail", args=[personas.org.slug, assessment.pk])
    )
    assert "คะแนน IIT ที่กรอก (๘๘.๔๐) ต่างจากคะแนนที่คำนวณจากตัวชี้วัด (๘๔.๐๐)" in (page.content.decode())


def test_a_finding_cannot_cite_questions_of_another_indicator(personas, assessment):
    fw = framework(2564)
    response = personas.client_for(personas.clerk).post(
        reverse("finding_create", args=[personas.org.slug, assessment.pk]),
        {
            "indicator": fw.indicators.get(number=4).pk,
            "kind": "urgent",
            "text": "เจ้าหน้าที่ยังนำทรัพย์สินของราชการไปใช้ส่วนตัว",
            "items": [fw.items.get(code="I1").pk, fw.items.get(code="I20").pk],
        },
    )
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "ข้อคำถาม/รายการ I1 (ตัวชี้วัดที่ ๑) ไม่อยู่ในตัวชี้วัดที่ ๔" in page
    assert "เจ้าหน้าที่ยังนำทรัพย์สินของราชการไปใช้ส่วนตัว" in page  # nothing typed is lost
    assert not Finding.objects.filter(assessment=assessment).exists()


def test_a_finding_citing_its_own_indicators_questions_is_saved(personas, assessment):
    fw = framework(2564)
    personas.client_for(personas.clerk).post(
        reverse("finding_create", args=[personas.org.slug, assessment.pk]),
        {
            "indicator": fw.indicators.get(number=4).pk,
            "kind": "urgent",
            "text": "ยังนำทรัพย์สินไปใช้",
            "items": [fw.items.get(code="I20").pk],
        },
    )
    finding = Finding.objects.get(assessment=assessment)
    assert [i.code for i in finding.items.all()] == ["I20"]

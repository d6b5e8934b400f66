from __future__ import annotations

from decimal import Decimal

import pytest

from assessments.scoresheet import ScoreError, ScoreSheet, parse_passed, parse_score, warnings
from tests.assessment_helpers import framework


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("85.15", Decimal("85.15")),
        ("๘๕.๑๕", Decimal("85.15")),
        (" 100 ", Decimal("100.00")),
        ("๑๐๐", Decimal("100.00")),
        ("0", Decimal("0.00")),
        (92, Decimal("92.00")),
        (33.33, Decimal("33.33")),
        ("8 5.5", Decimal("85.50")),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_scores_in_thai_or_arabic_digits(raw, value):
    assert parse_score(raw) == value


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("แปดสิบ", "'แปดสิบ' ไม่ใช่ตัวเลข"),
        ("100.01", "คะแนน 100.01 อยู่นอกช่วง ๐–๑๐๐"),
        ("-1", "คะแนน -1 อยู่นอกช่วง ๐–๑๐๐"),
        ("85.155", "คะแนน 85.155 มีทศนิยมเกิน ๒ ตำแหน่ง"),
        ("=AVERAGE(C2:C7)", "มีสูตร"),
        ("NaN", "อยู่นอกช่วง"),
    ],
)
def test_it_refuses_bad_scores_with_a_thai_message(raw, message):
    with pytest.raises(ScoreError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_score(raw)


def test_it_reads_pass_and_fail_in_thai_and_english():
    assert parse_passed("ผ่าน") is True
    assert parse_passed(" ไม่ผ่าน ") is False
    assert parse_passed("Fail") is False
    assert parse_passed("") is None
    with pytest.raises(ScoreError, match="ต้องเป็น ผ่าน หรือ ไม่ผ่าน"):
        parse_passed("อาจจะ")


def test_it_warns_when_the_total_is_far_from_the_weighted_tools(frameworks):
    sheet = ScoreSheet(
        total=Decimal("90.00"),
        level="A",
        tools={"IIT": Decimal("80"), "EIT": Decimal("80"), "OIT": Decimal("80")},
    )
    found = warnings(framework(2564), sheet)
    assert found == ["คะแนนรวม ๙๐.๐๐ ต่างจากผลรวมถ่วงน้ำหนักของเครื่องมือ (๘๐.๐๐)"]


def test_it_warns_when_the_official_level_differs_from_the_band(frameworks):
    sheet = ScoreSheet(total=Decimal("84.99"), level="A")
    assert warnings(framework(2566), sheet)[-1] == "ระดับที่ประกาศ (A) ไม่ตรงกับระดับตามช่วงคะแนน (B)"


def test_it_says_plainly_that_a_total_cannot_be_checked_without_the_years_weights(frameworks):
    sheet = ScoreSheet(
        total=Decimal("90.00"),
        level="A",
        tools={"IIT": Decimal("10"), "EIT": Decimal("10"), "OIT": Decimal("10")},
    )
    assert warnings(framework(2568), sheet) == [
        "ตรวจคะแนนรวม ๙๐.๐๐ กับคะแนนรายเครื่องมือไม่ได้ เพราะกรอบการประเมินปี ๒๕๖๘ ยังไม่มีน้ำหนัก"
        "ของเครื่องมือ IIT/EIT/OIT (ผู้ดูแลระบบกำหนดได้ที่หน้ากรอบการประเมิน)"
    ]


def test_a_mistyped_total_of_a_year_with_published_weights_is_caught(frameworks):
    tools = {"IIT": Decimal("81.86"), "EIT": Decimal("82.25"), "OIT": Decimal("69.05")}
    sheet = ScoreSheet(total=Decimal("52.10"), tools=tools)
    assert warnings(framework(2566), sheet) == [
        "คะแนนรวม ๕๒.๑๐ ต่างจากผลรวมถ่วงน้ำหนักของเครื่องมือ (๗๖.๘๕)"
    ]


def test_it_warns_when_an_indicator_is_far_from_its_questions(frameworks):
    from assessments.scoresheet import ItemValue

    fw = framework(2564)
    codes = list(fw.items.filter(indicator__number=1).values_list("code", flat=True))
    sheet = ScoreSheet(
        indicators={1: Decimal("70.00")},
        items={code: ItemValue(score=Decimal("88.52")) for code in codes},
    )
    assert warnings(fw, sheet) == [
        f"คะแนนตัวชี้วัดที่ ๑ (๗๐.๐๐) ต่างจากค่าเฉลี่ยของข้อคำถาม {to_thai(len(codes))} ข้อ "
        "(๘๘.๕๒) มาก ตรวจว่ากรอกถูกหรือไม่"
    ]
    close = ScoreSheet(
        indicators={1: Decimal("86.00")},
        items={code: ItemValue(score=Decimal("88.52")) for code in codes},
    )
    assert warnings(fw, close) == []


def to_thai(n: int) -> str:
    from itatrack.thai import to_thai_digits

    return to_thai_digits(n)


def test_a_sheet_survives_the_session_round_trip(frameworks):
    from tests.assessment_helpers import sample_sheet

    sheet = sample_sheet(framework(2564))
    assert ScoreSheet.from_json(sheet.as_json()) == sheet

"""itatrack.thai against phrases taken from real documents (tests/data, names invented)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from itatrack import thai

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def sample_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt")))


def in_samples(sample_text: str, phrase: str) -> str:
    assert phrase in sample_text, f"{phrase!r} is not in the samples; the test would be made up"
    return phrase


# --- digits ----------------------------------------------------------------------------------


def test_it_converts_digits_both_ways_and_keeps_other_characters():
    assert thai.to_thai_digits("ที่ 52406/16") == "ที่ ๕๒๔๐๖/๑๖"
    assert thai.to_arabic_digits("ชก ๗๙๕๐๑ / ๓๑๕") == "ชก 79501 / 315"
    assert thai.to_thai_digits(2566) == "๒๕๖๖"
    assert thai.to_thai_digits(None) == ""


def test_it_writes_only_real_thai_digit_code_points():
    text = thai.to_thai_digits("0123456789")
    assert [ord(c) for c in text] == list(range(0x0E50, 0x0E5A))


def test_it_formats_the_score_as_the_analysis_memo_does(sample_text):
    # "ภาพรวมได้คะแนนอยู่ที่ ๘๕.๑๕"
    phrase = in_samples(sample_text, "ภาพรวมได้คะแนนอยู่ที่ ๘๕.๑๕")
    assert phrase.endswith(thai.thai_number(Decimal("85.15")))
    assert thai.thai_number(1200) == "๑,๒๐๐.๐๐"
    assert thai.thai_number(95, 0, thai_digits=False) == "95"


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("วันที่ ๒๙ มีนาคม ๒๕๖๖", dt.date(2023, 3, 29)),
        ("วันที่ ๒๘ กุมภาพันธ์ ๒๕๖๓", dt.date(2020, 2, 28)),
        ("วันที่ ๒๓ มกราคม ๒๕๖๑", dt.date(2018, 1, 23)),
        ("วันที่ ๘ ธันวาคม ๒๕๖๓", dt.date(2020, 12, 8)),
    ],
)
def test_it_writes_memo_dates_as_the_samples_do(sample_text, phrase, day):
    in_samples(sample_text, phrase)
    assert phrase.endswith(thai.thai_date(day))


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("ลงวันที่ ๑๗ ตุลาคม 2๕๖๒", dt.date(2019, 10, 17)),  # mixed Thai and Arabic digits
        ("เมื่อวันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖", dt.date(2023, 2, 14)),
        ("13 ธันวาคม พ.ศ.2566", dt.date(2023, 12, 13)),
        ("14 กุมภาพันธ์ 2566", dt.date(2023, 2, 14)),
    ],
)
def test_it_reads_dates_from_sample_sentences(sample_text, phrase, day):
    assert thai.parse_thai_date(in_samples(sample_text, phrase)) == day


def test_it_returns_none_for_text_without_a_date_or_with_an_impossible_one():
    assert thai.parse_thai_date("ตามมาตรการส่งเสริมคุณธรรม") is None
    assert thai.parse_thai_date("๓๑ กุมภาพันธ์ ๒๕๖๖") is None


def test_it_writes_full_and_abbreviated_buddhist_era_dates():
    assert thai.thai_date(dt.date(2026, 4, 28)) == "๒๘ เมษายน ๒๕๖๙"
    assert thai.thai_date_abbr(dt.date(2022, 12, 9)) == "๙ ธ.ค. ๖๕"
    assert thai.thai_date(dt.date(2026, 4, 28), thai_digits=False) == "28 เมษายน 2569"
    assert thai.thai_date(None) == ""


# --- fiscal year -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "fy", "quarter"),
    [
        (dt.date(2022, 9, 30), 2565, 4),
        (dt.date(2022, 10, 1), 2566, 1),
        (dt.date(2022, 12, 31), 2566, 1),
        (dt.date(2023, 1, 1), 2566, 2),
        (dt.date(2023, 4, 1), 2566, 3),
        (dt.date(2023, 7, 1), 2566, 4),
        (dt.date(2023, 9, 30), 2566, 4),
    ],
)
def test_it_places_a_date_in_its_fiscal_year_and_quarter_at_the_edges(day, fy, quarter):
    assert thai.fiscal_year(day) == fy
    assert thai.fiscal_quarter(day) == quarter


def test_it_gives_the_first_and_last_day_of_a_fiscal_year_and_its_quarters():
    assert thai.fiscal_year_bounds(2566) == (dt.date(2022, 10, 1), dt.date(2023, 9, 30))
    assert thai.quarter_bounds(2566, 1) == (dt.date(2022, 10, 1), dt.date(2022, 12, 31))
    assert thai.quarter_bounds(2566, 2) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    assert thai.quarter_bounds(2568, 4) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    with pytest.raises(ValueError):
        thai.quarter_bounds(2566, 5)


def test_it_handles_the_leap_day_in_quarter_two():
    assert thai.quarter_bounds(2567, 2) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert thai.parse_period("ก.พ. ๖๗ - ก.พ. ๖๗") == thai.Period(
        dt.date(2024, 2, 1), dt.date(2024, 2, 29)
    )


# --- period phrases --------------------------------------------------------------------------


def test_it_writes_a_whole_fiscal_year_as_the_analysis_memo_does(sample_text):
    phrase = in_samples(sample_text, "ตลอดปีงบประมาณ 2566")
    start, end = thai.fiscal_year_bounds(2566)
    assert thai.period_phrase(start, end, thai_digits=False) == phrase
    assert thai.period_phrase(start, end) == "ตลอดปีงบประมาณ ๒๕๖๖"
    assert thai.parse_period(phrase) == thai.Period(start, end)


def test_it_reads_and_rewrites_a_month_span_from_the_sample(sample_text):
    phrase = in_samples(sample_text, "ก.พ.-มี.ค.66")
    period = thai.parse_period(phrase)
    assert period == thai.Period(dt.date(2023, 2, 1), dt.date(2023, 3, 31))
    assert thai.period_phrase(period.start, period.end) == "ก.พ. – มี.ค. ๖๖"


def test_it_reads_quarter_spans_from_the_sample_within_a_fiscal_year(sample_text):
    phrase = in_samples(sample_text, "ไตรมาส 2-4")
    period = thai.parse_period(phrase, fiscal_year_be=2566)
    assert period == thai.Period(dt.date(2023, 1, 1), dt.date(2023, 9, 30))
    assert thai.period_phrase(period.start, period.end, style="quarters") == "ไตรมาส ๒–๔"
    assert thai.parse_period(phrase) is None  # a quarter means nothing without its year


@pytest.mark.parametrize(
    ("start", "end", "style", "expected"),
    [
        (dt.date(2023, 1, 1), dt.date(2023, 3, 31), "auto", "ม.ค. – มี.ค. ๖๖"),
        (dt.date(2022, 10, 1), dt.date(2023, 3, 31), "auto", "ต.ค. ๖๕ – มี.ค. ๖๖"),
        (dt.date(2023, 5, 1), dt.date(2023, 5, 31), "auto", "พ.ค. ๖๖"),
        (dt.date(2024, 10, 1), dt.date(2025, 9, 30), "auto", "ตลอดปีงบประมาณ ๒๕๖๘"),
        (dt.date(2024, 10, 1), dt.date(2025, 6, 30), "full", "ตุลาคม ๒๕๖๗ – มิถุนายน ๒๕๖๘"),
        (dt.date(2023, 1, 1), dt.date(2023, 3, 31), "quarters", "ไตรมาส ๒"),
        (dt.date(2023, 1, 15), dt.date(2023, 3, 31), "quarters", "ม.ค. – มี.ค. ๖๖"),
    ],
)
def test_it_writes_period_phrases_the_documents_way(start, end, style, expected):
    assert thai.period_phrase(start, end, style=style) == expected


def test_it_writes_the_full_month_span_of_a_fiscal_year():
    assert (
        thai.month_range_phrase(dt.date(2024, 10, 1), dt.date(2025, 9, 30), full=True)
        == "ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘"
    )


def test_it_refuses_a_period_that_ends_before_it_starts():
    with pytest.raises(ValueError):
        thai.period_phrase(dt.date(2023, 3, 1), dt.date(2023, 1, 1))
    assert thai.period_phrase(None, dt.date(2023, 1, 1)) == ""


@pytest.mark.parametrize(
    "text",
    ["ทุกไตรมาส", "ไตรมาส 1,2,4", "ไตรมาส 4-2", "เดือนธันวาคมของทุกปี", ""],
)
def test_it_returns_none_for_periods_it_cannot_read_rather_than_guessing(text):
    assert thai.parse_period(text, fiscal_year_be=2566) is None


def test_it_reads_a_month_span_crossing_the_new_year_with_one_year_written():
    assert thai.parse_period("ต.ค. – มี.ค. ๖๖") == thai.Period(
        dt.date(2022, 10, 1), dt.date(2023, 3, 31)
    )
    assert thai.parse_period("ตุลาคม 2567 - กันยายน 2568") == thai.Period(
        dt.date(2024, 10, 1), dt.date(2025, 9, 30)
    )


# --- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (Decimal("1500"), "หนึ่งพันห้าร้อยบาทถ้วน"),
        (Decimal("1500.50"), "หนึ่งพันห้าร้อยบาทห้าสิบสตางค์"),
        (21, "ยี่สิบเอ็ดบาทถ้วน"),
        ("250000", "สองแสนห้าหมื่นบาทถ้วน"),
    ],
)
def test_it_writes_baht_amounts_in_words(amount, words):
    assert thai.baht_text(amount) == words


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("๙ ธ.ค. ๒๕๖๙", dt.date(2026, 10, 1), dt.date(2026, 12, 9)),
        ("ภายใน ธ.ค. ๖๙", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        ("ภายในเดือนมีนาคม 2570", dt.date(2026, 10, 1), dt.date(2027, 3, 31)),
        ("ไตรมาสที่ ๒ (ม.ค. – มี.ค. ๒๕๗๐)", dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
        ("ตุลาคม – ธันวาคม", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        ("ต.ค. ๖๙ – ก.ย. ๗๐", dt.date(2026, 10, 1), dt.date(2027, 9, 30)),
        ("ตลอดปีงบประมาณ", dt.date(2026, 10, 1), dt.date(2027, 9, 30)),
    ],
)
def test_a_measures_period_is_read_as_dates_of_the_plans_year(text, start, end):
    period = thai.read_period(text, 2570)
    assert (period.start, period.end, period.understood) == (start, end, True)


def test_a_period_that_says_no_date_is_kept_as_words():
    period = thai.read_period("เมื่อมีการเปลี่ยนแปลง", 2570)
    assert (period.end, period.understood, period.phrase) == (None, False, "เมื่อมีการเปลี่ยนแปลง")

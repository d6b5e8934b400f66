"""Question codes as legacy documents write them, resolved against a year's framework."""

from __future__ import annotations

import pytest

from assessments.models import Framework
from itatrack.nacc_codes import candidates, codes_after_kho, codes_in_line, resolve


@pytest.fixture
def known_2565(frameworks) -> dict[str, str]:
    return {i.code: i.text for i in Framework.objects.get(fiscal_year=2565).items.all()}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("I19", "I19"),
        ("i19", "I19"),
        ("119", "I19"),
        ("120", "I20"),
        ("121", "I21"),
        ("i๓๐", "I30"),
        ("I ๓๐", "I30"),
        ("๐๒๐", "O20"),
        ("0๒๔", "O24"),
        ("O 20", "O20"),
        ("o20", "O20"),
        ("ข้อ ๔๒", "O42"),
        ("ข้อ42", "O42"),
        ("๐๐๑", "O1"),
        ("01", "O1"),
        ("E11", "E11"),
        ("e๑๔", "E14"),
        ("O43", "O43"),
    ],
)
def test_it_resolves_each_legacy_form_to_one_code(known_2565, raw, code):
    match = resolve(raw, known_2565)
    assert (match.code, match.ambiguous, match.unknown) == (code, False, False)


@pytest.mark.parametrize(
    ("raw", "options"),
    [
        ("17", ["I7", "I17", "O17"]),
        ("18", ["I8", "I18", "O18"]),
        ("29", ["I29", "O29"]),
        ("10", ["I10", "E10", "O10"]),
        ("ข้อ ๕", ["I5", "E5", "O5"]),
    ],
)
def test_it_flags_codes_that_could_mean_several_items(known_2565, raw, options):
    match = resolve(raw, known_2565)
    assert match.ambiguous and match.code == "" and match.candidates == options


@pytest.mark.parametrize("raw", ["I99", "E16", "O44", "ข้อ ๙๙", "Z1", "๑๒๓๔"])
def test_it_reports_codes_the_year_does_not_have(known_2565, raw):
    match = resolve(raw, known_2565)
    assert match.unknown and match.code == ""


def test_the_same_raw_code_means_different_items_in_different_years(frameworks):
    known_2569 = {i.code: i.text for i in Framework.objects.get(fiscal_year=2569).items.all()}
    assert resolve("ข้อ ๔๒", known_2569).unknown  # 2569 has 26 OIT items
    assert resolve("๐๒๖", known_2569).code == "O26"


def test_it_settles_an_ambiguity_only_when_the_text_clearly_matches(frameworks):
    known = {i.code: i.text for i in Framework.objects.get(fiscal_year=2564).items.all()}
    clear = resolve("17", known, "ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงานของท่าน")
    assert clear.code == "I7" and clear.by_text
    vague = resolve("18", known, "ท่านเคยเข้าร่วม")
    assert vague.ambiguous


def test_it_reads_a_code_at_the_start_of_a_cell():
    assert codes_in_line("119 ท่านรู้แนวปฏิบัติ") == [("119", "ท่านรู้แนวปฏิบัติ")]
    assert codes_in_line("-O01 โครงสร้าง ได้คะแนนที่ 0 คะแนน")[0][0] == "O01"
    assert codes_in_line("1.โครงการปรับปรุงเว็บไซต์") == []  # a numbered measure, not a code
    assert codes_in_line("เจ้าหน้าที่ไม่มีการปรับปรุง") == []


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("ข้อเสนอแนะของ ปปช ในการประเมิน ITA 2565 ข้อ ๐1,๐2,๐28 และ ๐20", ["01", "02", "028", "020"]),
        ("ข้อเสนอแนะของ ปปช ในการประเมิน ITA 2565 ข้อ i30 โดยอ้างอิง 29 และ ๐30", ["i30", "29", "030"]),
        ("โดยเฉพาะข้อ ๐๐๑, ๐๐๒, ๐๑๑ และ ๐๒๘ นั้น", ["001", "002", "011", "028"]),
        ("ตัวชี้วัดย่อย ๑๐.๒ มาตรการภายในเพื่อป้องกันการทุจริต ข้อ ๔๒ ซึ่งมีผลประเมินดังนี้", ["42"]),
        ("ข้อเสนอแนะของ ปปช ในการประเมิน ITA 2565", []),
    ],
)
def test_it_finds_the_codes_listed_after_kho_in_sample_sentences(text, raws):
    assert codes_after_kho(text) == raws


def test_candidates_never_depend_on_a_framework():
    assert candidates("119") == ["I19", "I119", "E119", "O119"]
    assert candidates("ไม่ใช่รหัส") == []


@pytest.mark.parametrize(
    ("line", "raws"),
    [
        ("I 22, O.15 และ o16", ["I 22", "O.15", "o16"]),
        ("i 22 ท่านรู้แนวปฏิบัติ", ["i 22"]),
        ("E-5", ["E-5"]),
        ("เจ้าหน้าที่ตอบข้อ O.15 ไม่ผ่าน", ["O.15"]),
        ("I19 ท่านทำงาน 2 ครั้ง", ["I19"]),  # a count in the question's words is no code
        ("1.โครงการปรับปรุงเว็บไซต์", []),
    ],
)
def test_every_code_of_a_question_line_is_read(line, raws):
    assert [raw for raw, _words in codes_in_line(line)] == raws


@pytest.mark.parametrize(("raw", "code"), [("O.15", "O15"), ("i 22", "I22"), ("E-5", "E5")])
def test_a_dot_dash_or_space_after_the_letter_is_the_same_code(raw, code):
    assert candidates(raw) == [code]


def test_a_range_is_every_code_between_its_ends():
    assert [raw for raw, _words in codes_in_line("E6 - E10 ผู้รับบริการ")] == [
        "E6",
        "E7",
        "E8",
        "E9",
        "E10",
    ]
    assert [raw for raw, _words in codes_in_line("ข้อ I๒๕ – I๓๐")][-1] == "I30"
    # two tools are not a range
    assert [raw for raw, _words in codes_in_line("I30 - O2")] == ["I30", "O2"]

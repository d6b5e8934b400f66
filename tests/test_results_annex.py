"""The results annex prints what was typed: the measure's period, line breaks and item
markers as written, the outcome of any measure; area rows stay with the row after them; the
narrow columns never split a word."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from pythainlp.corpus.common import thai_words

from itatrack.models import Department
from measures.actions import (
    EvidenceInput,
    MeasureLinks,
    do_add_follow_up,
    do_save_measure,
    do_save_step,
    do_set_outcome,
)
from measures.models import IssueArea, Measure, MeasureStep
from reports import pdf
from reports.actions import do_create_memo
from reports.models import Memo
from tests.measure_helpers import make_plan
from tests.memo_helpers import needs_official_font, read_pdf

pytestmark = needs_official_font

DEPARTMENTS = ["กองการศึกษา", "สำนักปลัดเทศบาล", "กองสาธารณสุขและสิ่งแวดล้อม", "กองคลัง"]


@pytest.fixture
def memo(personas, frameworks):
    org = personas.org
    plan = make_plan(org, fiscal_year=2568, assessed=2567)
    departments = [
        Department.objects.get_or_create(organization=org, name=n)[0] for n in DEPARTMENTS
    ]
    areas = list(IssueArea.objects.filter(organization=org).order_by("number"))[:3]
    assert len(areas) == 3
    for n in range(1, 8):
        measure = do_save_measure(
            Measure(plan=plan),
            {
                "title": f"ส่งเสริมการเปิดเผยข้อมูลการดำเนินงานของหน่วยงาน ข้อที่ {n}",
                "issue_area": areas[(n - 1) // 3],
                "start_date": dt.date(2024, 10, 1),
                "end_date": dt.date(2025, 9, 30),
            },
            MeasureLinks(departments=[departments[n % 4], departments[(n + 1) % 4]]),
            actor=None,
        )
        for text in ["ประชุมชี้แจงแนวทางแก่บุคลากร", "จัดทำคู่มือการปฏิบัติงาน", "ติดตามและรายงานผล"]:
            do_save_step(MeasureStep(measure=measure), {"text": text}, actor=None)
        do_add_follow_up(
            measure,
            date=dt.date(2025, 9, 30),
            text="๑. จัดประชุมชี้แจงแล้ว ๒ ครั้ง\n๒. เผยแพร่คู่มือบนเว็บไซต์ของเทศบาลแล้ว",
            progress=100,
            evidence=EvidenceInput(),
            actor=personas.clerk,
        )
        do_set_outcome(measure, "บุคลากรรับรู้แนวทาง\nประชาชนเข้าถึงข้อมูลได้สะดวกขึ้น", actor=None)
    return do_create_memo(org, Memo.Kind.RESULTS, actor=personas.clerk, plan=plan)


@pytest.fixture
def document(memo):
    with read_pdf(pdf.render(memo, use_cache=False)) as doc:
        yield doc


def annex_pages(document):
    return [page for page in document.pages if page.width > page.height]


def test_the_period_column_prints_the_measures_period_not_a_follow_up_date(memo, document):
    period = memo.plan.measures.first().period_phrase.replace(" ", "")
    cells = [
        (row[3] or "").replace("\n", "").replace(" ", "")
        for page in annex_pages(document)
        for table in page.extract_tables()
        for row in table[1:]
        if len(row) == 6 and row[1]
    ]
    assert cells and all(cell == period for cell in cells), cells
    assert "๓๐ กันยายน ๒๕๖๘" not in "".join(cells)  # the follow-up's date


def test_line_breaks_item_numbers_and_outcomes_print_as_typed(memo, document):
    html = pdf.render_html(memo)
    assert "๑. จัดประชุมชี้แจงแล้ว ๒ ครั้ง<br>๒. เผยแพร่คู่มือ" in html
    assert "บุคลากรรับรู้แนวทาง<br>ประชาชนเข้าถึงข้อมูลได้สะดวกขึ้น" in html
    assert html.count("<ol>") >= 7  # each measure's three activities keep their numbers
    for page in annex_pages(document):
        for table in page.extract_tables():
            for row in table[1:]:
                if row[5]:
                    # the typed line break holds: the second line starts a line of its own
                    assert "\nประชาชน" in row[5], row[5]


def test_an_area_row_never_ends_a_page(document):
    for page in annex_pages(document)[:-1]:
        last = [line for line in page.extract_text().split("\n") if line.strip()][-1]
        assert not last.strip().startswith("("), last


WORDS = thai_words()


def broken_inside_a_word(cell: str) -> list[str]:
    """Each line end in a cell that falls inside a dictionary word (a word of the dictionary
    spans it and neither side is a word boundary of the text)."""
    bad = []
    lines = [line for line in cell.split("\n") if line]
    for first, second in itertools.pairwise(lines):
        if first.endswith(" ") or second.startswith(" ") or not first or not second:
            continue
        joined = first + second
        at = len(first)
        # a dictionary word crossing the break, and no word ending exactly there
        crossing = any(
            joined[i:j] in WORDS
            for i in range(max(0, at - 12), at)
            for j in range(at + 1, min(len(joined), at + 12) + 1)
        )
        ends_here = any(joined[i:at] in WORDS for i in range(max(0, at - 20), at))
        starts_here = any(
            joined[at:j] in WORDS for j in range(at + 1, min(len(joined), at + 20) + 1)
        )
        if crossing and not (ends_here and starts_here):
            bad.append(f"{first}|{second}")
    return bad


def test_no_line_of_a_narrow_column_ends_inside_a_word(document):
    bad = []
    for page in annex_pages(document):
        for table in page.extract_tables():
            for row in table:
                for cell in row[1:2] + row[3:4]:  # owners, period
                    if cell:
                        bad += broken_inside_a_word(cell)
    assert bad == []
    owners = " ".join(
        (row[1] or "")
        for page in annex_pages(document)
        for table in page.extract_tables()
        for row in table
    )
    for name in DEPARTMENTS:
        assert name in owners.replace("\n", "")

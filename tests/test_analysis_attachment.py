"""The analysis attachment: every kind of finding has a column, no column is empty, and line
breaks typed into a finding or a step are printed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assessments.models import Assessment, Finding
from itatrack import fonts
from itatrack.thai import thai_number
from measures.actions import do_save_step
from reports import attachments, pdf
from reports.notes import screen_notes
from tests.memo_helpers import analysis_memo, read_pdf


@pytest.fixture
def memo(personas, frameworks):
    return analysis_memo(personas, measures=1)


def _finding(memo, number: int, kind: str, text: str, recommendation: str = "") -> Finding:
    return Finding.objects.create(
        assessment=memo.assessment,
        indicator=memo.assessment.framework.indicators.get(number=number),
        kind=kind,
        text=text,
        recommendation=recommendation,
    )


def test_strengths_print_in_their_own_column(memo):
    _finding(memo, 1, Finding.Kind.STRENGTH, "บุคลากรปฏิบัติงานตามขั้นตอนที่กำหนด")
    _finding(memo, 2, Finding.Kind.URGENT, "การใช้งบประมาณไม่เปิดเผย")
    data = attachments.analysis(memo)
    assert "จุดแข็ง" in data["headings"]
    column = data["headings"].index("จุดแข็ง")
    one = next(r for r in data["rows"] if r["indicator"].number == 1)
    assert one["cells"][column] == ["บุคลากรปฏิบัติงานตามขั้นตอนที่กำหนด"]
    assert "บุคลากรปฏิบัติงานตามขั้นตอนที่กำหนด" in pdf.render_html(memo)


def test_a_column_without_data_is_left_out_and_the_memo_page_not_the_paper_says_so(memo):
    _finding(memo, 2, Finding.Kind.URGENT, "การใช้งบประมาณไม่เปิดเผย")
    data = attachments.analysis(memo)
    assert "ประเด็นที่ต้องพัฒนาให้ดีขึ้น" not in data["headings"]
    assert "จุดแข็ง" not in data["headings"] and "หมายเหตุ" not in data["headings"]
    assert all(any(row["cells"][i] for row in data["rows"]) for i in range(len(data["headings"])))
    assert len(data["widths"]) == len(data["headings"]) + 1
    assert abs(sum(data["widths"]) - 100) < 0.5
    assert "ไม่แสดงช่อง" not in pdf.render_html(memo)
    said = " ".join(screen_notes(memo))
    assert "“ประเด็นที่ต้องพัฒนาให้ดีขึ้น”" in said and "“จุดแข็ง”" in said and "“หมายเหตุ”" in said


def test_with_no_findings_the_table_keeps_every_heading(memo):
    data = attachments.analysis(memo)
    assert data["rows"] == [] and data["left_out"] == []
    assert len(data["headings"]) == len(attachments.ANALYSIS_COLUMNS)


@pytest.mark.skipif(fonts.find_pdf_fonts() is None, reason="no Thai PDF font: make setup")
def test_line_breaks_in_a_finding_and_a_step_are_printed(memo):
    _finding(memo, 2, Finding.Kind.URGENT, "ข้อแรกของข้อค้นพบ\nข้อสองของข้อค้นพบ")
    measure = memo.plan.measures.get()
    do_save_step(measure.steps.first(), {"text": "เตรียมการ\n- ประชุมคณะทำงาน"}, actor=None)
    html = pdf.render_html(memo)
    assert "ข้อแรกของข้อค้นพบ<br>ข้อสองของข้อค้นพบ" in html
    assert "เตรียมการ<br>- ประชุมคณะทำงาน" in html
    with read_pdf(pdf.render(memo, use_cache=False)) as document:
        lines = [line for page in document.pages for line in page.extract_text().split("\n")]
    assert any(line.strip().endswith("ข้อแรกของข้อค้นพบ") for line in lines)
    # The step's second line is a line of its own: its first words follow no other words of
    # the step.
    assert not any("เตรียมการ - ประชุม" in line or "เตรียมการ- ประชุม" in line for line in lines)
    assert any("- ประชุมคณะทำงาน" in line for line in lines)


def test_without_the_years_weights_no_tool_score_is_made_up(memo):
    assessment = memo.assessment
    Assessment.objects.filter(pk=assessment.pk).update(
        iit_score=None, eit_score=None, oit_score=None
    )
    assessment.refresh_from_db()
    tools = attachments.tool_scores(assessment)
    weights = {i.tool: i.weight for i in assessment.framework.indicators.all()}
    if all(w is None for w in weights.values()):
        # no indicator weights this year: nothing is made up, and the memo page says why
        assert set(tools.values()) == {None}
        assert any("คำนวณจากคะแนนตัวชี้วัดไม่ได้" in note for note in screen_notes(memo))
    else:
        assert any(value is not None for value in tools.values())


def test_tool_scores_come_from_the_indicators_with_known_weights(memo):
    assessment = memo.assessment
    Assessment.objects.filter(pk=assessment.pk).update(iit_score=None)
    assessment.refresh_from_db()
    iit = [i for i in assessment.framework.indicators.all() if i.tool == "IIT"]
    for n, indicator in enumerate(iit):
        indicator.weight = Decimal(100) / len(iit) if n else Decimal(0)
        indicator.save()
    # all the weight on every IIT indicator but the first: the IIT score is their average
    scores = {s.indicator_id: s.score for s in assessment.indicator_scores.all()}
    rest = [scores[i.pk] for i in iit[1:]]
    expected = sum(rest) / len(rest)
    derived = attachments.tool_scores(assessment)["IIT"]
    assert derived is not None and abs(derived - expected) < Decimal("0.01")
    assert thai_number(derived) in pdf.render_html(memo)

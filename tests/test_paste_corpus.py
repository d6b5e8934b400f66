"""Twelve messy tables of our own (tests/data/corpus: analysis, measures and results tables
as Word, Excel and web pages give them) through the paste imports, scored field by field
(tests/corpus.py). The figures are printed for the issue's note; the test holds the line."""

from __future__ import annotations

import pytest

from assessments.findings_paste import parse as parse_findings
from measures.actions import MeasureLinks, do_save_measure
from measures.models import Measure
from measures.paste import parse as parse_measures
from measures.results_paste import parse as parse_results
from tests.assessment_helpers import make_assessment
from tests.corpus import Score, expected, score_findings, score_measures, score_results, text_of
from tests.measure_helpers import context_for, make_plan

RESULT_TITLES = [
    "ปรับปรุงเว็บไซต์ของเทศบาลให้เป็นปัจจุบัน",
    "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี",
    "ประชุมชี้แจงแนวทางป้องกันผลประโยชน์ทับซ้อน",
    "จัดอบรมคุณธรรมจริยธรรมประจำปี",
]


@pytest.fixture
def scores(personas, frameworks) -> dict[str, Score]:
    assessment = make_assessment(personas.org, 2566)
    plan = make_plan(personas.org)
    results_plan = make_plan(personas.org, fiscal_year=2565, assessed=2564)
    for title in RESULT_TITLES:
        do_save_measure(Measure(plan=results_plan), {"title": title}, MeasureLinks(), actor=None)
    found: dict[str, Score] = {}
    for name, wanted in expected().items():
        text = text_of(name)
        if name.startswith("analysis"):
            found[name] = score_findings(parse_findings(text, assessment).findings, wanted)
        elif name.startswith("measures"):
            found[name] = score_measures(parse_measures(text, context_for(plan)).measures, wanted)
        else:
            found[name] = score_results(parse_results(text, results_plan).rows, wanted)
    return found


def test_the_corpus_has_twelve_tables_of_each_shape():
    names = list(expected())
    assert len(names) >= 12
    assert {n.split("-")[0] for n in names} == {"analysis", "measures", "results"}


def test_every_field_of_the_corpus_is_read_right(scores):
    for name, score in sorted(scores.items()):
        print(f"{name}: {score.correct} correct, {score.wrong} wrong, {score.lost} lost")
    bad = {name: score for name, score in scores.items() if score.wrong or score.lost}
    assert bad == {}

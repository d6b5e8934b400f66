from __future__ import annotations

from decimal import Decimal

import pytest

from assessments.actions import do_save_scores
from assessments.models import Framework
from assessments.scoresheet import ScoreSheet
from measures import outcome
from measures.actions import MeasureLinks, do_save_measure
from measures.models import Measure
from tests.assessment_helpers import make_assessment
from tests.measure_helpers import make_plan


def scores(assessment, **indicators):
    do_save_scores(
        assessment,
        ScoreSheet(indicators={int(k[1:]): Decimal(v) for k, v in indicators.items()}),
        actor=None,
    )


@pytest.fixture
def measure(personas, frameworks):
    plan = make_plan(personas.org, fiscal_year=2566, assessed=2565)
    scores(plan.assessment, i4="83.39", i5="70.00")
    items = Framework.objects.get(fiscal_year=2565).items.filter(code__in=["I19", "I25"])
    return do_save_measure(
        Measure(plan=plan), {"title": "แนวปฏิบัติการใช้ทรัพย์สิน"}, MeasureLinks(items=items), actor=None
    )


def test_there_is_no_outcome_before_the_next_assessment(measure):
    assert outcome.changes(measure) == [] and outcome.sentence(measure) == ""


def test_it_writes_the_outcome_sentence_once_the_next_year_is_in(personas, measure):
    scores(make_assessment(personas.org, 2566), i4="100.00", i5="65.50")
    rows = outcome.changes(measure)
    assert [(r.number, r.before, r.after) for r in rows] == [
        (4, Decimal("83.39"), Decimal("100.00")),
        (5, Decimal("70.00"), Decimal("65.50")),
    ]
    assert outcome.sentence(measure) == (
        "ในปี พ.ศ. ๒๕๖๖ เทศบาลตำบลบ้านทดสอบ มีคะแนนในตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ "
        "๑๐๐ คะแนน ซึ่งเพิ่มขึ้นจากปี ๒๕๖๕ ที่ได้ ๘๓.๓๙ คะแนน และตัวชี้วัดที่ ๕ "
        "การแก้ไขปัญหาการทุจริต ๖๕.๕๐ คะแนน ซึ่งลดลงจากปี ๒๕๖๕ ที่ได้ ๗๐ คะแนน"
    )


def test_an_unchanged_score_is_said_to_equal_last_year(personas, measure):
    scores(make_assessment(personas.org, 2566), i4="83.39")
    assert "๘๓.๓๙ คะแนน เท่ากับปี ๒๕๖๕" in outcome.sentence(measure)

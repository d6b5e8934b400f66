"""One date-order rule: the forms and the services refuse an end before the start alike."""

from __future__ import annotations

import datetime as dt

import pytest

from itatrack.actions import ActionError
from measures.actions import MeasureLinks, do_save_measure, do_save_step
from measures.forms import MeasureForm
from measures.models import Measure, MeasureStep
from measures.models.plans import date_order_problem
from tests.measure_helpers import make_plan

RULE = "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"
START, BEFORE = dt.date(2023, 3, 1), dt.date(2023, 2, 1)


@pytest.fixture
def plan(personas, frameworks):
    return make_plan(personas.org)


def test_the_rule_allows_missing_dates_and_the_same_day():
    assert date_order_problem(None, BEFORE) is None
    assert date_order_problem(START, None) is None
    assert date_order_problem(START, START) is None
    assert date_order_problem(START, BEFORE) == RULE


def test_the_measure_form_refuses_an_end_before_the_start(plan):
    form = MeasureForm(
        {"title": "มาตรการ", "start_date": "1/3/2566", "end_date": "1/2/2566", "version": 1},
        plan=plan,
        instance=Measure(plan=plan),
    )
    assert not form.is_valid()
    assert RULE in form.errors["end_date"]


def test_the_services_refuse_it_with_the_same_words(plan, personas):
    with pytest.raises(ActionError, match=RULE):
        do_save_measure(
            Measure(plan=plan),
            {"title": "มาตรการ", "start_date": START, "end_date": BEFORE},
            MeasureLinks(),
            actor=personas.clerk,
        )
    measure = do_save_measure(Measure(plan=plan), {"title": "มาตรการ"}, MeasureLinks(), actor=None)
    with pytest.raises(ActionError, match=RULE):
        do_save_step(
            MeasureStep(measure=measure),
            {"text": "ขั้นตอน", "start_date": START, "end_date": BEFORE},
            actor=personas.clerk,
        )

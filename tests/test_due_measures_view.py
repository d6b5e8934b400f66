from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from measures.actions import MeasureLinks, do_close_measure, do_save_measure
from measures.models import Measure
from tests.measure_helpers import make_plan


@pytest.fixture
def measures(personas, frameworks, settings):
    settings.REMINDER_DUE_SOON_DAYS = 14
    plan = make_plan(personas.org)

    def add(title, end):
        return do_save_measure(
            Measure(plan=plan), {"title": title, "end_date": end}, MeasureLinks(), actor=None
        )

    closed = add("ปิดแล้วแต่เลยวัน", dt.date(2023, 2, 1))
    do_close_measure(closed, "เสร็จ", actor=None)
    return [
        add("เลยกำหนด", dt.date(2023, 2, 28)),
        add("ใกล้ครบ", dt.date(2023, 3, 15)),
        add("ยังไกล", dt.date(2023, 3, 16)),
        closed,
    ]


@time_machine.travel(dt.datetime(2023, 3, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_it_lists_overdue_and_due_soon_on_a_frozen_day(personas, measures):
    response = personas.client_for(personas.executive).get(
        reverse("due_measures", args=[personas.org.slug])
    )
    assert [m.title for m in response.context["overdue"]] == ["เลยกำหนด"]
    assert [m.title for m in response.context["due_soon"]] == ["ใกล้ครบ"]
    html = response.content.decode()
    assert "ครบกำหนดภายใน ๑๔ วัน" in html and "28 ก.พ." not in html and "๒๘ ก.พ. ๖๖" in html


@time_machine.travel(dt.datetime(2023, 2, 28, 3, 0, tzinfo=dt.UTC), tick=False)
def test_the_last_day_is_not_yet_overdue(personas, measures):
    response = personas.client_for(personas.clerk).get(
        reverse("due_measures", args=[personas.org.slug])
    )
    assert list(response.context["overdue"]) == []
    assert [m.title for m in response.context["due_soon"]] == ["เลยกำหนด"]  # 15 Mar: 15 days

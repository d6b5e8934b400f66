"""Dates are typed and shown day/month/Buddhist-era year; a plan's dates stay in its fiscal
year; a budget cannot be negative."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from itatrack.forms import ThaiDateField, ThaiDateInput
from itatrack.thai import parse_typed_date, typed_date
from measures.models import Measure
from tests.measure_helpers import make_plan


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("31/03/2570", dt.date(2027, 3, 31)),
        ("๓๑/๐๓/๒๕๗๐", dt.date(2027, 3, 31)),
        ("31/3/70", dt.date(2027, 3, 31)),
        ("31-3-2570", dt.date(2027, 3, 31)),
        ("31.03.2570", dt.date(2027, 3, 31)),
        ("31 มี.ค. 2570", dt.date(2027, 3, 31)),
        ("๓๑ มีนาคม ๒๕๗๐", dt.date(2027, 3, 31)),
        ("2027-03-31", dt.date(2027, 3, 31)),  # what a browser's own date field sends
        ("31/03/2030", dt.date(2030, 3, 31)),  # a Christian-era year stays one
        ("31/02/2570", None),
        ("ปลายเดือนมีนาคม", None),
        ("31/03", None),
    ],
)
def test_a_typed_date_is_read_in_the_buddhist_era(typed, date):
    assert parse_typed_date(typed) == date


def test_a_date_is_shown_the_way_it_is_typed():
    assert typed_date(dt.date(2027, 3, 31)) == "๓๑/๐๓/๒๕๗๐"
    html = ThaiDateInput().render("end_date", dt.date(2027, 3, 31))
    assert 'value="๓๑/๐๓/๒๕๗๐"' in html and 'type="text"' in html and "data-thai-date" in html


def test_the_field_says_in_thai_what_it_could_not_read():
    field = ThaiDateField()
    with pytest.raises(Exception) as caught:
        field.clean("31/13/2570")
    assert "กรุณากรอกเป็น วัน/เดือน/ปี พ.ศ." in str(caught.value)


@pytest.fixture
def plan(personas, frameworks):
    return make_plan(personas.org, fiscal_year=2570, assessed=2569)


def measure_data(plan, **overrides) -> dict:
    return {
        "number": "",
        "title": "จัดทำคู่มือการป้องกันผลประโยชน์ทับซ้อน",
        "start_date": "01/10/2569",
        "end_date": "31/03/2570",
        "period_text": "",
        **overrides,
    }


def create_url(plan):
    return reverse("measure_create", args=[plan.organization.slug, plan.pk])


def test_a_measure_typed_in_be_is_saved_and_shown_in_be(personas, plan):
    client = personas.client_for(personas.clerk)
    response = client.post(create_url(plan), measure_data(plan))
    assert response.status_code == 302, response.content.decode()[-2000:]
    measure = Measure.objects.get(plan=plan)
    assert (measure.start_date, measure.end_date) == (dt.date(2026, 10, 1), dt.date(2027, 3, 31))
    page = client.get(reverse("measure_detail", args=[personas.org.slug, measure.pk]))
    assert "๓๑ มีนาคม ๒๕๗๐" in page.content.decode()
    assert "๓๑๑๓" not in page.content.decode()
    edit = client.get(reverse("measure_edit", args=[personas.org.slug, measure.pk]))
    assert 'value="๓๑/๐๓/๒๕๗๐"' in edit.content.decode()


def test_a_date_outside_the_plans_fiscal_year_is_refused_in_thai(personas, plan):
    client = personas.client_for(personas.clerk)
    response = client.post(create_url(plan), measure_data(plan, end_date="31/03/2030"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "วันที่ ๓๑ มีนาคม ๒๕๗๓ อยู่นอกปีงบประมาณ ๒๕๗๐ ของแผนนี้" in html
    assert "จัดทำคู่มือการป้องกันผลประโยชน์ทับซ้อน" in html  # nothing typed is lost
    assert not Measure.objects.exists()


def test_a_negative_budget_is_refused(personas, plan):
    client = personas.client_for(personas.clerk)
    response = client.post(create_url(plan), measure_data(plan, budget_amount="-5000"))
    assert "งบประมาณต้องไม่ติดลบ" in response.content.decode()
    assert not Measure.objects.exists()


def test_a_step_dated_outside_the_plans_year_is_refused(personas, plan):
    from measures.actions import MeasureLinks, do_save_measure

    measure = do_save_measure(Measure(plan=plan), {"title": "มาตรการ"}, MeasureLinks(), actor=None)
    client = personas.client_for(personas.clerk)
    response = client.post(
        reverse("step_add", args=[personas.org.slug, measure.pk]),
        {"text": "อบรมบุคลากร", "start_date": "01/11/2571"},
        headers={"HX-Request": "true"},
    )
    assert "อยู่นอกปีงบประมาณ ๒๕๗๐" in response.content.decode()
    assert not measure.steps.exists()

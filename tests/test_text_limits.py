"""No text field takes a blob: forms refuse past MAX_TEXT in Thai, the paste import says
which row, and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from itatrack.cleantext import MAX_TEXT
from measures.actions import MeasureLinks, do_save_measure
from measures.models import FollowUp, Measure
from tests.measure_helpers import make_plan


@pytest.fixture
def plan(personas, frameworks):
    return make_plan(personas.org)


@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_a_follow_up_longer_than_the_limit_is_refused_in_thai(personas, plan):
    measure = do_save_measure(Measure(plan=plan), {"title": "ก"}, MeasureLinks(), actor=None)
    response = personas.client_for(personas.clerk).post(
        reverse("follow_up_add", args=[personas.org.slug, measure.pk]),
        {"date": "2023-01-15", "text": "ข" * (MAX_TEXT + 1), "progress": "10"},
    )
    assert response.status_code == 200
    assert "ไม่เกิน" in response.content.decode()  # Django's Thai max_length message
    assert not FollowUp.objects.exists()


def test_a_pasted_cell_longer_than_the_limit_names_its_row(personas, plan):
    table = "มาตรการ\tวิธีการดำเนินการ\n๑. เผยแพร่ข้อมูล\t" + "ค" * (MAX_TEXT + 1) + "\n"
    response = personas.client_for(personas.clerk).post(
        reverse("plan_paste", args=[personas.org.slug, plan.pk]),
        {"text": table, "header_row": "on", "confirm": "1"},
    )
    assert response.status_code == 200
    assert "แถวที่ ๒ คอลัมน์ที่ ๒ ยาวเกิน ๑๐,๐๐๐ ตัวอักษร" in response.content.decode()
    assert not Measure.objects.exists()


def test_every_text_field_people_type_into_has_the_limit():
    from django.apps import apps
    from django.db import models

    # System-written text: the kept copy's text and approved page, reminder recipients, the
    # framework's notes.
    exempt = {"final_text", "final_html", "recipients", "notes"}
    unbounded = [
        f"{model.__name__}.{field.name}"
        for app in ("itatrack", "assessments", "measures", "reports")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField)
        and field.max_length is None
        and field.name not in exempt
        and not (model.__name__ == "Publication" and field.name == "text")
        and model.__name__ != "OutgoingMail"  # written by the app from its templates
    ]
    assert unbounded == []

"""The shipped framework fixture against the reference data, and the level bands."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from assessments.framework_data import FIXTURE, build_fixture, read_fixture
from assessments.models import Framework

# A copy of the project's reference data (../shared/domain/frameworks.yaml), kept with the
# tests so that they stand on their own; refresh it with the fixture.
REFERENCE = Path(__file__).resolve().parent / "data" / "frameworks.yaml"


def test_the_shipped_fixture_is_exactly_what_the_reference_data_gives():
    import yaml

    built = build_fixture(yaml.safe_load(REFERENCE.read_text(encoding="utf-8")))
    assert built == json.loads(FIXTURE.read_text(encoding="utf-8")), (
        "fixtures/frameworks.json is stale: run manage.py build_framework_fixture"
    )


def test_every_year_from_2563_to_2569_is_loaded_with_its_status(frameworks):
    status = dict(Framework.objects.values_list("fiscal_year", "status"))
    assert status == {
        2563: "confirmed",
        2564: "confirmed",
        2565: "confirmed",
        2566: "confirmed",
        2567: "provisional",
        2568: "provisional",
        2569: "provisional",
    }


def test_each_year_has_its_own_oit_list(frameworks):
    def oit(year: int, code: str) -> str:
        return Framework.objects.get(fiscal_year=year).items.get(code=code).text

    assert oit(2565, "O42") == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert oit(2566, "O42") == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert oit(2569, "O25") == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert Framework.objects.get(fiscal_year=2569).items.filter(code__startswith="O").count() == 26
    assert Framework.objects.get(fiscal_year=2563).items.filter(code__startswith="O").count() == 43
    assert oit(2569, "O2") == ""  # not seen in any source: left for an admin to fill


def test_the_published_tool_weights_are_2564_to_2567_and_only_2564_has_question_texts(
    frameworks,
):
    published = {"IIT": Decimal(30), "EIT": Decimal(30), "OIT": Decimal(40)}
    fy2564 = Framework.objects.get(fiscal_year=2564)
    assert fy2564.weights == published
    assert fy2564.items.get(code="I19").text.startswith("บุคลากรในหน่วยงานของท่าน")
    assert fy2564.items.get(code="I4").scale == "yes_no"
    for year in (2565, 2566, 2567):
        framework = Framework.objects.get(fiscal_year=year)
        assert framework.weights == published, year
        assert "ยังไม่ทราบน้ำหนักของเครื่องมือ" not in framework.notes
    fy2565 = Framework.objects.get(fiscal_year=2565)
    assert fy2565.items.get(code="I19").text == ""
    assert "ยังไม่มีข้อความคำถาม IIT" in fy2565.notes
    for year in (2563, 2568, 2569):  # left for an operator to set from the year's manual
        assert Framework.objects.get(fiscal_year=year).weights is None


@pytest.mark.parametrize(
    ("score", "level"),
    [
        ("0.00", "F"),
        ("49.99", "F"),
        ("50.00", "E"),
        ("54.99", "E"),
        ("55.00", "D"),
        ("64.99", "D"),
        ("65.00", "C"),
        ("74.99", "C"),
        ("75.00", "B"),
        ("84.99", "B"),
        ("85.00", "A"),
        ("94.99", "A"),
        ("95.00", "AA"),
        ("100.00", "AA"),
    ],
)
def test_level_bands_hold_at_their_edges(frameworks, score, level):
    framework = Framework.objects.prefetch_related("bands").get(fiscal_year=2566)
    assert framework.level_for(Decimal(score)) == level


def test_a_missing_score_has_no_level(frameworks):
    assert Framework.objects.get(fiscal_year=2566).level_for(None) == ""


def test_loading_twice_changes_nothing(frameworks):
    from django.apps import apps

    from assessments.framework_data import load_fixture

    Framework.objects.filter(fiscal_year=2566).update(notes="แก้โดยผู้ดูแล")
    created = load_fixture(read_fixture(), lambda n: apps.get_model("assessments", n))
    assert created == []
    assert Framework.objects.get(fiscal_year=2566).notes == "แก้โดยผู้ดูแล"

"""Pasted tables with any line ending are read, and an oversized cell is refused in Thai,
never a 500 (csv.Error), in both the measures and the findings paste."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments.models import Finding
from itatrack.pasted import PasteError, read_rows
from measures.models import Measure
from tests.assessment_helpers import make_assessment
from tests.measure_helpers import make_plan

ROWS = [["มาตรการ", "ผู้รับผิดชอบ"], ["จัดทำคู่มือ", "สำนักปลัด"], ["เผยแพร่ข้อมูล", "กองคลัง"]]


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r"])
def test_every_line_ending_gives_the_same_rows(ending):
    text = ending.join("\t".join(row) for row in ROWS) + ending
    assert read_rows(text) == ROWS


def test_a_quoted_cell_keeps_its_line_breaks_whatever_ends_the_rows():
    text = 'มาตรการ\tขั้นตอน\r"จัดทำคู่มือ"\t"๑) ร่าง\r๒) เสนอ"\r'
    assert read_rows(text) == [["มาตรการ", "ขั้นตอน"], ["จัดทำคู่มือ", "๑) ร่าง\n๒) เสนอ"]]


def test_a_cell_longer_than_a_field_is_refused_with_its_place():
    text = "มาตรการ\tขั้นตอน\nจัดทำคู่มือ\t" + "ก" * 10_001
    with pytest.raises(PasteError, match="แถวที่ ๒ คอลัมน์ที่ ๒ ยาวเกิน ๑๐,๐๐๐ ตัวอักษร"):
        read_rows(text)


def test_a_cell_past_the_csv_modules_own_limit_is_refused_in_thai():
    text = 'มาตรการ\n"' + "ก" * 140_000 + '"\n'
    with pytest.raises(PasteError, match="อ่านตารางไม่ได้ที่แถวที่"):
        read_rows(text)


@pytest.fixture
def plan(personas, frameworks):
    return make_plan(personas.org)


@pytest.fixture
def assessment(personas, frameworks):
    return make_assessment(personas.org, 2564)


def test_the_measures_paste_reads_a_lone_carriage_return(personas, plan):
    text = "\r".join("\t".join(row) for row in ROWS)
    response = personas.client_for(personas.clerk).post(
        reverse("plan_paste", args=[personas.org.slug, plan.pk]), {"text": text, "preview": "1"}
    )
    assert response.status_code == 200
    assert "อ่านได้ ๒ มาตรการ" in response.content.decode()


def test_the_measures_paste_refuses_an_oversized_cell_and_keeps_the_text(personas, plan):
    text = 'มาตรการ\tผู้รับผิดชอบ\n"' + "ก" * 140_000 + '"\tกองคลัง\n'
    response = personas.client_for(personas.clerk).post(
        reverse("plan_paste", args=[personas.org.slug, plan.pk]), {"text": text, "preview": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "อ่านตารางไม่ได้ที่แถวที่ ๒" in html
    assert "ก" * 1000 in html  # what was pasted is still in the box
    assert not Measure.objects.exists()


def test_the_findings_paste_refuses_an_oversized_cell_in_thai(personas, assessment):
    text = 'ตัวชี้วัด\tข้อค้นพบ\n1\t"' + "ก" * 10_001 + '"\r'
    response = personas.client_for(personas.clerk).post(
        reverse("finding_paste", args=[personas.org.slug, assessment.pk]),
        {"text": text, "preview": "1"},
    )
    assert response.status_code == 200
    assert "ยาวเกิน ๑๐,๐๐๐ ตัวอักษร" in response.content.decode()
    assert not Finding.objects.exists()


def test_markup_from_a_web_page_becomes_lines_and_spaces():
    from itatrack.pasted import clean_cell

    cell = "<p>ดำเนินการดังนี้</p><ul><li>ประชุม&nbsp;ชี้แจง</li><li>รายงานผล</li></ul>"
    assert clean_cell(cell) == "ดำเนินการดังนี้\n- ประชุม ชี้แจง\n- รายงานผล"

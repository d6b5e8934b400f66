"""Pasting a table in the browser: preview, map columns, choose codes, confirm."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from itatrack.models import AuditEvent
from measures.models import Measure
from tests.measure_helpers import by_question_table, make_plan, memo_measures_table


@pytest.fixture
def plan(personas, frameworks):
    return make_plan(personas.org)


def url(plan):
    return reverse("plan_paste", args=[plan.organization.slug, plan.pk])


def test_the_preview_shows_what_was_understood_and_saves_nothing(personas, plan):
    response = personas.client_for(personas.clerk).post(
        url(plan), {"text": memo_measures_table(), "preview": "1"}
    )
    html = response.content.decode()
    assert "อ่านได้ ๔ มาตรการ" in html
    assert "รหัส &#x27;29&#x27; อาจหมายถึง I29, O29 กรุณาเลือก" in html
    assert 'name="resolve_2:29"' in html
    assert "ยืนยันเพิ่ม" not in html  # not until the code is chosen
    assert not Measure.objects.exists()


def test_choosing_the_code_then_confirming_saves_the_measures(personas, plan):
    client = personas.client_for(personas.clerk)
    data = {"text": memo_measures_table(), "resolve_2:29": "I29"}
    preview = client.post(url(plan), {**data, "preview": "1"}).content.decode()
    assert "ยืนยันเพิ่ม ๔ มาตรการ" in preview
    response = client.post(url(plan), {**data, "confirm": "1"})
    assert response["Location"] == reverse("plan_detail", args=[personas.org.slug, plan.pk])
    assert Measure.objects.filter(plan=plan).count() == 4
    assert AuditEvent.objects.get(verb="measure.import").data == {"count": 4}


def test_it_flags_periods_outside_the_plans_year_and_still_saves_them(personas, frameworks):
    plan = make_plan(personas.org, fiscal_year=2569, assessed=2568)
    client = personas.client_for(personas.clerk)
    data = {"text": memo_measures_table(), "resolve_2:29": "I29"}
    preview = client.post(url(plan), {**data, "preview": "1"}).content.decode()
    assert "ระยะเวลา &#x27;ตลอดปีงบประมาณ 2566&#x27; ไม่อยู่ในปีงบประมาณ ๒๕๖๙ ของแผนนี้" in preview
    assert preview.count("ไม่อยู่ในปีงบประมาณ ๒๕๖๙") == 4
    client.post(url(plan), {**data, "confirm": "1"})
    assert {m.end_date.year for m in Measure.objects.filter(plan=plan)} == {2023}


def test_periods_inside_the_plans_year_raise_no_notice(personas, plan):
    preview = personas.client_for(personas.clerk).post(
        url(plan), {"text": memo_measures_table(), "preview": "1"}
    )
    assert "ไม่อยู่ในปีงบประมาณ" not in preview.content.decode()


def test_a_confirm_with_problems_left_saves_nothing(personas, plan):
    response = personas.client_for(personas.clerk).post(
        url(plan), {"text": by_question_table(), "confirm": "1"}
    )
    assert response.status_code == 200
    assert not Measure.objects.exists()


def test_the_user_can_correct_the_column_mapping(personas, plan):
    client = personas.client_for(personas.clerk)
    table = "ชื่อ\tทำอย่างไร\tใคร\nประชุมชี้แจง\tจัดประชุม\tกองคลัง\n"
    first = client.post(url(plan), {"text": table, "preview": "1"}).content.decode()
    assert "กรุณาเลือกว่าคอลัมน์ใดคือ มาตรการ/แนวทาง หรือ วิธีการดำเนินการ" in first
    mapping = {"col_0": "title", "col_1": "steps", "col_2": "owners", "header_row": "on"}
    mapped = client.post(url(plan), {"text": table, "preview": "1", **mapping}).content.decode()
    assert "อ่านได้ ๑ มาตรการ" in mapped
    client.post(url(plan), {"text": table, "confirm": "1", **mapping})
    measure = Measure.objects.get(plan=plan)
    assert measure.title == "ประชุมชี้แจง"
    assert [s.text for s in measure.steps.all()] == ["จัดประชุม"]
    assert [d.name for d in measure.departments.all()] == ["กองคลัง"]


def test_without_the_header_option_an_unknown_header_is_read_as_a_measure(personas, plan):
    table = "ชื่อ\tทำอย่างไร\nประชุมชี้แจง\tจัดประชุม\n"
    html = (
        personas.client_for(personas.clerk)
        .post(
            url(plan),
            {
                "text": table,
                "preview": "1",
                "col_0": "title",
                "col_1": "steps",
            },
        )
        .content.decode()
    )
    assert "อ่านได้ ๒ มาตรการ" in html


def test_empty_paste_is_refused_in_thai(personas, plan):
    html = (
        personas.client_for(personas.clerk)
        .post(url(plan), {"text": "", "preview": "1"})
        .content.decode()
    )
    assert "กรุณากรอกช่องนี้" in html


def test_only_editors_paste(personas, plan):
    for member in (personas.reviewer, personas.executive):
        assert (
            personas.client_for(member)
            .post(url(plan), {"text": memo_measures_table(), "confirm": "1"})
            .status_code
            == 403
        )
    assert not Measure.objects.exists()


def test_no_code_in_the_question_cell_is_dropped_without_a_word(personas, plan):
    table = (
        "มาตรการ/แนวทาง\tข้อคำถาม\tผู้รับผิดชอบ\n"
        "ประชาสัมพันธ์ช่องทางร้องเรียน\tI 22, O.15 และ o16\tสำนักปลัดเทศบาล\n"
        'ตรวจสอบเว็บไซต์\t"i 25 ท่านรู้ช่องทางร้องเรียน\nO99"\tสำนักปลัดเทศบาล\n'
    )
    html = (
        personas.client_for(personas.clerk)
        .post(url(plan), {"text": table, "preview": "1"})
        .content.decode()
    )
    for shown in ("I22 ← I 22", "O15 ← O.15", 'title="o16">O16<', "I25 ← i 25"):
        assert shown in html, shown
    assert "ไม่พบรหัส &#x27;O99&#x27; ในกรอบการประเมิน" in html


RANGES_AND_PERIODS = (
    "มาตรการ\tข้อคำถาม\tระยะเวลาดำเนินการ\n"
    "๑. เปิดเผยข้อมูลการให้บริการ\tE6 - E10\t๙ ธ.ค. ๒๕๖๖\n"
    "๒. ส่งเสริมการแจ้งเบาะแส\tข้อ I25 - I30\tภายใน ธ.ค. ๖๕\n"
    "๓. ประชุมชี้แจงบุคลากร\tI13 – I18\tไตรมาสที่ ๒ (ม.ค. – มี.ค. ๒๕๖๖)\n"
    "๔. ปรับปรุงคู่มือ\tI1\tเมื่อมีการเปลี่ยนแปลง\n"
)


def test_a_range_of_codes_saves_every_code_between_its_ends(personas, plan):
    client = personas.client_for(personas.clerk)
    data = {"text": RANGES_AND_PERIODS, "due_3": "31/03/2566"}
    client.post(url(plan), {**data, "confirm": "1"})
    codes = {
        m.number: sorted(i.code for i in m.items.all()) for m in Measure.objects.filter(plan=plan)
    }
    assert codes[1] == ["E10", "E6", "E7", "E8", "E9"]
    assert codes[2] == ["I25", "I26", "I27", "I28", "I29", "I30"]
    assert codes[3] == ["I13", "I14", "I15", "I16", "I17", "I18"]


def test_periods_are_read_as_due_dates_and_an_unread_one_asks_for_a_date(personas, plan):
    client = personas.client_for(personas.clerk)
    preview = client.post(url(plan), {"text": RANGES_AND_PERIODS, "preview": "1"})
    html = preview.content.decode()
    assert "ไม่มีวันครบกำหนด จึงไม่แสดงว่าเลยกำหนดและไม่มีการแจ้งเตือน" in html
    assert 'name="due_3"' in html and 'name="due_0"' not in html
    client.post(url(plan), {"text": RANGES_AND_PERIODS, "due_3": "๓๑/๐๓/๒๕๖๖", "confirm": "1"})
    due = {m.number: (m.end_date, m.period_text) for m in Measure.objects.filter(plan=plan)}
    assert due[1] == (dt.date(2023, 12, 9), "๙ ธ.ค. ๒๕๖๖")
    assert due[2][0] == dt.date(2022, 12, 31)
    assert due[3][0] == dt.date(2023, 3, 31)
    assert due[4] == (dt.date(2023, 3, 31), "เมื่อมีการเปลี่ยนแปลง")

"""A measures table of the kind clerks keep: method cells with a preamble and sub-items, lists
flattened by Word onto one line, and owners written the short way (สำนักปลัดฯ, สป., ผอ.กองช่าง,
กองคลัง/งานพัสดุ, กองการศึกษาฯ และกองสาธารณสุขฯ, กองส่งเสริมฯ)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itatrack.models import Department
from measures.actions import do_import_measures
from measures.models import Measure
from measures.paste import owner_key, parse, split_steps
from tests.measure_helpers import DATA, context_for, make_plan

MORE_DEPARTMENTS = (
    "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองส่งเสริมการเกษตร",
    "กองส่งเสริมคุณภาพชีวิต",
)


def nested_table() -> str:
    return (DATA / "measures-nested-steps.txt").read_text(encoding="utf-8").rstrip("\n")


@pytest.fixture
def plan(personas, frameworks):
    plan = make_plan(personas.org)
    for name in MORE_DEPARTMENTS:
        Department.objects.create(organization=personas.org, name=name)
    return plan


def test_a_preamble_is_kept_and_its_items_become_steps_as_written(plan):
    first = parse(nested_table(), context_for(plan)).measures[0]
    assert first.method_preamble == "เพื่อให้การเผยแพร่ข้อมูลเป็นไปตามเกณฑ์ ดำเนินการดังนี้"
    assert first.steps == [
        "๑) ปรับปรุงหน้าเว็บไซต์ของหน่วยงาน\n- จัดหมวดหมู่ข้อมูลตามรายการ OIT\n- ตรวจสอบลิงก์ทุกเดือน",
        "๒) แต่งตั้งผู้ดูแลข้อมูล\n- มอบหมายเจ้าหน้าที่ประจำกอง\n- อบรมการใช้ระบบเว็บไซต์",
        "๓) รายงานผลต่อผู้บริหารทุกไตรมาส",
    ]


def test_the_preamble_and_the_markers_print_as_written(personas, plan):
    from reports import pdf
    from reports.actions import do_create_memo
    from reports.models import Memo

    farming = Department.objects.get(name="กองส่งเสริมการเกษตร")
    choice = parse(nested_table(), context_for(plan)).measures[5].owner_choices[0]
    preview = parse(nested_table(), context_for(plan, {choice.key: str(farming.pk)}))
    do_import_measures(plan, preview.measures, actor=personas.clerk)
    measure = Measure.objects.get(plan=plan, number=1)
    assert measure.method_preamble.startswith("เพื่อให้การเผยแพร่ข้อมูล")
    memo = do_create_memo(personas.org, Memo.Kind.RESULTS, actor=personas.clerk, plan=plan)
    html = pdf.render_html(memo, with_attachments=True)
    cell = html.split("เพื่อให้การเผยแพร่ข้อมูลเป็นไปตามเกณฑ์", 1)[1].split("</td>", 1)[0]
    assert "<ol>" not in cell  # not numbered again
    assert "<div>๑) ปรับปรุงหน้าเว็บไซต์ของหน่วยงาน<br>- จัดหมวดหมู่ข้อมูลตามรายการ OIT" in cell


def test_numbered_items_flattened_by_word_keep_their_bullets_as_lines(plan):
    second = parse(nested_table(), context_for(plan)).measures[1]
    assert second.steps == [
        "จัดทำแผนจัดซื้อจัดจ้างประจำปี\n- ประกาศแผนบนเว็บไซต์\n- ส่งแผนให้ผู้บริหารลงนาม",
        "รายงานผลการจัดซื้อจัดจ้างทุกเดือน",
    ]


def test_numbered_items_with_bullets_on_their_own_lines_are_one_step_each(plan):
    third = parse(nested_table(), context_for(plan)).measures[2]
    assert third.steps == [
        "จัดทำคู่มือการป้องกันผลประโยชน์ทับซ้อน\n- รวบรวมกรณีตัวอย่าง\n- เผยแพร่คู่มือแก่บุคลากร",
        "จัดอบรมบุคลากร",
    ]


def test_a_flat_bullet_list_is_one_step_per_bullet(plan):
    fourth = parse(nested_table(), context_for(plan)).measures[3]
    assert fourth.steps == ["สำรวจครุภัณฑ์", "จัดทำทะเบียนคุมการยืม"]


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("ทำสิ่งเดียว", ["ทำสิ่งเดียว"]),
        ("1. ข้อหนึ่ง\n2. ข้อสอง", ["ข้อหนึ่ง", "ข้อสอง"]),
        ("๑. ข้อหนึ่ง ๒. ข้อสอง", ["ข้อหนึ่ง", "ข้อสอง"]),
        ("", []),
    ],
)
def test_split_steps_reads_the_usual_list_shapes(text, steps):
    assert split_steps(text) == steps


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("สำนักปลัดฯ", "สำนักปลัด"),
        ("ผอ.กองช่าง", "กองช่าง"),
        ("กองคลัง.", "กองคลัง"),
        ("สำนักปลัด เทศบาล", "สำนักปลัดเทศบาล"),
    ],
)
def test_owner_key_drops_titles_abbreviation_marks_and_spaces(written, key):
    assert owner_key(written) == key


def test_short_forms_and_titles_find_the_department(plan):
    measures = parse(nested_table(), context_for(plan)).measures
    assert [d.name for d in measures[0].departments] == ["สำนักปลัดเทศบาล"]  # สำนักปลัดฯ
    assert [d.name for d in measures[2].departments] == ["สำนักปลัดเทศบาล"]  # สป.
    assert [d.name for d in measures[3].departments] == ["กองช่าง"]  # ผอ.กองช่าง
    assert [d.name for d in measures[4].departments] == list(MORE_DEPARTMENTS[:2])
    assert not any(m.owner_note for m in (measures[0], measures[2], measures[3], measures[4]))


def test_an_owner_that_is_no_department_is_kept_as_text_and_said(plan):
    second = parse(nested_table(), context_for(plan)).measures[1]
    assert [d.name for d in second.departments] == ["กองคลัง"]
    assert second.owner_note == "งานพัสดุ"
    assert any("งานพัสดุ" in n for n in second.notices)
    assert not second.problems


def test_an_owner_matching_two_departments_is_asked_and_blocks_saving(plan):
    preview = parse(nested_table(), context_for(plan))
    sixth = preview.measures[5]
    assert sixth.departments == []
    assert sixth.problems == [
        "ผู้รับผิดชอบ 'กองส่งเสริมฯ' อาจหมายถึง กองส่งเสริมการเกษตร, กองส่งเสริมคุณภาพชีวิต กรุณาเลือก"
    ]
    [choice] = sixth.owner_choices
    assert [d.name for d in choice.candidates] == ["กองส่งเสริมการเกษตร", "กองส่งเสริมคุณภาพชีวิต"]
    assert not preview.ok


def test_choosing_the_owner_lets_the_table_be_saved_with_the_department(plan):
    farming = Department.objects.get(name="กองส่งเสริมการเกษตร")
    choice = parse(nested_table(), context_for(plan)).measures[5].owner_choices[0]
    preview = parse(nested_table(), context_for(plan, {choice.key: str(farming.pk)}))
    assert preview.ok
    do_import_measures(plan, preview.measures, actor=None)
    saved = Measure.objects.get(plan=plan, number=6)
    assert list(saved.departments.all()) == [farming]
    first = Measure.objects.get(plan=plan, number=1)
    assert first.method_preamble.endswith("ดำเนินการดังนี้")
    assert [s.text.split("\n")[0] for s in first.steps.all()] == [
        "๑) ปรับปรุงหน้าเว็บไซต์ของหน่วยงาน",
        "๒) แต่งตั้งผู้ดูแลข้อมูล",
        "๓) รายงานผลต่อผู้บริหารทุกไตรมาส",
    ]


def test_saying_none_of_these_keeps_the_owner_as_text(plan):
    choice = parse(nested_table(), context_for(plan)).measures[5].owner_choices[0]
    preview = parse(nested_table(), context_for(plan, {choice.key: "-"}))
    assert preview.ok
    assert preview.measures[5].departments == []
    assert preview.measures[5].owner_note == "กองส่งเสริมฯ"


def test_the_preview_page_asks_for_the_owner_and_then_saves(personas, plan):
    client = personas.client_for(personas.clerk)
    url = reverse("plan_paste", args=[personas.org.slug, plan.pk])
    page = client.post(url, {"text": nested_table(), "preview": "1"}).content.decode()
    key = "5:owner:กองส่งเสริม"
    assert f'name="resolve_{key}"' in page
    assert "เลือกส่วนราชการผู้รับผิดชอบที่ระบบไม่แน่ใจ" in page
    assert "ยืนยันเพิ่ม" not in page
    farming = Department.objects.get(name="กองส่งเสริมการเกษตร")
    data = {"text": nested_table(), f"resolve_{key}": str(farming.pk)}
    again = client.post(url, {**data, "preview": "1"}).content.decode()
    assert f'<option value="{farming.pk}" selected>' in again  # the choice stays on the page
    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    assert Measure.objects.filter(plan=plan).count() == 6
    assert list(Measure.objects.get(plan=plan, number=6).departments.all()) == [farming]


def test_a_measure_with_no_owner_is_flagged_on_the_plan(personas, plan):
    client = personas.client_for(personas.clerk)
    url = reverse("plan_paste", args=[personas.org.slug, plan.pk])
    key = "5:owner:กองส่งเสริม"
    client.post(url, {"text": nested_table(), f"resolve_{key}": "-", "confirm": "1"})
    page = client.get(reverse("plan_detail", args=[personas.org.slug, plan.pk])).content.decode()
    assert page.count("ยังไม่ได้เลือกส่วนราชการผู้รับผิดชอบ") == 1
    detail = client.get(
        reverse("measure_detail", args=[personas.org.slug, Measure.objects.get(number=6).pk])
    ).content.decode()
    assert "ยังไม่ได้เลือกส่วนราชการผู้รับผิดชอบ" in detail

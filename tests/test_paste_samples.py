"""The two measures tables in ../shared/samples, pasted as a user copies them from Word, come
out as the same measures, steps, owners and periods."""

from __future__ import annotations

import datetime as dt

import pytest

from measures.actions import do_import_measures
from measures.models import Measure
from measures.paste import parse
from tests.measure_helpers import by_question_table, context_for, make_plan, memo_measures_table

FY2566 = (dt.date(2022, 10, 1), dt.date(2023, 9, 30))


@pytest.fixture
def plan(personas, frameworks):
    return make_plan(personas.org)


def test_the_table_by_question_gives_seven_measures_one_per_issue_area(plan):
    preview = parse(by_question_table(), context_for(plan))
    assert [m.issue_area.number for m in preview.measures] == [1, 2, 3, 4, 5, 6, 7]
    first, second, third, fourth, fifth, sixth, seventh = preview.measures

    assert first.steps == ["สำรวจ/ประเมินความพึงพอใจของผู้รับบริการ/ผู้มี ส่วนได้ส่วนเสีย"]
    assert first.item_codes == ["I1", "E11"]
    assert (first.period.start, first.period.end, first.period.phrase) == (*FY2566, "ทุกไตรมาส")
    assert {d.name for d in first.departments} == {"สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง"}

    assert len(second.steps) == 2 and second.steps[1].startswith("เผยแพร่การดำเนินงานโครงการ")
    assert second.item_codes == ["E11", "E14"]
    assert third.item_codes == ["E4", "E9", "E10"]
    assert (third.period.start, third.period.end, third.period.phrase) == (*FY2566, "")
    assert fourth.item_codes == ["I19", "I20", "I21"]  # written 119, 120, 121
    assert len(fourth.steps) == 3 and fourth.steps[0].startswith("หน่วยงานควรกำหนด")
    assert fourth.steps[2].startswith("สร้างจิตสำนึกที่ดี")
    assert len(fourth.finding_lines) == 3

    assert [m.raw for m in fifth.codes] == ["17", "18"]
    assert fifth.problems == [
        "รหัส '17' อาจหมายถึง I7, I17, O17 กรุณาเลือก",
        "รหัส '18' อาจหมายถึง I8, I18, O18 กรุณาเลือก",
    ]
    assert fifth.period.phrase == "ไตรมาส ๑, ๒ และ ๔"
    assert [d.name for d in fifth.departments] == ["สำนักปลัดเทศบาล"]  # "สำนักปลัด เทศบาล"

    assert (sixth.period.start, sixth.period.end) == (dt.date(2023, 1, 1), dt.date(2023, 9, 30))
    assert sixth.item_codes == ["I27"] and [d.name for d in sixth.departments] == ["สำนักปลัดเทศบาล"]
    assert seventh.item_codes == ["E10"] and len(seventh.steps) == 1
    assert not preview.ok  # the two ambiguous codes wait for the user


def test_choosing_the_ambiguous_codes_lets_the_table_be_saved(plan):
    context = context_for(plan, {"4:17": "I7", "4:18": "-"})
    preview = parse(by_question_table(), context)
    assert preview.ok
    assert preview.measures[4].item_codes == ["I7"]
    measures = do_import_measures(plan, preview.measures, actor=None)
    assert [m.number for m in measures] == [1, 2, 3, 4, 5, 6, 7]
    saved = Measure.objects.get(plan=plan, number=5)
    assert saved.issue_area.number == 5
    assert saved.period_phrase == "ไตรมาส ๑, ๒ และ ๔"
    assert sorted(i.code for i in saved.items.all()) == ["I7"]
    assert saved.steps.count() == len(preview.measures[4].steps)


def test_the_memo_measures_table_gives_four_numbered_measures(plan):
    preview = parse(memo_measures_table(), context_for(plan))
    assert [m.number for m in preview.measures] == [1, 2, 3, 4]
    first, second, third, fourth = preview.measures

    assert first.title.startswith("โครงการปรับปรุงเว็บไซต์และถ่ายทอดความรู้")
    assert first.steps == [
        "ตรวจสอบงบประมาณและขออนุมัติผู้บริหารเพื่อดำเนินการตามโครงการและจัดฝึกอบรมพร้อม"
        "ปรับปรุงเว็บไซต์โดยเฉพาะข้อมูลที่ ปปช. ได้กำหนดไว้ใน การประเมิน ITA"
    ]
    assert [d.name for d in first.departments] == ["สำนักปลัดเทศบาล"]
    assert (first.period.start, first.period.end) == (dt.date(2023, 2, 1), dt.date(2023, 3, 31))
    assert first.follow_up == "รายงานผลการดำเนินงานในที่ประชุมประจำเดือน"
    assert first.item_codes == ["O1", "O2", "O28", "O20"]

    assert second.title.startswith("ส่งเสริมให้บุคลากรอบรม")  # numbered ๒. in Thai digits
    assert (second.period.start, second.period.end) == FY2566
    assert second.item_codes == ["O11", "O13", "O18"]

    assert third.steps == [
        "จัดตั้งคณะทำงานเพื่อดำเนินการรับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        "จัดทำข้อมูลการร้องเรียนการทุจริตและประพฤติมิชอบ และช่องทางการทุจริตให้ง่ายขึ้น",
        "ประชุมคณะทำงานเพื่อจัดทำมาตรการ",
        "มอบหมายให้กอง/สำนักรับผิดชอบในการดำเนินการ",
        "ดำเนินการตามโครงการเน้นการปลูกฝังจิตสำนึกการทำงานด้วยความซื่อสัตย์สุจริตต่อต้าน"
        "การทุจริต และเพิ่มช่องทางการร้องเรียนการทุจริตและประพฤติมิชอบ",
    ]
    assert [d.name for d in third.departments] == ["สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง"]
    assert third.item_codes == ["I30", "O30"]
    assert third.problems == ["รหัส '29' อาจหมายถึง I29, O29 กรุณาเลือก"]
    assert fourth.item_codes == ["O24"]


def test_the_memo_table_saves_after_choosing_and_keeps_every_column(plan):
    preview = parse(memo_measures_table(), context_for(plan, {"2:29": "I29"}))
    assert preview.ok
    do_import_measures(plan, preview.measures, actor=None)
    third = Measure.objects.get(plan=plan, number=3)
    assert sorted(i.code for i in third.items.all()) == ["I29", "I30", "O30"]
    assert third.steps.count() == 5
    assert third.note.startswith("ข้อเสนอแนะของ ปปช ในการประเมิน ITA 2565")
    assert third.follow_up_method.startswith("รายงานผลและเอกสารต่าง ๆ")
    assert third.period_phrase == "ตลอดปีงบประมาณ ๒๕๖๖"
    first = Measure.objects.get(plan=plan, number=1)
    assert first.period_phrase == "ก.พ. – มี.ค. ๖๖"

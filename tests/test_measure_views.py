from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from itatrack.models import AuditEvent
from measures.actions import MeasureLinks, do_save_measure, do_save_step
from measures.models import Measure, MeasureStep, Plan
from tests.measure_helpers import make_plan


@pytest.fixture
def plan(personas, frameworks):
    return make_plan(personas.org)


@pytest.fixture
def measure(plan, personas):
    return do_save_measure(
        Measure(plan=plan),
        {
            "title": "ปรับปรุงคู่มือการให้บริการ",
            "start_date": dt.date(2023, 1, 1),
            "end_date": dt.date(2023, 3, 31),
        },
        MeasureLinks(departments=[personas.department]),
        actor=None,
    )


def measure_post(plan, **overrides):
    data = {
        "title": "เผยแพร่แผนการใช้จ่ายงบประมาณ",
        "start_date": "2022-10-01",
        "end_date": "2023-09-30",
        "period_text": "",
        "number": "",
    }
    return {**data, **overrides}


def test_it_creates_a_plan_from_the_last_assessment(personas, frameworks):
    from tests.assessment_helpers import make_assessment

    assessment = make_assessment(personas.org, 2566)
    client = personas.client_for(personas.clerk)
    response = client.post(
        reverse("plan_create", args=[personas.org.slug]),
        {
            "fiscal_year": "2567",
            "assessment": assessment.pk,
            "meeting_date": "2022-11-15",
            "meeting_participants": "ผู้บริหารและพนักงาน",
            "meeting_note": "",
        },
    )
    plan = Plan.objects.get(organization=personas.org, fiscal_year=2567)
    assert response["Location"] == reverse("plan_detail", args=[personas.org.slug, plan.pk])
    assert plan.organization.issue_areas.count() == 7


def test_it_refuses_a_plan_answering_the_wrong_year(personas, frameworks):
    from tests.assessment_helpers import make_assessment

    assessment = make_assessment(personas.org, 2564)
    response = personas.client_for(personas.clerk).post(
        reverse("plan_create", args=[personas.org.slug]),
        {"fiscal_year": "2567", "assessment": assessment.pk},
    )
    assert "มาตรการปี ๒๕๖๗ ควรมาจากผลการประเมินปี ๒๕๖๖" in response.content.decode()
    assert not Plan.objects.filter(organization=personas.org).exists()


def test_it_adds_a_measure_and_writes_the_period_the_documents_way(personas, plan):
    client = personas.client_for(personas.clerk)
    response = client.post(
        reverse("measure_create", args=[personas.org.slug, plan.pk]),
        measure_post(plan, departments=[personas.department.pk]),
    )
    measure = Measure.objects.get(plan=plan)
    assert response["Location"] == reverse("measure_detail", args=[personas.org.slug, measure.pk])
    assert measure.number == 1 and measure.period_phrase == "ตลอดปีงบประมาณ ๒๕๖๖"
    html = client.get(response["Location"]).content.decode()
    assert "ตลอดปีงบประมาณ ๒๕๖๖" in html and personas.department.name in html


def test_it_refuses_an_end_before_the_start_and_keeps_the_form(personas, plan):
    response = personas.client_for(personas.clerk).post(
        reverse("measure_create", args=[personas.org.slug, plan.pk]),
        measure_post(plan, start_date="2023-03-01", end_date="2023-01-01"),
    )
    html = response.content.decode()
    assert "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม" in html and "เผยแพร่แผนการใช้จ่ายงบประมาณ" in html
    assert not Measure.objects.filter(plan=plan).exists()


def test_the_second_writer_of_a_measure_is_told_not_overwritten(personas, plan, measure):
    url = reverse("measure_edit", args=[personas.org.slug, measure.pk])
    first, second = personas.client_for(personas.clerk), personas.client_for(personas.admin)
    version = first.get(url).context["form"].initial["version"]
    assert second.get(url).context["form"].initial["version"] == version
    ok = first.post(url, measure_post(plan, title="ฉบับของคนแรก", version=version))
    assert ok.status_code == 302
    stale = second.post(url, measure_post(plan, title="ฉบับของคนที่สอง", version=version))
    assert stale.status_code == 409
    assert "มีผู้อื่นบันทึกมาตรการนี้หลังจากที่ท่านเปิดแบบฟอร์ม" in stale.content.decode()
    assert "ฉบับของคนที่สอง" in stale.content.decode()  # what they typed is still there
    measure.refresh_from_db()
    assert measure.title == "ฉบับของคนแรก"
    again = second.post(
        url, measure_post(plan, title="ฉบับของคนที่สอง", version=stale.context["form"].data["version"])
    )
    assert again.status_code == 302


def test_steps_are_added_edited_and_deleted_inline(personas, measure):
    client = personas.client_for(personas.clerk)
    slug = personas.org.slug
    added = client.post(
        reverse("step_add", args=[slug, measure.pk]),
        {"text": "ทบทวนคู่มือ", "order": ""},
        headers={"HX-Request": "true"},
    )
    step = MeasureStep.objects.get(measure=measure)
    assert f'id="step-{step.pk}"'.encode() in added.content
    # Rows only, swapped into the table; the form on the page is emptied on "step-added".
    assert added["HX-Retarget"] == "#steps" and added["HX-Trigger"] == "step-added"
    assert b"<form" not in added.content
    empty = client.post(
        reverse("step_add", args=[slug, measure.pk]), {"text": ""}, headers={"HX-Request": "true"}
    )
    assert empty["HX-Retarget"] == "#step-add"
    assert "กรุณากรอกข้อความของขั้นตอน" in empty.content.decode()
    client.post(
        reverse("step_edit", args=[slug, measure.pk, step.pk]),
        {"text": "ทบทวนและประกาศคู่มือ", "order": "1", "done": "on"},
        headers={"HX-Request": "true"},
    )
    step.refresh_from_db()
    assert step.text == "ทบทวนและประกาศคู่มือ" and step.done
    client.post(
        reverse("step_delete", args=[slug, measure.pk, step.pk]), headers={"HX-Request": "true"}
    )
    assert not MeasureStep.objects.filter(measure=measure).exists()
    verbs = list(AuditEvent.objects.filter(verb__startswith="step.").values_list("verb", flat=True))
    assert sorted(verbs) == ["step.create", "step.delete", "step.update"]


def test_deleting_a_step_renumbers_the_rest_on_the_page(personas, measure):
    for text in ("ประชุมคณะทำงาน", "จัดทำร่างคู่มือ", "เผยแพร่คู่มือ"):
        do_save_step(MeasureStep(measure=measure), {"text": text}, actor=None)
    second = MeasureStep.objects.filter(measure=measure)[1]
    response = personas.client_for(personas.clerk).post(
        reverse("step_delete", args=[personas.org.slug, measure.pk, second.pk]),
        headers={"HX-Request": "true"},
    )
    assert list(MeasureStep.objects.filter(measure=measure).values_list("text", "order")) == [
        ("ประชุมคณะทำงาน", 1),
        ("เผยแพร่คู่มือ", 2),
    ]
    assert response["HX-Retarget"] == "#steps"
    html = response.content.decode()
    assert (
        html.index("๑.") < html.index("ประชุมคณะทำงาน") < html.index("๒.") < html.index("เผยแพร่คู่มือ")
    )
    assert "จัดทำร่างคู่มือ" not in html


def test_closing_needs_a_result_and_cancelling_a_reason(personas, measure):
    client = personas.client_for(personas.clerk)
    slug = personas.org.slug
    refused = client.post(
        reverse("measure_close", args=[slug, measure.pk]), {"result": " "}, follow=True
    )
    assert "กรุณาระบุผลการดำเนินการก่อนปิดมาตรการ" in refused.content.decode()
    refused = client.post(
        reverse("measure_cancel", args=[slug, measure.pk]), {"reason": ""}, follow=True
    )
    assert "กรุณาระบุเหตุผลที่ยกเลิกมาตรการ" in refused.content.decode()
    measure.refresh_from_db()
    assert measure.status == Measure.Status.NOT_STARTED
    client.post(reverse("measure_close", args=[slug, measure.pk]), {"result": "ประกาศคู่มือแล้ว"})
    measure.refresh_from_db()
    assert (measure.status, measure.result) == (Measure.Status.DONE, "ประกาศคู่มือแล้ว")
    client.post(reverse("measure_reopen", args=[slug, measure.pk]))
    measure.refresh_from_db()
    assert measure.status == Measure.Status.NOT_STARTED


def test_the_plan_page_filters_by_department_status_and_issue_area(personas, plan, measure):
    other = do_save_measure(
        Measure(plan=plan), {"title": "มาตรการของกองคลัง"}, MeasureLinks(), actor=None
    )
    client = personas.client_for(personas.reviewer)
    url = reverse("plan_detail", args=[personas.org.slug, plan.pk])
    by_department = client.get(url, {"department": personas.department.pk}).content.decode()
    assert measure.title in by_department and other.title not in by_department
    by_status = client.get(url, {"status": "done"}).content.decode()
    assert "ไม่มีมาตรการตามตัวกรอง" in by_status
    assert "เพิ่มมาตรการ" not in client.get(url).content.decode()  # reviewers read only


def test_my_measures_lists_what_i_or_my_department_own(personas, plan, measure):
    lone = do_save_measure(
        Measure(plan=plan),
        {"title": "มาตรการของผู้บริหาร"},
        MeasureLinks(owners=[personas.executive]),
        actor=None,
    )
    mine = (
        personas.client_for(personas.clerk)
        .get(reverse("my_measures", args=[personas.org.slug]))
        .content.decode()
    )
    assert measure.title in mine and lone.title not in mine
    theirs = (
        personas.client_for(personas.executive)
        .get(reverse("my_measures", args=[personas.org.slug]))
        .content.decode()
    )
    assert lone.title in theirs


def test_the_timeline_places_a_measure_on_its_months(personas, plan, measure):
    html = (
        personas.client_for(personas.clerk)
        .get(reverse("plan_timeline", args=[personas.org.slug, plan.pk]))
        .content.decode()
    )
    assert "tl-from-4 tl-to-7" in html  # January (4th month) to March (6th)
    assert "ต.ค. ๖๕" in html and "ก.ย. ๖๖" in html


def test_it_refuses_a_department_of_another_organisation(personas, plan):
    response = personas.client_for(personas.clerk).post(
        reverse("measure_create", args=[personas.org.slug, plan.pk]),
        measure_post(plan, departments=[personas.other_department.pk]),
    )
    assert response.status_code == 200
    assert not Measure.objects.filter(plan=plan).exists()


def test_the_outcome_is_typeable_on_a_measure_tied_to_no_scores(personas, measure):
    client = personas.client_for(personas.clerk)
    page = client.get(reverse("measure_detail", args=[personas.org.slug, measure.pk]))
    html = page.content.decode()
    assert 'id="outcome"' in html and "ผลลัพธ์หรือความสำเร็จของการดำเนินการ" in html
    assert "ผลลัพธ์ต่อคะแนน ITA" not in html  # no question codes, no score table
    client.post(
        reverse("measure_outcome", args=[personas.org.slug, measure.pk]),
        {"text": "ผู้รับบริการพึงพอใจเพิ่มขึ้น\nลดเวลารอคอยลงครึ่งหนึ่ง"},
    )
    measure.refresh_from_db()
    assert measure.outcome_text == "ผู้รับบริการพึงพอใจเพิ่มขึ้น\nลดเวลารอคอยลงครึ่งหนึ่ง"


def test_a_year_typed_in_thai_digits_is_read(personas, frameworks):
    from tests.assessment_helpers import make_assessment

    assessment = make_assessment(personas.org, 2566)
    client = personas.client_for(personas.clerk)
    form = client.get(reverse("plan_create", args=[personas.org.slug])).content.decode()
    assert 'name="fiscal_year"' in form and 'type="number"' not in form
    client.post(
        reverse("plan_create", args=[personas.org.slug]),
        {
            "fiscal_year": "๒๕๖๗",
            "assessment": assessment.pk,
            "meeting_date": "",
            "meeting_participants": "",
            "meeting_note": "",
        },
    )
    assert Plan.objects.filter(organization=personas.org, fiscal_year=2567).exists()

"""A draft memo, an empty plan and an assessment entered for the wrong year can be deleted,
with the reason audited; anything that has gone further is refused in Thai."""

from __future__ import annotations

from django.urls import reverse

from assessments.models import Assessment
from itatrack.models import AuditEvent
from measures.models import Plan
from reports.actions import do_submit_memo
from reports.models import Memo
from tests.assessment_helpers import make_assessment
from tests.measure_helpers import make_plan
from tests.memo_helpers import analysis_memo


def delete(personas, name, pk, reason="สร้างผิดปี", who=None):
    client = personas.client_for(who or personas.clerk)
    return client.post(reverse(name, args=[personas.org.slug, pk]), {"reason": reason})


def test_a_draft_memo_is_deleted_with_its_reason(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    page = personas.client_for(personas.clerk).get(
        reverse("memo_detail", args=[personas.org.slug, memo.pk])
    )
    assert reverse("memo_delete", args=[personas.org.slug, memo.pk]) in page.content.decode()
    response = delete(personas, "memo_delete", memo.pk, "ซ้ำกับฉบับที่ร่างไว้แล้ว")
    assert response.status_code == 302
    assert not Memo.objects.filter(pk=memo.pk).exists()
    event = AuditEvent.objects.get(verb="memo.delete")
    assert event.data["reason"] == "ซ้ำกับฉบับที่ร่างไว้แล้ว" and event.organization == personas.org


def test_a_submitted_memo_is_refused_and_kept(personas, frameworks):
    memo = do_submit_memo(analysis_memo(personas, measures=1), actor=personas.clerk)
    response = delete(personas, "memo_delete", memo.pk)
    assert response.status_code == 400
    assert "ลบได้เฉพาะร่างบันทึกข้อความที่ยังไม่เคยเสนอ" in response.content.decode()
    assert Memo.objects.filter(pk=memo.pk).exists()


def test_a_reason_is_required(personas, frameworks):
    plan = make_plan(personas.org)
    response = delete(personas, "plan_delete", plan.pk, reason="  ")
    assert "กรุณาระบุเหตุผลที่ลบ" in response.content.decode()
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_an_empty_plan_is_deleted_and_one_with_measures_is_not(personas, frameworks):
    from measures.actions import MeasureLinks, do_save_measure
    from measures.models import Measure

    plan = make_plan(personas.org)
    assert delete(personas, "plan_delete", plan.pk).status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists()
    kept = make_plan(personas.org, fiscal_year=2567, assessed=2566)
    do_save_measure(Measure(plan=kept), {"title": "อบรม"}, MeasureLinks(), actor=None)
    response = delete(personas, "plan_delete", kept.pk)
    assert "แผนนี้มีมาตรการแล้ว" in response.content.decode()
    assert AuditEvent.objects.filter(verb="plan.delete").count() == 1


def test_an_assessment_of_the_wrong_year_is_deleted_with_its_scores(personas, frameworks):
    assessment = make_assessment(personas.org, 2564)
    assessment.indicator_scores.create(indicator=assessment.framework.indicators.first(), score=80)
    response = delete(personas, "assessment_delete", assessment.pk, "กรอกผิดปี ต้องเป็นปี ๒๕๖๕")
    assert response.status_code == 302
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert AuditEvent.objects.get(verb="assessment.delete").data["year"] == 2564


def test_an_assessment_a_plan_points_at_is_refused(personas, frameworks):
    plan = make_plan(personas.org)  # made from an assessment
    assert plan.assessment is not None
    response = delete(personas, "assessment_delete", plan.assessment_id)
    assert "จึงลบไม่ได้" in response.content.decode()
    assert Assessment.objects.filter(pk=plan.assessment_id).exists()


def test_a_reviewer_cannot_delete(personas, frameworks):
    plan = make_plan(personas.org)
    assert delete(personas, "plan_delete", plan.pk, who=personas.reviewer).status_code == 403
    assert Plan.objects.filter(pk=plan.pk).exists()

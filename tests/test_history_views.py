"""The audit trail: field history for scores, measures, steps, findings and memos, with Thai
labels, each row naming the part changed; the audit log names every object (a memo by its
ที่) and links to it."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from assessments.actions import do_save_scores
from itatrack.thai import official_digits, to_thai_digits
from measures.actions import MeasureLinks, do_save_measure, do_save_step
from measures.models import Measure, MeasureStep
from reports.actions import do_submit_memo
from tests.assessment_helpers import framework, make_assessment, sample_sheet
from tests.measure_helpers import make_plan
from tests.memo_helpers import analysis_memo


def history(personas, kind, pk, who=None):
    client = personas.client_for(who or personas.admin)
    response = client.get(reverse("object_history", args=[personas.org.slug, kind, pk]))
    return response, unescape(response.content.decode())


def test_a_reimport_keeps_the_old_scores_in_the_assessments_history(personas, frameworks):
    assessment = make_assessment(personas.org, 2564)
    sheet = sample_sheet(framework(2564))
    do_save_scores(assessment, sheet, actor=personas.clerk)
    old = sheet.items["I20"].score
    sheet.items["I20"].score = Decimal("70.00")
    sheet.indicators[4] = Decimal("71.50")
    do_save_scores(assessment, sheet, actor=personas.clerk, source="import")
    response, html = history(personas, "assessment", assessment.pk)
    assert response.status_code == 200
    assert "คะแนนข้อ I20" in html and f"คะแนน: {to_thai_digits(old)} → ๗๐.๐๐" in html
    assert "คะแนนตัวชี้วัดที่ ๔" in html and "→ ๗๑.๕๐" in html
    assert "นำเข้าคะแนนจากไฟล์" in html


def test_a_measures_history_has_its_steps_with_thai_field_names(personas, frameworks):
    plan = make_plan(personas.org)
    measure = do_save_measure(
        Measure(plan=plan), {"title": "จัดทำคู่มือ"}, MeasureLinks(), actor=personas.clerk
    )
    step = do_save_step(MeasureStep(measure=measure), {"text": "ร่างคู่มือ"}, actor=personas.clerk)
    do_save_step(step, {"text": "ร่างและประกาศคู่มือ"}, actor=personas.clerk)
    response, html = history(personas, "measure", measure.pk)
    assert response.status_code == 200
    assert "๑. ร่างและประกาศคู่มือ" in html  # the step changed, named
    assert "ขั้นตอน: ร่างคู่มือ → ร่างและประกาศคู่มือ" in html  # the field's Thai name


def test_a_memos_history_and_the_audit_log_name_it_by_its_number(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    memo = do_submit_memo(memo, actor=personas.clerk)
    response, html = history(personas, "memo", memo.pk)
    assert response.status_code == 200
    assert "การพิจารณาครั้งที่ ๑ ลำดับ ๑" in html  # the approval step, named
    log = unescape(
        personas.client_for(personas.admin)
        .get(reverse("audit_log", args=[personas.org.slug]))
        .content.decode()
    )
    detail = reverse("memo_detail", args=[personas.org.slug, memo.pk])
    title = official_digits(f"ที่ {memo.number_text} เรื่อง {memo.subject[:30]}")
    assert f'<a href="{detail}">{title}' in log
    assert "memo.submit" not in log


def test_every_audit_row_links_to_its_object(personas, frameworks):
    plan = make_plan(personas.org)
    measure = do_save_measure(
        Measure(plan=plan), {"title": "จัดทำคู่มือ"}, MeasureLinks(), actor=personas.clerk
    )
    log = personas.client_for(personas.admin).get(reverse("audit_log", args=[personas.org.slug]))
    html = unescape(log.content.decode())
    assert reverse("measure_detail", args=[personas.org.slug, measure.pk]) in html
    assert reverse("plan_detail", args=[personas.org.slug, plan.pk]) in html


def test_detail_pages_link_admins_to_the_history(personas, frameworks):
    assessment = make_assessment(personas.org, 2564)
    url = reverse("assessment_detail", args=[personas.org.slug, assessment.pk])
    link = reverse("object_history", args=[personas.org.slug, "assessment", assessment.pk])
    assert link in personas.client_for(personas.admin).get(url).content.decode()
    assert link not in personas.client_for(personas.clerk).get(url).content.decode()


def test_another_bodys_object_history_is_404(personas, frameworks):
    plan = make_plan(personas.other_org)
    measure = do_save_measure(Measure(plan=plan), {"title": "ของที่อื่น"}, MeasureLinks(), actor=None)
    response, _html = history(personas, "measure", measure.pk)
    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["assessment", "finding", "measure", "plan", "memo"])
def test_clerks_cannot_open_histories(personas, frameworks, kind):
    response = personas.client_for(personas.clerk).get(
        reverse("object_history", args=[personas.org.slug, kind, 1])
    )
    assert response.status_code == 403

"""Two people open the same form; the first saves. The second is told, keeps what they typed,
and overwrites nothing: for steps, findings, plans and the organisation's settings, as for
measures and memos."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments.actions import do_propose_findings, do_save_scores
from assessments.models import Finding
from measures.actions import MeasureLinks, do_save_measure, do_save_step
from measures.models import Measure, MeasureStep
from tests.assessment_helpers import framework, make_assessment, sample_sheet
from tests.measure_helpers import make_plan
from tests.test_organization_edit_view import form_data as organization_data

STALE = "หลังจากที่ท่านเปิดแบบฟอร์ม"


def _race(url, personas, post, *, field: str, htmx: bool = False, first=None, second=None):
    """Both open the form (the clerk and the admin unless told); the first saves 'ฉบับแรก',
    then the second saves 'ฉบับที่สอง'."""
    first = first or personas.client_for(personas.clerk)
    second = second or personas.client_for(personas.admin)
    headers = {"HX-Request": "true"} if htmx else {}
    version = first.get(url, headers=headers).context["form"].initial["version"]
    assert second.get(url, headers=headers).context["form"].initial["version"] == version
    ok = first.post(url, post(**{field: "ฉบับแรก", "version": version}), headers=headers)
    assert ok.status_code in (200, 302)
    return second.post(url, post(**{field: "ฉบับที่สอง", "version": version}), headers=headers)


def _assert_told(response, status: int) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert STALE in html and "ฉบับที่สอง" in html  # told, and the typed text is still there


@pytest.fixture
def plan(personas, frameworks):
    return make_plan(personas.org)


def test_a_stale_step_edit_is_refused_and_the_first_save_kept(personas, plan):
    measure = do_save_measure(Measure(plan=plan), {"title": "มาตรการ"}, MeasureLinks(), actor=None)
    step = do_save_step(MeasureStep(measure=measure), {"text": "เดิม"}, actor=None)
    url = reverse("step_edit", args=[personas.org.slug, measure.pk, step.pk])

    def post(**values):
        return {"order": 1, "text": "", "department": "", "owner": "", **values}

    response = _race(
        url,
        personas,
        post,
        field="text",
        htmx=True,
    )
    _assert_told(response, 200)  # htmx swaps only successful answers
    step.refresh_from_db()
    assert step.text == "ฉบับแรก"


def test_a_stale_finding_edit_is_refused_and_the_first_save_kept(personas, frameworks):
    assessment = make_assessment(personas.org, 2564)
    do_save_scores(assessment, sample_sheet(framework(2564)), actor=None)
    do_propose_findings(assessment, actor=None)
    finding = Finding.objects.filter(assessment=assessment).first()
    url = reverse("finding_edit", args=[personas.org.slug, assessment.pk, finding.pk])

    def post(**values):
        return {
            "indicator": finding.indicator_id,
            "kind": finding.kind,
            "items": [],
            "recommendation": "",
            "root_cause": "",
            **values,
        }

    response = _race(
        url,
        personas,
        post,
        field="text",
    )
    _assert_told(response, 200)
    finding.refresh_from_db()
    assert finding.text == "ฉบับแรก"


def _plan_post(plan):
    def post(**values):
        return {"fiscal_year": plan.fiscal_year, "assessment": plan.assessment_id, **values}

    return post


def test_a_stale_plan_edit_is_refused_and_the_first_save_kept(personas, plan):
    url = reverse("plan_edit", args=[personas.org.slug, plan.pk])
    post = _plan_post(plan)
    response = _race(
        url,
        personas,
        post,
        field="meeting_note",
    )
    _assert_told(response, 409)
    plan.refresh_from_db()
    assert plan.meeting_note == "ฉบับแรก"


def test_a_stale_organisation_edit_is_refused_and_the_first_save_kept(personas):
    url = reverse("organization_edit", args=[personas.org.slug])

    def post(**values):
        return organization_data(personas.org, **values)

    admin = personas.client_for(personas.admin)
    response = _race(url, personas, post, field="address", first=admin)
    _assert_told(response, 409)
    personas.org.refresh_from_db()
    assert personas.org.address == "ฉบับแรก"


def test_saving_again_after_the_warning_is_a_deliberate_overwrite(personas, plan):
    url = reverse("plan_edit", args=[personas.org.slug, plan.pk])
    post = _plan_post(plan)
    stale = _race(url, personas, post, field="meeting_note")
    current = stale.context["form"].data["version"]
    again = personas.client_for(personas.admin).post(
        url, post(meeting_note="ฉบับที่สอง", version=current)
    )
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.meeting_note == "ฉบับที่สอง"

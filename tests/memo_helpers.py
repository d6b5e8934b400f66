"""Builders for memo tests: a plan with measures, and an analysis memo drafted from it."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest

from assessments.actions import do_save_scores
from itatrack import fonts
from itatrack.models import Organization, Role
from measures.actions import MeasureLinks, do_save_measure, do_save_step
from measures.models import Measure, MeasureStep
from reports.access import current_step
from reports.actions import Decision, do_create_memo, do_decide, do_set_route, do_submit_memo
from reports.models import Memo, Verb
from tests.assessment_helpers import framework, sample_sheet
from tests.measure_helpers import make_plan
from tests.worker import run_tasks

CM = 72 / 2.54  # points per centimetre


def plan_with_measures(org: Organization, count: int = 4):
    plan = make_plan(org, fiscal_year=2566, assessed=2565)
    do_save_scores(plan.assessment, sample_sheet(framework(2565)), actor=None)
    for n in range(1, count + 1):
        measure = do_save_measure(
            Measure(plan=plan),
            {
                "title": f"มาตรการที่ {n} ส่งเสริมความโปร่งใสในการดำเนินงานของหน่วยงาน",
                "start_date": dt.date(2022, 10, 1),
                "end_date": dt.date(2023, 3, 31),
                "follow_up_method": "รายงานผลในที่ประชุมประจำเดือน",
            },
            MeasureLinks(),
            actor=None,
        )
        for s in range(1, 4):
            do_save_step(
                MeasureStep(measure=measure),
                {"text": f"ขั้นตอนที่ {s} ดำเนินการตามแผนและรายงานผลต่อผู้บริหาร"},
                actor=None,
            )
    return plan


def analysis_memo(personas, measures: int = 4) -> Memo:
    plan = plan_with_measures(personas.org, measures)
    memo = do_create_memo(
        personas.org,
        Memo.Kind.ANALYSIS,
        actor=personas.clerk,
        assessment=plan.assessment,
        plan=plan,
    )
    do_set_route(
        memo,
        [(personas.reviewer, Verb.ENDORSE), (personas.executive, Verb.APPROVE)],
        actor=personas.clerk,
    )
    return memo


def approved_memo(personas, measures: int = 1) -> Memo:
    """An analysis memo through its whole route: the final copy is kept."""
    return approve_through(personas, analysis_memo(personas, measures))


def approve_through(personas, memo: Memo, approvers=None) -> Memo:
    """Submit memo and approve it at every step of its route; the final copy is kept."""
    do_submit_memo(memo, actor=personas.clerk)
    for actor in approvers or (personas.reviewer, personas.executive):
        memo.refresh_from_db()
        do_decide(current_step(memo), Decision.APPROVE, "เห็นชอบ", actor=actor)
    run_tasks()  # the worker keeps the final copy
    memo.refresh_from_db()
    assert memo.status == Memo.Status.APPROVED
    return memo


def kept_bytes(memo: Memo) -> bytes:
    with memo.pdf.open("rb") as handle:
        return handle.read()


def edit_page_post(personas, memo: Memo, form, **overrides) -> dict:
    """What the memo edit page posts back unchanged (no sections), with overrides."""
    data = {
        name: form.initial.get(name, "")
        for name in ("department_text", "subject", "addressee", "closing")
    }
    data.update(
        {
            "signer": personas.clerk.pk,
            "version": form.initial["version"],
            "attachments": memo.attachments,
            "oit_answer": form.initial.get("oit_answer", ""),
            "s-TOTAL_FORMS": "0",
            "s-INITIAL_FORMS": "0",
            "s-MIN_NUM_FORMS": "0",
            "s-MAX_NUM_FORMS": "30",
        }
    )
    return {**data, **overrides}


# The text layer reads back word for word only with TH SarabunPSK (memo spec, trap 4).
needs_official_font = pytest.mark.skipif(
    fonts.find_pdf_fonts() is None or not fonts.find_pdf_fonts().is_official,
    reason="the text layer reads back only with TH SarabunPSK: make setup",
)


def correction_of(personas, memo: Memo) -> Memo:
    """A second memo for the same plan, approved: what a body publishes to correct the first."""
    second = do_create_memo(
        personas.org,
        Memo.Kind.ANALYSIS,
        actor=personas.clerk,
        assessment=memo.assessment,
        plan=memo.plan,
    )
    do_set_route(second, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    do_submit_memo(second, actor=personas.clerk)
    do_decide(
        second.steps.get(round=1, order=1), Decision.APPROVE, "อนุมัติ", actor=personas.executive
    )
    run_tasks()
    second.refresh_from_db()
    return second


def demo_certificate(org: Organization, actor, *, days: int = 365) -> None:
    from reports import signing
    from reports.publishing import do_upload_certificate

    do_upload_certificate(
        org, signing.self_signed_p12(org.name, "pw", days=days), "pw", actor=actor
    )


def read_pdf(content: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(content))


__all__ = [
    "CM",
    "Role",
    "analysis_memo",
    "approve_through",
    "approved_memo",
    "correction_of",
    "demo_certificate",
    "edit_page_post",
    "kept_bytes",
    "needs_official_font",
    "plan_with_measures",
    "read_pdf",
]


def memo_edit_data(personas, form, **overrides) -> dict:
    """What the memo edit page posts: its fields and one section of two paragraphs."""
    return {
        "department": personas.department.pk,
        "department_text": "",
        "date": "",
        "subject": "เรื่องใหม่",
        "addressee": "นายกเทศมนตรีตำบลบ้านทดสอบ",
        "closing": Memo.Closing.CONSIDER,
        "signer": personas.reviewer.pk,
        "attachments": ["measures"],
        "version": form.initial["version"],
        "s-TOTAL_FORMS": "2",
        "s-INITIAL_FORMS": "0",
        "s-MIN_NUM_FORMS": "0",
        "s-MAX_NUM_FORMS": "30",
        "s-0-heading": "๑. เรื่องเดิม",
        "s-0-text": "ย่อหน้าหนึ่ง\nย่อหน้าสอง",
        "s-1-heading": "",
        "s-1-text": "",
        **overrides,
    }

"""Builders for memo tests: a plan with measures, and an analysis memo drafted from it."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber

from assessments.actions import do_save_scores
from itatrack.models import Organization, Role
from measures.actions import MeasureLinks, do_save_measure, do_save_step
from measures.models import Measure, MeasureStep
from reports.actions import do_create_memo, do_set_route
from reports.models import Memo, Verb
from tests.assessment_helpers import framework, sample_sheet
from tests.measure_helpers import make_plan

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
        author=personas.clerk,
        assessment=plan.assessment,
        plan=plan,
    )
    do_set_route(
        memo,
        [(personas.reviewer, Verb.ENDORSE), (personas.executive, Verb.APPROVE)],
        actor=personas.clerk,
    )
    return memo


def read_pdf(content: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(content))


__all__ = ["CM", "Role", "analysis_memo", "plan_with_measures", "read_pdf"]

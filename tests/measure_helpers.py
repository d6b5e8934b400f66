"""Builders for measures tests: a 2566 plan answering a 2565 assessment, and the sample
tables of tests/data."""

from __future__ import annotations

from pathlib import Path

from assessments.models import Assessment, Framework
from itatrack.models import Department, Organization
from measures.actions import do_create_plan
from measures.models import IssueArea, Plan
from measures.paste import PasteContext

DATA = Path(__file__).resolve().parent / "data"


def by_question_table() -> str:
    """A measures table by question, as a user copies it from Word."""
    return (DATA / "measures-table-by-question.txt").read_text(encoding="utf-8").rstrip("\n")


def memo_measures_table() -> str:
    """The measures table of an analysis memo, header row first."""
    return (DATA / "memo-measures-table.txt").read_text(encoding="utf-8").rstrip("\n")


def make_plan(org: Organization, fiscal_year: int = 2566, assessed: int = 2565) -> Plan:
    for name in ("กองคลัง", "กองช่าง"):
        Department.objects.get_or_create(organization=org, name=name)
    assessment = Assessment.objects.create(
        organization=org, framework=Framework.objects.get(fiscal_year=assessed)
    )
    return do_create_plan(org, fiscal_year=fiscal_year, assessment=assessment, actor=None)


def context_for(plan: Plan, resolutions: dict[str, str] | None = None) -> PasteContext:
    framework = plan.assessment.framework
    return PasteContext(
        plan.fiscal_year,
        {i.code: i.text for i in framework.items.all()},
        list(Department.objects.for_org(plan.organization).active()),
        list(IssueArea.objects.filter(organization=plan.organization)),
        resolutions,
    )

"""Builders for measures tests: a 2566 plan answering a 2565 assessment, and the sample
tables from ../shared/samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.models import Assessment, Framework
from itatrack.models import Department, Organization
from measures.actions import do_create_plan
from measures.models import IssueArea, Plan
from measures.paste import PasteContext

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def sample_lines(name: str, first: int, last: int) -> str:
    """Lines first..last (0-based, inclusive) of a sample: the table as a user would copy it."""
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"shared sample {name} not found")
    return "\n".join(path.read_text(encoding="utf-8").split("\n")[first : last + 1])


def by_question_table() -> str:
    return sample_lines("measures-table-by-question.txt", 15, 42)


def memo_measures_table() -> str:
    return sample_lines("memo-analysis-and-measures-2565.txt", 129, 133)


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

"""The title and the sentence under the title of each generated annex: the defaults the data
gives, and the memo's own words where the office wrote them (Memo.annex_texts)."""

from __future__ import annotations

from itatrack.thai import to_thai_digits
from reports.models import Attachment, Memo

MEASURES_NAME = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
ITA_NAME = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"


def _year_phrase(year: int | None, org_name: str) -> str:
    return f"ประจำปีงบประมาณ พ.ศ. {to_thai_digits(year)} {org_name}" if year else org_name


def default_text(memo: Memo, key: str) -> tuple[str, str]:
    org = memo.organization.name
    assessment_year = memo.assessment.fiscal_year if memo.assessment else None
    plan_year = memo.plan.fiscal_year if memo.plan else None
    if key == Attachment.SCORES:
        return str(Attachment.SCORES.label), _year_phrase(assessment_year, org)
    if key == Attachment.ANALYSIS:
        return str(Attachment.ANALYSIS.label), f"{ITA_NAME} {_year_phrase(assessment_year, org)}"
    if key == Attachment.MEASURES:
        return MEASURES_NAME, _year_phrase(plan_year, org)
    return str(Attachment.RESULTS.label), f"{MEASURES_NAME} {_year_phrase(plan_year, org)}"


def annex_texts(memo: Memo, *, defaults: bool = False) -> list[tuple[str, str, str]]:
    """(key, title, intro) of each generated annex the memo carries, in its order."""
    own = memo.annex_texts or {}
    found = []
    for key in memo.attachments:
        if key not in Attachment.values:
            continue
        needs = (
            memo.assessment_id if key in (Attachment.SCORES, Attachment.ANALYSIS) else memo.plan_id
        )
        if needs is None:  # nothing to build it from
            continue
        title, intro = default_text(memo, key)
        if not defaults:
            title = own.get(key, {}).get("title") or title
            intro = own.get(key, {}).get("intro") or intro
        found.append((key, title, intro))
    return found

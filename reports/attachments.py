"""The tables attached to a memo, built from the current data (until the memo is approved,
when the whole PDF is kept as it was)."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import Any

from assessments.models import Assessment, Finding
from assessments.scoring import tool_scores_from_indicators
from measures.models import Measure
from measures.models.plans import BY_AREA
from measures.outcome import sentence
from reports.annexes import annex_texts
from reports.models import Attachment, Memo


def _owners(measure: Measure) -> str:
    names = [d.name for d in measure.departments.all()]
    names += [m.display_name for m in measure.owners.all()]
    if measure.owner_note:
        names.append(measure.owner_note)
    return "\n".join(names)


# A row with more text than this in one cell may run on to the next page; a shorter one moves
# whole, so that a two-line row is never cut after its first line. About a third of a page of
# a narrow column.
TALL_ROW_CHARACTERS = 450


def is_tall(*cells: str) -> bool:
    return max((len(cell) for cell in cells), default=0) > TALL_ROW_CHARACTERS


def _measures(memo: Memo) -> list[Measure]:
    if memo.plan is None:
        return []
    return list(
        memo.plan.measures.select_related("issue_area", "plan__assessment", "plan__organization")
        .prefetch_related(
            "departments",
            "owners",
            "steps",
            "items__indicator",
            "findings__indicator",
            "follow_ups",
        )
        .order_by(BY_AREA, "number")
    )


def tool_scores(assessment: Assessment) -> dict[str, Any]:
    """IIT/EIT/OIT as NACC reported them, else derived from the indicators where the year's
    indicator weights are known; None where neither (the memo page says why)."""
    rows = assessment.indicator_scores.select_related("indicator")
    derived = tool_scores_from_indicators(
        assessment.framework, {s.indicator.number: s.score for s in rows}
    )
    tools: dict[str, Any] = {}
    for tool, typed in (
        ("IIT", assessment.iit_score),
        ("EIT", assessment.eit_score),
        ("OIT", assessment.oit_score),
    ):
        found = derived.get(tool)
        if typed is not None:
            tools[tool] = typed
        elif found is not None and not found.equal_weights:
            tools[tool] = found.score
        else:
            tools[tool] = None
    return tools


def scores(memo: Memo) -> dict[str, Any] | None:
    assessment = memo.assessment
    if assessment is None:
        return None
    rows = assessment.indicator_scores.select_related("indicator").order_by("indicator__number")
    return {
        "assessment": assessment,
        "rows": list(rows),
        "pass_mark": assessment.framework.pass_mark,
        "tools": tool_scores(assessment),
    }


# The analysis table's columns after the indicator, as in NACC's form, with strengths added:
# (key, heading). A column no row has data for is left out (the memo page says so, not the
# paper). Widths are designed, not measured per render: a share of the width for each column,
# wide enough that no department name or heading word is split.
ANALYSIS_SHARE = {
    "urgent": 12,
    "improve": 12,
    "strength": 10,
    "owners": 9,
    "steps": 12,
    "follow_up": 10,
    "note": 8,
}
ANALYSIS_FIRST = 16
ANALYSIS_COLUMNS = [
    ("urgent", "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน"),
    ("improve", "ประเด็นที่ต้องพัฒนาให้ดีขึ้น"),
    ("strength", "จุดแข็ง"),
    ("owners", "การมอบหมายส่วนราชการ/เจ้าหน้าที่ผู้รับผิดชอบ"),
    ("steps", "การกำหนดขั้นตอนและแนวทางปฏิบัติ"),
    ("follow_up", "แนวทางการกำกับติดตามรายงานผล"),
    ("note", "หมายเหตุ"),
]
FINDING_COLUMN = {
    Finding.Kind.URGENT: "urgent",
    Finding.Kind.IMPROVE: "improve",
    Finding.Kind.STRENGTH: "strength",
}


def analysis(memo: Memo) -> dict[str, Any] | None:
    assessment = memo.assessment
    if assessment is None:
        return None
    findings = (
        assessment.findings.filter(state=Finding.State.CONFIRMED)
        .select_related("indicator")
        .order_by("indicator__number", "kind", "id")
    )
    by_indicator: dict[int, dict[str, Any]] = {}
    for finding in findings:
        row = by_indicator.setdefault(
            finding.indicator.number,
            {"indicator": finding.indicator, **{key: [] for key, _heading in ANALYSIS_COLUMNS}},
        )
        row[FINDING_COLUMN[Finding.Kind(finding.kind)]].append(finding.text)
        if finding.recommendation:
            row["note"].append(finding.recommendation)
    scores_by_number = {
        s.indicator.number: s.score for s in assessment.indicator_scores.select_related("indicator")
    }
    for measure in _measures(memo):
        numbers = {f.indicator.number for f in measure.findings.all()} | {
            i.indicator.number for i in measure.items.all()
        }
        for number in numbers & set(by_indicator):
            row = by_indicator[number]
            row["owners"] += [d.name for d in measure.departments.all()]
            if measure.owner_note:
                row["owners"].append(measure.owner_note)
            row["steps"].append(f"{measure.number}. {measure.title}")
            if measure.follow_up_method:
                row["follow_up"].append(measure.follow_up_method)
    rows = [by_indicator[number] for number in sorted(by_indicator)]
    for row in rows:
        row["score"] = scores_by_number.get(row["indicator"].number)
        for key in ("owners", "follow_up", "note"):
            row[key] = list(dict.fromkeys(row[key]))
    shown = [(key, heading) for key, heading in ANALYSIS_COLUMNS if any(r[key] for r in rows)]
    if not rows:
        shown = ANALYSIS_COLUMNS
    for row in rows:
        row["cells"] = [row[key] for key, _heading in shown]
    shares = [ANALYSIS_SHARE[key] for key, _heading in shown]
    rest = 100 - ANALYSIS_FIRST
    return {
        "assessment": assessment,
        "rows": rows,
        "headings": [heading for _key, heading in shown],
        "widths": [ANALYSIS_FIRST] + [round(rest * share / sum(shares), 1) for share in shares],
        "left_out": [heading for key, heading in ANALYSIS_COLUMNS if (key, heading) not in shown],
    }


def measures(memo: Memo) -> dict[str, Any] | None:
    if memo.plan is None:
        return None
    found = _measures(memo)
    for measure in found:
        # read by the template's row; set here, where the steps are already fetched
        measure.is_tall_row = is_tall(  # type: ignore[attr-defined]
            "\n".join(s.text for s in measure.steps.all()), measure.follow_up_method, measure.note
        )
    groups = [(area, list(items)) for area, items in groupby(found, key=lambda m: m.issue_area)]
    return {"plan": memo.plan, "groups": groups, "owners": _owners}


def results(memo: Memo) -> dict[str, Any] | None:
    if memo.plan is None:
        return None
    rows = defaultdict(list)
    for measure in _measures(memo):
        follow_ups = sorted(measure.follow_ups.all(), key=lambda f: f.date)
        outcome = measure.outcome_text or sentence(measure)
        rows[measure.issue_area].append(
            {
                "tall": is_tall(
                    "\n".join(f.text for f in follow_ups) + measure.result,
                    "\n".join(s.text for s in measure.steps.all()),
                    outcome,
                ),
                "measure": measure,
                "owner_lines": [line for line in _owners(measure).split("\n") if line],
                "follow_ups": follow_ups,
                "outcome": outcome,
            }
        )
    return {"plan": memo.plan, "groups": list(rows.items())}


BUILDERS = {
    Attachment.SCORES: (scores, "reports/pdf/attach_scores.html", False),
    Attachment.ANALYSIS: (analysis, "reports/pdf/attach_analysis.html", True),
    Attachment.MEASURES: (measures, "reports/pdf/attach_measures.html", True),
    Attachment.RESULTS: (results, "reports/pdf/attach_results.html", True),
}


def build(memo: Memo) -> list[dict[str, Any]]:
    built = []
    for key, title, intro in annex_texts(memo):
        builder, template, landscape = BUILDERS[Attachment(key)]
        data = builder(memo)
        if data is not None:
            built.append(
                {
                    "key": key,
                    "title": title,
                    "intro": intro,
                    "template": template,
                    "landscape": landscape,
                    "data": data,
                    "memo": memo,
                }
            )
    return built

"""The tables attached to a memo, built from the current data (until the memo is approved,
when the whole PDF is kept as it was)."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import Any

from assessments.models import Finding
from measures.models import Measure
from measures.models.plans import BY_AREA
from measures.outcome import sentence
from reports.models import Attachment, Memo


def _owners(measure: Measure) -> str:
    names = [d.name for d in measure.departments.all()]
    names += [m.display_name for m in measure.owners.all()]
    if measure.owner_note:
        names.append(measure.owner_note)
    return "\n".join(names)


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


def scores(memo: Memo) -> dict[str, Any] | None:
    assessment = memo.assessment
    if assessment is None:
        return None
    rows = assessment.indicator_scores.select_related("indicator").order_by("indicator__number")
    return {
        "assessment": assessment,
        "rows": list(rows),
        "pass_mark": assessment.framework.pass_mark,
    }


# The analysis table's columns after the indicator, as in NACC's form, with strengths added:
# (key, heading). A column no row has data for is left out, and the page says so.
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
    return {
        "assessment": assessment,
        "rows": rows,
        "headings": [heading for _key, heading in shown],
        "left_out": [heading for key, heading in ANALYSIS_COLUMNS if (key, heading) not in shown],
    }


def measures(memo: Memo) -> dict[str, Any] | None:
    if memo.plan is None:
        return None
    groups = [
        (area, list(items)) for area, items in groupby(_measures(memo), key=lambda m: m.issue_area)
    ]
    return {"plan": memo.plan, "groups": groups, "owners": _owners}


def results(memo: Memo) -> dict[str, Any] | None:
    if memo.plan is None:
        return None
    rows = defaultdict(list)
    for measure in _measures(memo):
        follow_ups = sorted(measure.follow_ups.all(), key=lambda f: f.date)
        rows[measure.issue_area].append(
            {
                "measure": measure,
                "owners": _owners(measure),
                "follow_ups": follow_ups,
                "outcome": measure.outcome_text or sentence(measure),
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
    for key in memo.attachments:
        if key not in BUILDERS:
            continue
        builder, template, landscape = BUILDERS[key]
        data = builder(memo)
        if data is not None:
            built.append(
                {
                    "key": key,
                    "title": Attachment(key).label,
                    "template": template,
                    "landscape": landscape,
                    "data": data,
                    "memo": memo,
                }
            )
    return built

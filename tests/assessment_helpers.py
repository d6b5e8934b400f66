"""Builders for assessment tests: a complete 2564 result, and the same result as grid form
data and as a filled XLSX template."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from assessments import importing
from assessments.models import Assessment, Framework
from assessments.scoresheet import ItemValue, ScoreSheet
from itatrack.models import Organization
from itatrack.thai import to_thai_digits


def framework(year: int = 2564) -> Framework:
    return Framework.objects.get(fiscal_year=year)


def sample_sheet(fw: Framework) -> ScoreSheet:
    """A full result: questions 60.00–99.xx, every fifth OIT item failed with a remark."""
    sheet = ScoreSheet(
        total=Decimal("86.41"),
        level="A",
        tools={"IIT": Decimal("88.10"), "EIT": Decimal("84.95"), "OIT": Decimal("86.05")},
    )
    for indicator in fw.indicators.all():
        sheet.indicators[indicator.number] = Decimal("80.00") + indicator.number
    for n, item in enumerate(fw.items.all()):
        if item.is_pass_fail:
            failed = n % 5 == 0
            sheet.items[item.code] = ItemValue(
                passed=not failed, remark="ไม่พบข้อมูลปีปัจจุบัน" if failed else ""
            )
        else:
            sheet.items[item.code] = ItemValue(
                score=Decimal("60.00") + Decimal(n % 40) + Decimal("0.25")
            )
    return sheet


def grid_data(sheet: ScoreSheet, thai_digits: bool = True) -> dict[str, str]:
    """The grid's POST data as a clerk would type it (Thai digits by default)."""

    def typed(value: Decimal | None) -> str:
        if value is None:
            return ""
        return to_thai_digits(value) if thai_digits else str(value)

    data = {"total": typed(sheet.total), "level": sheet.level}
    for tool, value in sheet.tools.items():
        data[f"tool_{tool}"] = typed(value)
    for number, value in sheet.indicators.items():
        data[f"ind_{number}"] = typed(value)
    for code, value in sheet.items.items():
        if value.passed is None:
            data[f"item_{code}"] = typed(value.score)
        else:
            data[f"pass_{code}"] = "pass" if value.passed else "fail"
        data[f"remark_{code}"] = value.remark
    return data


def filled_xlsx(fw: Framework, sheet: ScoreSheet) -> bytes:
    """The app's own XLSX template, downloaded and filled in as a clerk would."""
    return fill_template(importing.rows_xlsx("t", importing.template_rows(fw)), sheet)


def fill_template(template: bytes, sheet: ScoreSheet) -> bytes:
    """A year's XLSX template with the sheet's values typed into it."""
    workbook = load_workbook(io.BytesIO(template))
    ws = workbook.active
    by_code = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    by_code["TOTAL"][2].value = _cell(sheet.total)
    by_code["LEVEL"][2].value = sheet.level
    for tool, value in sheet.tools.items():
        by_code[tool][2].value = _cell(value)
    for number, value in sheet.indicators.items():
        by_code[f"IND{number}"][2].value = _cell(value)
    for code, value in sheet.items.items():
        row = by_code[code]
        if value.passed is None:
            row[2].value = float(value.score)
        else:
            row[3].value = "ผ่าน" if value.passed else "ไม่ผ่าน"
        row[4].value = value.remark or None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def snapshot(assessment: Assessment) -> tuple:
    """Everything saved for an assessment, comparable between two assessments."""
    assessment.refresh_from_db()
    return (
        assessment.total_score,
        assessment.official_level,
        assessment.iit_score,
        assessment.eit_score,
        assessment.oit_score,
        sorted((s.indicator.number, s.score) for s in assessment.indicator_scores.all()),
        sorted((s.item.code, s.score, s.passed, s.remark) for s in assessment.item_scores.all()),
    )


def make_assessment(org: Organization, year: int = 2564) -> Assessment:
    return Assessment.objects.create(organization=org, framework=framework(year))

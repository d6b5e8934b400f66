"""A plan as a spreadsheet in the shape of the measures tables bodies already publish; pasted
back from Excel it gives the same plan."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from itatrack.spreadsheets import formula_safe
from itatrack.thai import to_thai_digits
from measures.models import Measure, Plan
from measures.models.plans import BY_AREA

HEADER = [
    "ประเด็น",
    "มาตรการ/แนวทาง",
    "ข้อคำถาม",
    "ข้อค้นพบ",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "การติดตามผล",
    "หมายเหตุ",
]
WIDTHS = (22, 34, 30, 30, 44, 20, 16, 26, 24)


def measure_row(measure: Measure) -> list[str]:
    area = measure.issue_area
    departments = [d.name for d in measure.departments.all()]
    owners = "\n".join(departments + ([measure.owner_note] if measure.owner_note else []))
    questions = "\n".join(f"{i.code} {i.text}".strip() for i in measure.items.all())
    steps = "\n".join(
        f"{n}. {s.text}" for n, s in enumerate(measure.steps.order_by("order"), start=1)
    )
    # Every column: the period, for one, is whatever was typed as its text.
    return [
        formula_safe(value)
        for value in (
            f"({area.number}) {area.name}" if area else "",
            f"{measure.number}. {measure.title}",
            questions,
            measure.finding_text,
            steps,
            owners,
            measure.period_phrase,
            measure.follow_up_method,
            measure.note,
        )
    ]


def plan_rows(plan: Plan) -> list[list[str]]:
    measures = (
        plan.measures.select_related("issue_area")
        .prefetch_related("departments", "items", "steps")
        .order_by(BY_AREA, "number")
    )
    return [measure_row(m) for m in measures]


def plan_xlsx(plan: Plan) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"มาตรการ {plan.fiscal_year}"
    sheet.append(
        [
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
            f"{to_thai_digits(plan.fiscal_year)} {plan.organization.name}"
        ]
    )
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in plan_rows(plan):
        sheet.append(row)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.data_type = "s"
    for column, width in zip("ABCDEFGHI", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.print_title_rows = "2:2"
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

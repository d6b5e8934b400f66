"""Small workbooks that would take a worker down are refused from their zip before openpyxl
parses them: a million shared strings, a sheet as wide as Excel allows, too many rows; what is
accepted is read under a time bound; a malformed part is "เสียหาย", never a 500."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from assessments import importing
from assessments.workbook_limits import WorkbookRefused, check_workbook, column_number
from tests.test_import_limits import refused
from tests.test_import_views import assert_nothing_written, upload, xlsx_of

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def parts_of(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def packed(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_shared_strings(count: int) -> bytes:
    """The attack's shape: count one-letter shared strings, which deflate to almost nothing."""
    parts = parts_of(xlsx_of([["O1", "รายการ", "100", "ผ่าน", ""]]))
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{count}" '
        f'uniqueCount="{count}">'.encode()
        + b"<si><t>a</t></si>" * count
        + b"</sst>"
    )
    if b"sharedStrings" not in parts["[Content_Types].xml"]:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/>'
            "</Types>".encode(),
        )
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>",
            f'<Relationship Id="rIdS" Type="{SST_REL}" Target="sharedStrings.xml"/>'
            "</Relationships>".encode(),
        )
    return packed(parts)


def with_sheet(body: bytes, dimension: str = "") -> bytes:
    parts = parts_of(xlsx_of([]))
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{head}'
        "<sheetData>".encode()
        + body
        + b"</sheetData></worksheet>"
    )
    return packed(parts)


def wide_sparse(rows: int) -> bytes:
    """One real cell per row and an empty one in the last column Excel has (XFD)."""
    body = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c><c r="XFD%d"/></row>'
        % (r, r, r)
        for r in range(1, rows + 1)
    )
    return with_sheet(body, dimension=f"A1:XFD{rows}")


def with_bad_fill() -> bytes:
    """A styles part whose fill openpyxl cannot build (TypeError inside openpyxl)."""
    parts = parts_of(xlsx_of([["O1", "รายการ", "100", "ผ่าน", ""]]))
    parts["xl/styles.xml"] = re.sub(
        rb"<fills[^>]*>.*?</fills>",
        b'<fills count="1"><fill><bogus a="1"/></fill></fills>',
        parts["xl/styles.xml"],
        flags=re.S,
    )
    return packed(parts)


@pytest.fixture
def never_parsed(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("openpyxl parsed a workbook that its zip already refused")

    monkeypatch.setattr(importing, "load_workbook", never)


@pytest.fixture
def assessment(personas, frameworks):
    from tests.assessment_helpers import make_assessment

    return make_assessment(personas.org, 2564)


@pytest.fixture
def clerk(personas):
    return personas.client_for(personas.clerk)


def test_a_million_tiny_shared_strings_are_refused_before_parsing(clerk, assessment, never_parsed):
    workbook = with_shared_strings(1_150_000)
    assert len(workbook) < 100_000  # the attack's 49 KB, give or take
    refused(upload(clerk, assessment, "strings.xlsx", workbook), "ไม่ใช่แบบฟอร์มผลการประเมิน")
    assert_nothing_written(assessment)


def test_shared_strings_are_counted_even_when_the_part_is_small(never_parsed, settings):
    workbook = with_shared_strings(settings.XLSX_MAX_SHARED_STRINGS + 1)
    with pytest.raises(WorkbookRefused, match="ไฟล์มีข้อความมากกว่า ๒๐,๐๐๐ รายการ"):
        check_workbook(workbook)


def test_a_wide_sparse_sheet_is_refused_before_parsing(clerk, assessment, never_parsed):
    workbook = wide_sparse(1500)
    assert len(workbook) < 30_000
    refused(upload(clerk, assessment, "wide.xlsx", workbook), "ถึงคอลัมน์ที่ ๑๖,๓๘๔")
    assert_nothing_written(assessment)


def test_too_many_rows_are_counted_from_the_zip(never_parsed, settings):
    body = b"".join(b'<row r="%d"/>' % r for r in range(1, settings.XLSX_MAX_ROWS + 2))
    with pytest.raises(WorkbookRefused, match="มากกว่า ๒,๐๐๐ แถว"):
        check_workbook(with_sheet(body))


def test_rows_written_with_a_namespace_prefix_are_counted_too(never_parsed, settings):
    body = b"".join(b"<x:row/>" for _ in range(settings.XLSX_MAX_ROWS + 1))
    with pytest.raises(WorkbookRefused, match="แถว"):
        check_workbook(with_sheet(body))


def test_an_oversized_part_is_refused_from_the_directory(never_parsed, settings):
    settings.XLSX_MAX_PART_BYTES = 1000
    with pytest.raises(WorkbookRefused, match="ของไฟล์ใหญ่เกิน"):
        check_workbook(with_shared_strings(500))


def test_a_declared_dimension_does_not_pad_the_rows(settings):
    """A <dimension> as wide as Excel, over a sheet of five columns, is read as five columns."""
    body = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>O%d</t></is></c></row>' % (r, r, r)
        for r in range(1, 50)
    )
    rows = importing.read_table("dim.xlsx", with_sheet(body, dimension="A1:XFD49"))
    assert max(len(row) for row in rows) == 1


def test_a_malformed_styles_part_is_said_to_be_damaged_not_a_500(clerk, assessment):
    refused(upload(clerk, assessment, "styles.xlsx", with_bad_fill()), "เสียหาย")
    assert_nothing_written(assessment)


def test_reading_stops_at_the_time_bound(settings):
    settings.XLSX_PARSE_SECONDS = 0
    workbook = xlsx_of([["O1", "รายการ", "100", "ผ่าน", ""]] * 5)
    with pytest.raises(importing.ImportFileError, match="ใช้เวลาอ่านนานเกินไป"):
        importing.read_table("slow.xlsx", workbook)


def test_the_real_template_passes_the_checks(assessment):
    from tests.assessment_helpers import filled_xlsx, sample_sheet

    check_workbook(filled_xlsx(assessment.framework, sample_sheet(assessment.framework)))


@pytest.mark.parametrize(
    ("letters", "number"), [(b"A", 1), (b"Z", 26), (b"AA", 27), (b"XFD", 16384)]
)
def test_columns_are_numbered_as_excel_does(letters, number):
    assert column_number(letters) == number


def test_a_csv_is_read_under_the_same_time_bound(settings):
    settings.XLSX_PARSE_SECONDS = 0
    with pytest.raises(importing.ImportFileError, match="ใช้เวลาอ่านนานเกินไป"):
        importing.read_table("slow.csv", "รหัส,คะแนน\nO1,100\n".encode())

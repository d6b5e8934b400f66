"""Hostile spreadsheets are refused in Thai before they can hold a worker or fill the session:
zip bombs, too many columns or cells, endless cells, XXE and billion-laughs XML, CSV quirks."""

from __future__ import annotations

import io
import zipfile
from html import unescape

import pytest
from django.urls import reverse

from assessments import importing
from assessments.models import ImportPreview
from tests.assessment_helpers import filled_xlsx, framework, make_assessment, sample_sheet
from tests.test_import_views import assert_nothing_written, csv_of, upload, xlsx_of


@pytest.fixture
def assessment(personas, frameworks):
    return make_assessment(personas.org, 2564)


@pytest.fixture
def clerk(personas):
    return personas.client_for(personas.clerk)


def with_sheet_xml(content: bytes, sheet_xml: bytes) -> bytes:
    """The workbook with its first sheet's XML replaced."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            target.writestr(info.filename, data)
    return buffer.getvalue()


def wide_rows(rows: int, columns: int) -> bytes:
    cells = "".join('<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(columns))
    body = "".join(f'<row r="{r}">{cells}</row>' for r in range(1, rows + 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


def refused(response, words: str) -> None:
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert words in html, html[-3000:]
    assert "ยืนยันนำเข้า" not in html


def test_a_zip_bomb_is_refused_from_its_table_of_contents(clerk, assessment, monkeypatch):
    bomb = with_sheet_xml(xlsx_of([]), wide_rows(60, 16_384))
    assert len(bomb) < 2 * 1024 * 1024

    def never(*args, **kwargs):
        raise AssertionError("parsed a workbook that was refused by its size")

    monkeypatch.setattr(importing, "load_workbook", never)
    refused(upload(clerk, assessment, "bomb.xlsx", bomb), "เมื่อขยายแล้วใหญ่เกิน")
    assert_nothing_written(assessment)


def test_too_many_columns_or_cells_are_refused(clerk, assessment):
    wide = with_sheet_xml(xlsx_of([]), wide_rows(3, 200))
    refused(upload(clerk, assessment, "wide.xlsx", wide), "มากกว่า ๓๐ คอลัมน์")
    many = csv_of([["O1", "x", "1", "", "", "a", "b", "c", "d", "e", "f"]] * 1999)
    refused(upload(clerk, assessment, "many.csv", many), "มากกว่า ๒๐,๐๐๐ ช่อง")
    assert_nothing_written(assessment)


def test_an_endless_cell_is_refused_with_its_row_and_column(clerk, assessment):
    long_remark = xlsx_of([["O1", "รายการ", "100", "ผ่าน", "ก" * 6000]])
    refused(upload(clerk, assessment, "long.xlsx", long_remark), "แถวที่ ๒ คอลัมน์ที่ ๕ ยาวเกิน")
    huge_field = csv_of([["O1", "x", "100", "", '"' + "ข" * 140_000 + '"']])
    refused(upload(clerk, assessment, "huge.csv", huge_field), "CSV")
    assert_nothing_written(assessment)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    ],
    ids=["xxe", "billion-laughs"],
)
def test_xml_entities_in_a_workbook_are_refused(clerk, assessment, doctype):
    entity = "&x;" if "SYSTEM" in doctype else "&d;"
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1"><c t="inlineStr"><is><t>{entity}</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    hostile = with_sheet_xml(xlsx_of([]), sheet)
    response = upload(clerk, assessment, "entities.xlsx", hostile)
    refused(response, "ไม่ปลอดภัย")
    assert "root:" not in response.content.decode()


def test_a_csv_with_cr_only_line_ends_is_read_as_rows(clerk, assessment):
    content = csv_of([["TOTAL", "คะแนนรวม", "86.41", "", ""]]).replace(b"\n", b"\r")
    html = upload(clerk, assessment, "mac.csv", content).content.decode()
    assert "ไฟล์ถูกต้อง" in html


def test_two_score_columns_are_refused_as_ambiguous(clerk, assessment):
    header = ["รหัส", "รายการ", "คะแนน", "คะแนน", "หมายเหตุ"]
    response = upload(clerk, assessment, "two.csv", csv_of([["TOTAL", "", "1", "2", ""]], header))
    refused(response, "มีคอลัมน์ 'คะแนน' มากกว่าหนึ่งคอลัมน์")


def test_the_preview_is_kept_in_a_row_of_its_own_not_the_session(personas, clerk, assessment):
    sheet = sample_sheet(framework(2564))
    response = upload(clerk, assessment, "ita.xlsx", filled_xlsx(framework(2564), sheet))
    token = response.context["token"]
    preview = ImportPreview.objects.get()
    assert preview.token == token and preview.membership == personas.clerk
    session = clerk.session
    assert all(token not in str(value) for value in session.values())
    assert len(str(dict(session.items()))) < 500

    confirm = reverse("import_confirm", args=[personas.org.slug, assessment.pk])
    # The token is the clerk's: another editor of the same body cannot use it.
    admin = personas.client_for(personas.admin)
    assert admin.post(confirm, {"token": token}).status_code == 302
    assert ImportPreview.objects.exists()
    assessment.refresh_from_db()
    assert assessment.total_score is None

    assert clerk.post(confirm, {"token": token}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.total_score == sheet.total
    assert not ImportPreview.objects.exists()

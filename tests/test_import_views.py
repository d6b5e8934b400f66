"""Importing a year's result from the app's own template: preview first, all or nothing."""

from __future__ import annotations

import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from assessments import importing
from itatrack.models import AuditEvent
from tests.assessment_helpers import (
    filled_xlsx,
    framework,
    make_assessment,
    sample_sheet,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def assessment(personas, frameworks):
    return make_assessment(personas.org, 2564)


def upload_url(a):
    return reverse("import_upload", args=[a.organization.slug, a.pk])


def upload(client, a, name: str, content: bytes):
    return client.post(upload_url(a), {"file": SimpleUploadedFile(name, content)})


def csv_of(rows: list[list[str]], header=importing.HEADER) -> bytes:
    lines = [",".join(header)] + [",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_of(rows: list[list[object]], header=importing.HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def assert_nothing_written(a) -> None:
    a.refresh_from_db()
    assert a.total_score is None
    assert not a.item_scores.exists() and not a.indicator_scores.exists()
    assert not AuditEvent.objects.filter(verb__startswith="assessment.").exists()


BAD_FILES = [
    ("unknown code", "x.csv", csv_of([["I99", "", "80"]]), "ไม่รู้จักรหัส 'I99' ในกรอบการประเมินปี ๒๕๖๔"),
    ("text in a number", "x.csv", csv_of([["I1", "", "แปดสิบ"]]), "'แปดสิบ' ไม่ใช่ตัวเลข"),
    ("out of range", "x.csv", csv_of([["I1", "", "105"]]), "คะแนน 105 อยู่นอกช่วง ๐–๑๐๐"),
    ("duplicate", "x.csv", csv_of([["I1", "", "80"], ["i1", "", "81"]]), "รหัส I1 ซ้ำกับแถว 2"),
    (
        "missing column",
        "x.csv",
        csv_of([["I1", "80"]], header=["รหัส", "ค่า"]),
        "ไม่พบคอลัมน์ 'คะแนน' ในแถวหัวตาราง",
    ),
    (
        "wrong year",
        "x.csv",
        csv_of([["YEAR", "", "2563"], ["I1", "", "80"]]),
        "ไฟล์นี้เป็นของปี ๒๕๖๓ แต่กำลังนำเข้าผลปี ๒๕๖๔",
    ),
    (
        "formula in csv",
        "x.csv",
        csv_of([["I1", "", "=SUM(1;2)"]]),
        "มีสูตรคำนวณ กรุณาวางเป็นค่า (Paste Values) แทนสูตร",
    ),
    (
        "formula in xlsx",
        "x.xlsx",
        xlsx_of([["I1", "", "=AVERAGE(80,90)"]]),
        "มีสูตรคำนวณ กรุณาวางเป็นค่า (Paste Values) แทนสูตร",
    ),
    ("bad pass/fail", "x.xlsx", xlsx_of([["O1", "", "", "ครบ"]]), "'ครบ' ต้องเป็น ผ่าน หรือ ไม่ผ่าน"),
    ("unknown level", "x.csv", csv_of([["LEVEL", "", "Z"]]), "ระดับ 'Z' ไม่มีในกรอบการประเมิน"),
    ("empty file", "x.csv", b"", "ไฟล์ว่าง ไม่มีข้อมูล"),
    ("only a header", "x.csv", csv_of([]), "ไม่มีแถวข้อมูลใต้หัวตาราง"),
    ("huge file", "x.csv", b"I1,,80\n" * 400_000, "ไฟล์ใหญ่เกินไป"),
    ("too many rows", "x.csv", csv_of([["I1", "", "80"]] * 2100), "มากกว่า ๒,๐๐๐ แถว"),
    ("not a spreadsheet", "x.pdf", b"%PDF-1.7 ...", "รับเฉพาะไฟล์ .csv หรือ .xlsx"),
    ("corrupt xlsx", "x.xlsx", b"PK\x03\x04 not really a zip", "ไฟล์ .xlsx เสียหาย"),
]


@pytest.mark.parametrize(
    ("case", "name", "content", "message"), BAD_FILES, ids=[case[0] for case in BAD_FILES]
)
def test_it_lists_the_problem_in_thai_and_writes_nothing(
    personas, assessment, case, name, content, message
):
    response = upload(personas.client_for(personas.clerk), assessment, name, content)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert message in html, case
    assert 'name="token"' not in html  # nothing to confirm
    assert "import_confirm" not in html
    assert_nothing_written(assessment)


def test_it_previews_a_good_file_and_saves_only_on_confirm(personas, assessment):
    client = personas.client_for(personas.clerk)
    sheet = sample_sheet(framework(2564))
    response = upload(client, assessment, "ita2564.xlsx", filled_xlsx(framework(2564), sheet))
    html = response.content.decode()
    assert "ไฟล์ถูกต้อง" in html and "ยืนยันนำเข้า" in html
    assert_nothing_written(assessment)

    token = response.context["token"]
    confirmed = client.post(
        reverse("import_confirm", args=[personas.org.slug, assessment.pk]), {"token": token}
    )
    assert confirmed.status_code == 302
    assessment.refresh_from_db()
    assert assessment.total_score == sheet.total
    assert assessment.item_scores.get(item__code="O1").passed is False
    event = AuditEvent.objects.get(verb="assessment.import")
    assert event.data["filename"] == "ita2564.xlsx" and len(event.data["sha256"]) == 64


def test_it_reimports_replacing_scores_and_keeping_the_old_ones(personas, assessment):
    client = personas.client_for(personas.clerk)
    fw = framework(2564)
    first, second = sample_sheet(fw), sample_sheet(fw)
    second.items["I1"].score = first.items["I1"].score - 10
    for sheet in (first, second):
        response = upload(client, assessment, "a.xlsx", filled_xlsx(fw, sheet))
        if sheet is second:
            assert "แทนที่คะแนนเดิมทั้งหมด" in response.content.decode()
        client.post(
            reverse("import_confirm", args=[personas.org.slug, assessment.pk]),
            {"token": response.context["token"]},
        )
    assert assessment.item_scores.get(item__code="I1").score == second.items["I1"].score
    last = AuditEvent.objects.filter(verb="assessment.import").order_by("id").last()
    assert last.data["previous"]["items"]["I1"][0] == str(first.items["I1"].score)


def test_it_refuses_a_confirm_without_the_previewed_file(personas, assessment):
    response = personas.client_for(personas.clerk).post(
        reverse("import_confirm", args=[personas.org.slug, assessment.pk]),
        {"token": "guess"},
        follow=True,
    )
    assert "ไม่พบไฟล์ที่ตรวจแล้ว" in response.content.decode()
    assert_nothing_written(assessment)


def test_it_accepts_a_thai_windows_csv_with_thai_digits(personas, assessment):
    content = "รหัส,รายการ,คะแนน\nI1,,๘๕.๕๐\nTOTAL,,๙๐\n".encode("cp874")
    response = upload(personas.client_for(personas.clerk), assessment, "x.csv", content)
    assert response.context["result"].ok
    assert response.context["result"].sheet.items["I1"].score == 85.5


def test_the_template_offered_for_a_year_has_its_codes_and_thai_headers(personas, frameworks):
    client = personas.client_for(personas.clerk)
    response = client.get(reverse("framework_template_xlsx", args=[2569]))
    assert response["Content-Type"] == XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == importing.HEADER
    codes = [r[0] for r in rows[1:]]
    assert codes[:3] == ["YEAR", "TOTAL", "LEVEL"] and "O26" in codes and "O27" not in codes
    csv_text = client.get(reverse("framework_template_csv", args=[2564])).content.decode("utf-8")
    assert csv_text.startswith("\ufeffรหัส,รายการ,คะแนน")


def test_only_editors_import(personas, assessment):
    for member in (personas.reviewer, personas.executive):
        response = upload(
            personas.client_for(member), assessment, "x.csv", csv_of([["I1", "", "80"]])
        )
        assert response.status_code == 403
    assert (
        upload(
            personas.client_for(personas.outsider), assessment, "x.csv", csv_of([["I1", "", "80"]])
        ).status_code
        == 404
    )
    assert_nothing_written(assessment)

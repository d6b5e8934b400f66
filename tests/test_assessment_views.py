from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from assessments import importing
from assessments.actions import do_save_scores, sheet_of
from assessments.models import Assessment
from itatrack.models import AuditEvent
from tests.assessment_helpers import framework, make_assessment, sample_sheet


@pytest.fixture
def scored(personas, frameworks):
    """2563 and 2564 results for the test municipality."""
    older = make_assessment(personas.org, 2563)
    older_sheet = sample_sheet(framework(2563))
    older_sheet.total = Decimal("78.10")
    older_sheet.items["I1"].score = Decimal("50.00")
    do_save_scores(older, older_sheet, actor=None)
    current = make_assessment(personas.org, 2564)
    do_save_scores(current, sample_sheet(framework(2564)), actor=None)
    return current


def test_it_lists_the_years_with_score_and_level(personas, scored):
    html = (
        personas.client_for(personas.executive)
        .get(reverse("assessment_list", args=[personas.org.slug]))
        .content.decode()
    )
    assert "๒๕๖๔" in html and "๘๖.๔๑" in html and "๗๘.๑๐" in html
    assert "บันทึกผลการประเมินปีใหม่" not in html  # executives read only


def test_it_filters_the_list_by_year(personas, scored):
    html = (
        personas.client_for(personas.clerk)
        .get(reverse("assessment_list", args=[personas.org.slug]), {"year": "2563"})
        .content.decode()
    )
    assert "๗๘.๑๐" in html and "๘๖.๔๑" not in html


def test_it_creates_a_year_once(personas, frameworks):
    client = personas.client_for(personas.clerk)
    fw = framework(2565)
    url = reverse("assessment_create", args=[personas.org.slug])
    first = client.post(url, {"framework": fw.pk})
    created = Assessment.objects.get(organization=personas.org, framework=fw)
    assert first["Location"] == reverse("score_grid", args=[personas.org.slug, created.pk])
    second = client.post(url, {"framework": fw.pk}, follow=True)
    assert "กรุณาเลือกปีงบประมาณที่ยังไม่มีผลการประเมิน" in second.content.decode()
    assert Assessment.objects.filter(organization=personas.org).count() == 1


def test_the_detail_shows_the_chart_the_trend_and_the_changes(personas, scored):
    response = personas.client_for(personas.reviewer).get(
        reverse("assessment_detail", args=[personas.org.slug, scored.pk])
    )
    html = response.content.decode()
    assert html.count('<svg class="chart"') == 2
    assert "คะแนนรายตัวชี้วัดเทียบปีก่อนและเกณฑ์ผ่าน" in html
    assert "เกณฑ์ ๘๕" in html
    rises = response.context["rises"]
    assert rises[0].code == "I1" and rises[0].change > 0
    assert "กรอกคะแนน" not in html  # reviewers read only


def test_the_detail_shows_a_level_mismatch_without_blocking(personas, scored):
    scored.official_level = "B"
    scored.save()
    html = (
        personas.client_for(personas.clerk)
        .get(reverse("assessment_detail", args=[personas.org.slug, scored.pk]))
        .content.decode()
    )
    assert "ระดับที่ประกาศ (B) ไม่ตรงกับระดับตามช่วงคะแนน (A)" in html


def test_it_attaches_the_itas_pdf_and_refuses_other_files(personas, scored):
    client = personas.client_for(personas.clerk)
    url = reverse("assessment_edit", args=[personas.org.slug, scored.pk])
    fake = SimpleUploadedFile("result.pdf", b"PK\x03\x04 zip", content_type="application/pdf")
    response = client.post(url, {"recommendation_iit": "ข้อเสนอ", "result_pdf": fake})
    assert "ไฟล์นี้ไม่ใช่ PDF" in response.content.decode()
    scored.refresh_from_db()
    assert scored.recommendation_iit == "" and not scored.result_pdf

    pdf = SimpleUploadedFile("result.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    client.post(url, {"recommendation_iit": "ข้อเสนอ", "result_pdf": pdf})
    scored.refresh_from_db()
    assert scored.recommendation_iit == "ข้อเสนอ"
    download = personas.client_for(personas.executive).get(
        reverse("assessment_pdf", args=[personas.org.slug, scored.pk])
    )
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert personas.client_for(personas.outsider).get(scored.result_pdf.url).status_code == 404


def test_an_export_imports_back_unchanged(personas, scored):
    client = personas.client_for(personas.reviewer)
    exported = client.get(reverse("assessment_export_xlsx", args=[personas.org.slug, scored.pk]))
    table = importing.read_table("export.xlsx", exported.content)
    result = importing.parse(scored.framework, table)
    assert result.ok, result.rows
    assert result.sheet == sheet_of(scored)

    csv_export = client.get(reverse("assessment_export_csv", args=[personas.org.slug, scored.pk]))
    result = importing.parse(scored.framework, importing.read_table("e.csv", csv_export.content))
    assert result.ok and result.sheet == sheet_of(scored)


def test_the_export_cannot_carry_a_formula(personas, scored):
    item = scored.item_scores.get(item__code="O1")
    item.remark = '=HYPERLINK("http://evil.example","คลิก")'
    item.save()
    content = (
        personas.client_for(personas.clerk)
        .get(reverse("assessment_export_xlsx", args=[personas.org.slug, scored.pk]))
        .content
    )
    sheet = load_workbook(io.BytesIO(content)).active
    remarks = [row[4].value for row in sheet.iter_rows(min_row=2) if row[0].value == "O1"]
    assert remarks == ['\'=HYPERLINK("http://evil.example","คลิก")']
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_outsiders_get_404_and_nothing_changes(personas, scored):
    client = personas.client_for(personas.outsider)
    for name in (
        "assessment_detail",
        "assessment_edit",
        "score_grid",
        "finding_list",
        "assessment_export_csv",
    ):
        assert client.get(reverse(name, args=[personas.org.slug, scored.pk])).status_code == 404
    assert (
        client.post(
            reverse("assessment_edit", args=[personas.org.slug, scored.pk]),
            {"recommendation_iit": "x"},
        ).status_code
        == 404
    )
    assert not AuditEvent.objects.filter(actor=personas.outsider.user).exists()

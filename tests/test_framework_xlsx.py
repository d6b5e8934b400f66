"""A year's framework as a workbook: export, a file typed by an operator, the preview with
per-row errors, and the load."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from assessments import framework_xlsx
from assessments.framework_actions import do_import_framework, import_plan
from assessments.models import Assessment, Framework, FrameworkUpload, ItemScore
from itatrack.actors import Operator
from itatrack.models import AuditEvent

OPERATOR_FILE = Path(__file__).parent / "data" / "framework-2570.xlsx"


@pytest.fixture
def operator(db) -> User:
    return User.objects.create_user("siteadmin", password="x" * 12, is_staff=True)


@pytest.fixture
def client(operator) -> Client:
    client = Client()
    client.force_login(operator)
    return client


def upload(client: Client, content: bytes, name: str = "framework.xlsx"):
    return client.post(reverse("framework_import"), {"file": SimpleUploadedFile(name, content)})


def shape(framework: Framework) -> dict:
    return {
        "settings": (
            framework.pass_mark,
            framework.iit_weight,
            framework.eit_weight,
            framework.oit_weight,
            framework.notes,
        ),
        "bands": [(b.level, b.min_score) for b in framework.bands.all()],
        "indicators": [
            (i.number, i.name, i.tool, i.weight, [(s.code, s.name) for s in i.subs.all()])
            for i in framework.indicators.all()
        ],
        "items": [
            (
                i.code,
                i.indicator.number,
                i.sub_indicator.code if i.sub_indicator else None,
                i.text,
                i.scale,
                i.retired,
            )
            for i in framework.items.select_related("indicator", "sub_indicator")
        ],
    }


def test_an_exported_year_loaded_as_a_new_year_is_the_same_framework(frameworks, operator):
    source = Framework.objects.get(fiscal_year=2565)
    content = framework_xlsx.export(source)
    sheet = load_workbook(io.BytesIO(content))["กรอบการประเมิน"]
    sheet["B2"] = 2571
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    result = framework_xlsx.parse("x.xlsx", buffer.getvalue())
    assert result.ok, (result.problems, result.rows)
    stored = FrameworkUpload.objects.create(
        user=operator, fiscal_year=2571, spec=result.spec, filename="x.xlsx"
    )
    new = do_import_framework(stored, actor=Operator(operator))
    new.refresh_from_db()
    assert new.fiscal_year == 2571 and new.is_provisional
    assert shape(new) == shape(source)
    assert AuditEvent.objects.get(verb="framework.import").data["filename"] == "x.xlsx"


def test_reloading_a_years_own_export_changes_nothing(frameworks, operator):
    framework = Framework.objects.get(fiscal_year=2564)
    before = shape(framework)
    result = framework_xlsx.parse("x.xlsx", framework_xlsx.export(framework))
    plan = import_plan(result.spec)
    assert plan["exists"] and plan["confirmed"]
    assert not any(plan[k] for k in ("added", "changed", "retired", "deleted", "refusals"))
    stored = FrameworkUpload.objects.create(
        user=operator, fiscal_year=2564, spec=result.spec, filename="x.xlsx"
    )
    do_import_framework(stored, actor=Operator(operator))
    framework.refresh_from_db()
    assert shape(framework) == before
    assert framework.is_provisional  # loaded from a file: confirmed again by a person


def test_it_reads_the_operators_own_workbook_and_loads_it_through_the_pages(frameworks, client):
    page = upload(client, OPERATOR_FILE.read_bytes(), "ITA2570.xlsx").content.decode()
    assert "กรอบการประเมินปี ๒๕๗๐" in page
    assert "IIT ๓๐ / EIT ๓๐ / OIT ๔๐" in page
    assert "ยืนยันนำเข้า" in page
    assert not Framework.objects.filter(fiscal_year=2570).exists()  # a preview writes nothing
    token = FrameworkUpload.objects.get().token
    response = client.post(reverse("framework_import_confirm"), {"token": token})
    assert response.status_code == 302
    framework = Framework.objects.get(fiscal_year=2570)
    assert framework.is_provisional
    assert framework.weights == {"IIT": 30, "EIT": 30, "OIT": 40}
    assert framework.indicators.get(number=9).name == "การเปิดเผยข้อมูลสาธารณะ"
    assert framework.indicators.get(number=9).tool == "OIT"
    assert framework.items.get(code="I1").text.startswith("บุคลากรในหน่วยงาน")
    assert framework.items.get(code="O3").sub_indicator.code == "9.1"
    assert framework.items.get(code="O4").sub_indicator.code == "9.2"
    assert framework.items.filter(code="I2").exists() and framework.items.count() == 53
    assert not framework.items.filter(code="O7").exists()  # retired in the file, new here
    assert [b.level for b in framework.bands.all()] == ["AA", "A", "B", "C", "D", "E", "F"]
    assert not FrameworkUpload.objects.exists()


def test_loading_over_a_year_retires_used_items_and_deletes_unused_ones(
    frameworks, personas, operator
):
    framework = Framework.objects.get(fiscal_year=2566)
    assessment = Assessment.objects.create(organization=personas.org, framework=framework)
    first, second = framework.items.filter(indicator__tool="OIT")[:2]
    ItemScore.objects.create(assessment=assessment, item=first, passed=True)
    workbook = load_workbook(io.BytesIO(framework_xlsx.export(framework)))
    items = workbook["รายการ"]
    for row in list(items.iter_rows(min_row=2)):
        if row[1].value in (first.code, second.code):
            items.delete_rows(row[0].row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = framework_xlsx.parse("x.xlsx", buffer.getvalue())
    plan = import_plan(result.spec)
    assert plan["retired"] == [first.code] and plan["deleted"] == [second.code]
    stored = FrameworkUpload.objects.create(
        user=operator, fiscal_year=2566, spec=result.spec, filename="x.xlsx"
    )
    do_import_framework(stored, actor=Operator(operator))
    first.refresh_from_db()
    assert first.retired and ItemScore.objects.filter(item=first).exists()
    assert not framework.items.filter(pk=second.pk).exists()


def test_it_lists_every_row_problem_with_its_sheet_and_row_and_saves_nothing(frameworks, client):
    workbook = load_workbook(OPERATOR_FILE)
    items = workbook["รายการ"]
    items.append([99, "X5", 1, None, "ผิด", "๔ ระดับ", None])
    items.append([100, "E99", 1, None, "ผิดเครื่องมือ", "๔ ระดับ", None])
    items.append([101, "O40", 12, None, "ไม่มีตัวชี้วัด", "ผ่าน/ไม่ผ่าน", None])
    items.append([102, "O41", 9, "9.7", "ไม่มีตัวชี้วัดย่อย", "ผ่าน/ไม่ผ่าน", "ยกเลิก"])
    workbook["ระดับ"].append(["G", "ห้าสิบ"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = upload(client, buffer.getvalue()).content.decode()
    assert "ไฟล์นี้ยังนำเข้าไม่ได้" in page
    assert "รหัส “X5” ต้องเป็น I, E หรือ O ตามด้วยเลข" in page
    assert "รหัส E99 ไม่ใช่ของเครื่องมือ IIT ของตัวชี้วัดที่ ๑" in page
    assert "ไม่มีตัวชี้วัดที่นี้ในแผ่นงาน “ตัวชี้วัด”" in page
    assert "ไม่มีตัวชี้วัดย่อย 9.7 ในตัวชี้วัดที่ ๙" in page
    assert "สถานะต้องเป็น “ใช้” หรือ “เลิกใช้”" in page
    assert "คะแนนขั้นต่ำต้องเป็นตัวเลข" in page
    assert "<td>๕๗</td>" in page  # the row of the first bad item, as Excel numbers it
    assert not Framework.objects.filter(fiscal_year=2570).exists()
    assert not FrameworkUpload.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("f.csv", b"a,b", "รับเฉพาะไฟล์ .xlsx"),
        ("f.xlsx", b"PK\x03\x04 not a zip", "ไฟล์ .xlsx เสียหาย"),
    ],
)
def test_it_refuses_a_file_it_cannot_read_in_thai(frameworks, client, name, content, message):
    page = upload(client, content, name).content.decode()
    assert message in page


def test_a_workbook_without_the_sheets_says_which_are_missing(frameworks, client):
    buffer = io.BytesIO()
    load_workbook(OPERATOR_FILE)  # the real one has them all
    from openpyxl import Workbook

    Workbook().save(buffer)
    page = upload(client, buffer.getvalue()).content.decode()
    assert "ไม่พบแผ่นงาน “รายการ” ในไฟล์" in page
    assert "ไม่พบแผ่นงาน “ตัวชี้วัด” ในไฟล์" in page


def test_it_refuses_to_drop_an_indicator_that_has_scores(frameworks, personas, client):
    framework = Framework.objects.get(fiscal_year=2566)
    assessment = Assessment.objects.create(organization=personas.org, framework=framework)
    assessment.indicator_scores.create(indicator=framework.indicators.get(number=5), score=80)
    workbook = load_workbook(io.BytesIO(framework_xlsx.export(framework)))
    sheet = workbook["ตัวชี้วัด"]
    for row in list(sheet.iter_rows(min_row=2)):
        if row[0].value == 5:
            sheet.delete_rows(row[0].row)
    items = workbook["รายการ"]
    for row in list(items.iter_rows(min_row=2)):
        if row[2].value == 5:
            row[2].value = 4
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = upload(client, buffer.getvalue()).content.decode()
    assert "ไฟล์ไม่มีตัวชี้วัดที่ ๕ ซึ่งมีคะแนนหรือข้อมูลของหน่วยงานอ้างถึงแล้ว" in page
    assert "ยืนยันนำเข้า" not in page


def test_only_site_staff_export_or_import(frameworks, personas):
    client = personas.client_for(personas.admin)
    assert client.get(reverse("framework_export", args=[2565])).status_code == 403
    assert upload(client, OPERATOR_FILE.read_bytes()).status_code == 403


def test_the_export_downloads_as_a_workbook(frameworks, client):
    response = client.get(reverse("framework_export", args=[2569]))
    assert response["Content-Disposition"] == 'attachment; filename="ita-framework-2569.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["กรอบการประเมิน", "ระดับ", "ตัวชี้วัด", "ตัวชี้วัดย่อย", "รายการ"]

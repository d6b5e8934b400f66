"""The ITAS export (XLSX and CSV) and the printable checklist of a year's OIT items."""

from __future__ import annotations

import csv
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.timezone import localdate
from openpyxl import load_workbook

from assessments.models import Item, Tool
from itatrack.thai import thai_date
from reports.oit import do_add_oit_evidence, do_check_oit_item, do_publish_oit_items

YEAR = 2569
HEADER = [
    "ลำดับ",
    "รหัส",
    "รายการ",
    "URL หน้ารายการ",
    "URL หลักฐาน",
    "วันที่เผยแพร่ (เลขอารบิก สำหรับพิมพ์ลงระบบ ITAS)",
    "สถานะ",
]


@pytest.fixture
def items(frameworks):
    return list(Item.objects.filter(framework__fiscal_year=YEAR, indicator__tool=Tool.OIT))


@pytest.fixture
def published(personas, items):
    links = ["https://www.ban-thotsob.example.go.th/ita/o2", "https://www.example.go.th/o2b"]
    [first, *_] = do_add_oit_evidence(personas.org, items[1], links=links, actor=personas.clerk)
    do_check_oit_item(first.entry, ready=True, comment="", actor=personas.reviewer)
    do_publish_oit_items(personas.org, [first.entry], actor=personas.clerk)
    first.refresh_from_db()
    return first


def get(personas, name):
    return personas.client_for(personas.executive).get(
        reverse(name, args=[personas.org.slug, YEAR])
    )


def test_the_csv_has_one_row_per_item_in_the_frameworks_order(personas, items, published):
    response = get(personas, "oit_export_csv")
    assert response["Content-Type"].startswith("text/csv")
    assert f"oit-{YEAR}-ban-thotsob.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert [r[1] for r in rows[1:]] == [item.code for item in items]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, len(items) + 1)]
    first, second = rows[1], rows[2]
    assert first[3:6] == ["", "", ""]  # nothing published: the gap shows
    assert second[3] == f"{settings.SITE_URL}/p/ban-thotsob/ita/{YEAR}/#{items[1].code}"
    assert second[4].splitlines() == [
        "https://www.ban-thotsob.example.go.th/ita/o2",
        "https://www.example.go.th/o2b",
    ]
    # A Buddhist-era date in Arabic digits: read by a clerk, typed into ITAS as it is.
    assert second[5] == thai_date(localdate(published.published_at), thai_digits=False)
    assert second[6] == "เผยแพร่แล้ว"


def test_the_xlsx_carries_the_same_rows_under_a_heading(personas, items, published):
    response = get(personas, "oit_export_xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert "เทศบาลตำบลบ้านทดสอบ" in values[0][0]
    assert list(values[1]) == HEADER
    assert [row[1] for row in values[2:]] == [item.code for item in items]
    assert "https://www.example.go.th/o2b" in values[3][4]


def test_an_item_title_cannot_run_as_a_formula(personas, items, published):
    Item.objects.filter(pk=items[0].pk).update(text='=HYPERLINK("http://x")')
    body = get(personas, "oit_export_csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_the_checklist_lists_every_item_with_its_owner_status_and_links(personas, items, published):
    response = get(personas, "oit_checklist")
    text = response.content.decode()
    assert response.status_code == 200
    assert all(f"<td>{item.code}</td>" in text for item in items)
    assert "https://www.example.go.th/o2b" in text
    assert "data-print" in text
    assert text.count("ยังไม่มี</span>") == len(items) - 1


def test_other_bodies_cannot_export(personas, items):
    response = personas.client_for(personas.outsider).get(
        reverse("oit_export_csv", args=[personas.org.slug, YEAR])
    )
    assert response.status_code == 404

"""The memo PDF is saved under the document's own name, not memo-1.pdf."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.urls import reverse

from itatrack.uploads import content_disposition
from tests.memo_helpers import analysis_memo


@pytest.fixture
def memo(personas, frameworks):
    return analysis_memo(personas)


def _names(header: str) -> tuple[str, str]:
    plain = header.split('filename="', 1)[1].split('"', 1)[0]
    thai = unquote(header.split("filename*=UTF-8''", 1)[1]) if "filename*=" in header else ""
    return plain, thai


def test_a_numbered_memo_downloads_as_its_number_and_subject(personas, memo):
    memo.number, memo.number_year, memo.number_prefix = 37, 2569, "ลป 52999"
    memo.subject = "รายงานผลการวิเคราะห์ผลการประเมิน ITA"
    memo.save()
    response = personas.client_for(personas.reviewer).get(
        reverse("memo_pdf", args=[personas.org.slug, memo.pk]) + "?download=1"
    )
    header = response["Content-Disposition"]
    assert header.startswith("attachment;")
    plain, thai = _names(header)
    assert plain == "memo-37-2569.pdf"
    # The slash of the ที่ number cannot be in a file name.
    assert thai == "ที่ ลป ๕๒๙๙๙-๓๗ เรื่อง รายงานผลการวิเคราะห์ผลการประเมิน ITA.pdf"


def test_a_draft_downloads_as_a_draft_of_its_subject(personas, memo):
    response = personas.client_for(personas.reviewer).get(
        reverse("memo_pdf", args=[personas.org.slug, memo.pk])
    )
    plain, thai = _names(response["Content-Disposition"])
    assert plain == f"memo-draft-{memo.pk}.pdf"
    assert thai.startswith("ร่าง เรื่อง รายงานผลการวิเคราะห์")
    assert thai.endswith(".pdf")


def test_a_plain_name_needs_no_utf8_form():
    assert content_disposition("inline", "report-2569.pdf") == 'inline; filename="report-2569.pdf"'


def test_a_thai_only_name_falls_back_to_file():
    header = content_disposition("attachment", "รายงาน.pdf")
    assert header.startswith("attachment; filename=\"file.pdf\"; filename*=UTF-8''")
    assert unquote(header.rsplit("''", 1)[1]) == "รายงาน.pdf"

"""The audit trail as an auditor reads it: Thai sentences, Thai digits and BE dates, nothing
internal; filtered by person, kind and date; exported to Excel."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from html import unescape

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from assessments.actions import do_save_scores
from itatrack.audit_text import change_lines, event_lines, value_text
from reports.access import current_step
from reports.actions import Decision, do_decide, do_submit_memo
from reports.models import ApprovalStep, Memo
from tests.assessment_helpers import framework, make_assessment, sample_sheet
from tests.memo_helpers import analysis_memo


def log(personas, **query):
    client = personas.client_for(personas.admin)
    response = client.get(reverse("audit_log", args=[personas.org.slug]), query)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_a_rescore_reads_as_sentences_not_data(personas, frameworks):
    assessment = make_assessment(personas.org, 2564)
    sheet = sample_sheet(framework(2564))
    do_save_scores(assessment, sheet, actor=personas.clerk)
    sheet.total = Decimal("80.25")
    do_save_scores(assessment, sheet, actor=personas.clerk)
    page = log(personas)
    assert "ค่าเดิม: คะแนนรวม" in page and "ระดับ" in page
    assert "{" not in page.split("<main")[1] and "'total'" not in page
    assert "previous" not in page


def test_values_are_written_as_people_write_them():
    assert value_text("2026-12-05") == "๕ ธันวาคม ๒๕๖๙"
    assert value_text("76.85") == "๗๖.๘๕"
    assert value_text(True) == "ใช่"
    assert value_text(None) == "—"
    assert value_text("ข้อ O25 ได้ 105 คะแนน") == "ข้อ O25 ได้ ๑๐๕ คะแนน"
    assert value_text(list(range(20))).endswith("และอีก ๘ รายการ")


def test_internal_fields_are_never_shown():
    lines = event_lines(
        {"public_token": "abc", "final_html": "<p>", "sha256": "ff", "number": 12}, Memo
    )
    assert lines == ["เลขที่: ๑๒"]
    changes = change_lines(
        ApprovalStep,
        {
            "state": ["current", "approved"],
            "decided_at": ["None", "2026-12-05 03:00:00+00:00"],
            "final_task_id": ["", "x"],
        },
    )
    assert changes[0] == "สถานะ: รอพิจารณา → เห็นชอบ/อนุมัติแล้ว"
    assert changes[1].startswith("เวลาที่พิจารณา: — → ๕ ธันวาคม ๒๕๖๙")
    assert len(changes) == 2


def test_link_changes_read_as_added_and_removed():
    from measures.models import Measure

    lines = change_lines(
        Measure, {"owners": {"type": "m2m", "operation": "add", "objects": ["นายตรวจ ทดสอบ"]}}
    )
    assert lines == ["ผู้รับผิดชอบ: เพิ่ม นายตรวจ ทดสอบ"]


def test_it_filters_by_person_kind_and_date(personas, frameworks):
    with time_machine.travel(dt.datetime(2026, 11, 2, 3, tzinfo=dt.UTC)):
        memo = do_submit_memo(analysis_memo(personas, measures=1), actor=personas.clerk)
    with time_machine.travel(dt.datetime(2026, 11, 20, 3, tzinfo=dt.UTC)):
        do_decide(current_step(memo), Decision.RETURN, "แก้ไข", actor=personas.reviewer)
    by_reviewer = log(personas, person=str(personas.reviewer.user_id))
    assert "นายตรวจ ทดสอบ" in by_reviewer and "นางสาวใจดี ทดสอบ</td>" not in by_reviewer
    memos = log(personas, kind="memo")
    assert "เสนอบันทึกข้อความ" in memos or "เสนอ" in memos
    assert "สร้างแผน" not in memos
    late = log(personas, since="๑๕/๑๑/๒๕๖๙")
    assert "นางสาวใจดี ทดสอบ</td>" not in late and "นายตรวจ ทดสอบ</td>" in late
    wrong = log(personas, since="๒๐/๑๑/๒๕๖๙", until="๑/๑๑/๒๕๖๙")
    assert "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม" in wrong


def test_the_auditor_exports_the_filtered_trail_to_excel(personas, frameworks):
    do_submit_memo(analysis_memo(personas, measures=1), actor=personas.clerk)
    client = personas.client_for(personas.admin)
    response = client.get(reverse("audit_log_xlsx", args=[personas.org.slug]), {"kind": "memo"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("บันทึกการกระทำของเทศบาลตำบลบ้านทดสอบ")
    assert rows[1] == ("วันเวลา", "ผู้กระทำ", "การกระทำ", "รายการ", "รายละเอียด")
    assert rows[2:] and all(row[1] == "นางสาวใจดี ทดสอบ" for row in rows[2:])


def test_clerks_cannot_read_or_export_the_trail(personas):
    client = personas.client_for(personas.clerk)
    for name in ("audit_log", "audit_log_xlsx"):
        assert client.get(reverse(name, args=[personas.org.slug])).status_code == 403

"""What staff should know about how the memo will print, said on the memo page and never on
the paper: a column left out, a score that cannot be shown, no OIT item to file it under."""

from __future__ import annotations

from django.utils.translation import gettext as _

from assessments.actions import sheet_of
from assessments.scoresheet import warnings
from itatrack.thai import screen_digits
from reports import answers, attachments
from reports.models import Attachment, Memo


def screen_notes(memo: Memo) -> list[str]:
    notes: list[str] = []
    if memo.assessment is not None:  # the scores the memo quotes, checked as the score page does
        notes += warnings(memo.assessment.framework, sheet_of(memo.assessment))
    if Attachment.ANALYSIS in memo.attachments and memo.assessment is not None:
        data = attachments.analysis(memo)
        if data and data["rows"] and data["left_out"]:
            notes.append(
                _("ตารางวิเคราะห์ไม่แสดงช่อง %(columns)s เพราะยังไม่มีข้อมูล")
                % {"columns": ", ".join(f"“{h}”" for h in data["left_out"])}
            )
        if data and not data["rows"]:
            notes.append(_("ตารางวิเคราะห์ยังไม่มีแถว: ยังไม่มีข้อค้นพบที่ยืนยันแล้วของผลการประเมินนี้"))
    if Attachment.SCORES in memo.attachments and memo.assessment is not None:
        missing = [t for t, v in attachments.tool_scores(memo.assessment).items() if v is None]
        if missing:
            notes.append(
                _(
                    "สรุปผลคะแนนแสดง %(tools)s เป็น “—” เพราะยังไม่ได้กรอกคะแนนรายเครื่องมือ และน้ำหนัก"
                    "ตัวชี้วัดของปี %(year)s ยังไม่ทราบ จึงคำนวณจากคะแนนตัวชี้วัดไม่ได้ กรอกคะแนนเครื่องมือ"
                    "ได้ที่หน้าผลการประเมิน"
                )
                % {
                    "tools": ", ".join(missing),
                    "year": screen_digits(memo.assessment.fiscal_year),
                }
            )
    answer = answers.answer(memo)
    if answer.year is not None and answer.item is None and memo.oit_year is None:
        notes.append(
            _("ยังไม่พบรายการ OIT ของปี ITA %(year)s ที่บันทึกนี้ตอบ เลือกได้ที่หน้าแก้ไขบันทึก")
            % {"year": screen_digits(answer.year)}
        )
    return notes

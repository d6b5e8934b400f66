"""The approval chain: rows per approver, decisions by the right person only, once."""

from __future__ import annotations

import pytest
from django.core import mail

from itatrack.actions import ActionError
from itatrack.models import AuditEvent
from reports.actions import Decision, do_decide, do_submit_memo, do_update_memo
from reports.models import ApprovalStep, Memo
from tests.memo_helpers import analysis_memo, read_pdf
from tests.worker import run_tasks


@pytest.fixture
def memo(personas, frameworks):
    return analysis_memo(personas)


def current(memo):
    return memo.steps.get(round=memo.round, state=ApprovalStep.State.CURRENT)


def submit(memo, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return do_submit_memo(memo, actor=personas.clerk)


def test_submitting_numbers_the_memo_and_starts_the_first_step(
    memo, personas, django_capture_on_commit_callbacks
):
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    assert memo.status == Memo.Status.SUBMITTED and memo.number == 1
    assert memo.number_text == "ลพ ๙๙๙๐๑/๑"
    step = current(memo)
    assert (step.member, step.member_name, step.member_position) == (
        personas.reviewer,
        "นายตรวจ ทดสอบ",
        "หัวหน้าสำนักปลัดเทศบาล",
    )
    assert memo.signer_name == "นางสาวใจดี ทดสอบ"
    assert [m.to for m in mail.outbox] == [["reviewer@example.org"]]


def test_approvals_pass_along_the_route_and_the_last_one_keeps_the_pdf(
    memo, personas, django_capture_on_commit_callbacks
):
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        do_decide(current(memo), Decision.APPROVE, "เห็นควรเสนอ", actor=personas.reviewer)
    assert current(memo).member == personas.executive
    with django_capture_on_commit_callbacks(execute=True):
        do_decide(current(memo), Decision.APPROVE, "อนุมัติ", actor=personas.executive)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.APPROVED and memo.pdf and len(memo.pdf_sha256) == 64
    assert mail.outbox[-1].to == ["clerk@example.org"]
    verbs = list(AuditEvent.objects.filter(verb__startswith="memo.").values_list("verb", flat=True))
    assert verbs.count("memo.approve") == 2 and "memo.submit" in verbs


def test_the_wrong_person_cannot_decide(memo, personas, django_capture_on_commit_callbacks):
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    for someone in (personas.executive, personas.clerk, personas.admin):
        with pytest.raises(ActionError, match="ท่านไม่ใช่ผู้พิจารณาในขั้นนี้"):
            do_decide(current(memo), Decision.APPROVE, "", actor=someone)
    assert current(memo).member == personas.reviewer


def test_a_double_click_decides_once(memo, personas, django_capture_on_commit_callbacks):
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    step = current(memo)
    do_decide(step, Decision.APPROVE, "", actor=personas.reviewer)
    with pytest.raises(ActionError, match="ขั้นนี้ได้พิจารณาไปแล้ว"):
        do_decide(step, Decision.APPROVE, "", actor=personas.reviewer)
    assert ApprovalStep.objects.filter(memo=memo, state=ApprovalStep.State.APPROVED).count() == 1


def test_returning_needs_a_reason_and_sends_it_back_for_editing(
    memo, personas, django_capture_on_commit_callbacks
):
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    with pytest.raises(ActionError, match="กรุณาระบุเหตุผล"):
        do_decide(current(memo), Decision.RETURN, "  ", actor=personas.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        do_decide(current(memo), Decision.RETURN, "แก้ตัวเลขคะแนน", actor=personas.reviewer)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.RETURNED and memo.editable
    assert mail.outbox[-1].to == ["clerk@example.org"]
    assert "แก้ตัวเลขคะแนน" in mail.outbox[-1].body
    assert memo.steps.filter(state=ApprovalStep.State.CANCELLED).count() == 1


def test_a_resubmitted_memo_keeps_its_number_and_restarts_the_chain(
    memo, personas, django_capture_on_commit_callbacks
):
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    number = memo.number
    do_decide(current(memo), Decision.APPROVE, "", actor=personas.reviewer)
    do_decide(current(memo), Decision.RETURN, "เพิ่มข้อเสนอ", actor=personas.executive)
    memo.refresh_from_db()
    do_update_memo(memo, {"subject": "เรื่องที่แก้แล้ว"}, None, actor=personas.clerk)
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    assert memo.round == 2 and memo.number == number
    assert current(memo).member == personas.reviewer  # from the first approver again
    assert memo.steps.filter(round=1).count() == 2  # the first round is kept


def test_a_submitted_memo_cannot_be_edited(memo, personas, django_capture_on_commit_callbacks):
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    with pytest.raises(ActionError, match="แก้ไขไม่ได้"):
        do_update_memo(memo, {"subject": "แอบแก้"}, None, actor=personas.clerk)
    with pytest.raises(ActionError):
        do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    assert memo.subject != "แอบแก้"


def test_rejecting_ends_the_memo(memo, personas, django_capture_on_commit_callbacks):
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    do_decide(current(memo), Decision.REJECT, "ไม่เห็นด้วยกับมาตรการ", actor=personas.reviewer)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.REJECTED and not memo.editable
    with pytest.raises(ActionError):
        do_submit_memo(memo, actor=personas.clerk)


def test_a_memo_without_route_or_subject_is_not_submitted(memo, personas):
    memo.route.all().delete()
    with pytest.raises(ActionError, match="กรุณากำหนดผู้พิจารณา"):
        do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    assert memo.number is None and memo.status == Memo.Status.DRAFT


def test_the_kept_pdf_does_not_change_when_the_data_does(
    memo, personas, django_capture_on_commit_callbacks
):
    memo = submit(memo, personas, django_capture_on_commit_callbacks)
    do_decide(current(memo), Decision.APPROVE, "", actor=personas.reviewer)
    do_decide(current(memo), Decision.APPROVE, "", actor=personas.executive)
    # Edited after the approval, before the worker lays the copy out: the copy is as approved.
    memo.plan.measures.update(title="เปลี่ยนภายหลัง")
    run_tasks()
    memo.refresh_from_db()
    kept = memo.pdf.read()
    assert "ส่งเสริมความโปร่งใสในการดำเนินงาน" in memo.final_text
    assert "เปลี่ยนภายหลัง" not in memo.final_text
    assert "เปลี่ยนภายหลัง" not in "".join(p.extract_text() for p in read_pdf(kept).pages)
    from reports.views.files import pdf_bytes

    assert pdf_bytes(memo) == kept

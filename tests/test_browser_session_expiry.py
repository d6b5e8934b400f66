"""No decision lost to an expired session, in Chromium: the form is sent after the session
ended, the person logs in again, and what they typed is sent on at a press (never a 405)."""

from __future__ import annotations

import pytest

from reports.models import Memo
from tests.browser import browser_page, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "itatrack-demo"


def end_session(page) -> None:
    """As when the session expires or the person logs out in another tab: the browser keeps
    the page and its form, the server no longer knows the session."""
    kept = [c for c in page.context.cookies() if c["name"] != "sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies(kept)


def log_in_again(page, username: str) -> None:
    assert "/accounts/login/" in page.url
    assert "ข้อมูลที่ท่านกรอกไว้ยังอยู่" in page.locator("main").inner_text()
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_load_state("networkidle")


def test_an_executives_decision_survives_an_expired_session(demo_server):
    base = demo_server
    memo = Memo.objects.get(status=Memo.Status.SUBMITTED)
    comment = "เห็นชอบ ให้กองคลังรายงานผลทุกไตรมาส"
    with browser_page(390, 844) as page:
        log_in(page, base, "palat", PASSWORD)
        page.goto(f"{base}/o/ban-tuayang/memos/{memo.pk}/")
        page.get_by_label("เห็นชอบ/อนุมัติ").check()
        page.locator("textarea[name=comment]").fill(comment)
        end_session(page)
        page.get_by_role("button", name="บันทึกการพิจารณา").click()
        page.wait_for_load_state("networkidle")
        log_in_again(page, "palat")
        body = page.locator("main").inner_text()
        assert comment in body and "405" not in body
        screenshot(page, "session-expired-resume-decision")
        page.get_by_role("button", name="ส่งข้อมูลที่กรอกไว้").click()
        page.wait_for_load_state("networkidle")
        confirm = page.locator("main").inner_text()
        assert "เห็นชอบ/อนุมัติ" in confirm and memo.number_text in confirm
        page.get_by_role("button", name="ยืนยัน: เห็นชอบ/อนุมัติ").click()
        page.wait_for_load_state("networkidle")
        assert "บันทึกการพิจารณาแล้ว" in page.locator("main").inner_text()
        assert page.console_errors == []
    step = memo.steps.get(round=memo.round, order=2)
    assert step.state == "approved" and step.comment == comment


def test_an_edited_memo_survives_an_expired_session(demo_server):
    base = demo_server
    memo = Memo.objects.filter(status=Memo.Status.DRAFT).first()
    subject = "รายงานผลการวิเคราะห์ (แก้ไขระหว่างเซสชันหมดอายุ)"
    with browser_page() as page:
        log_in(page, base, "clerk", PASSWORD)
        page.goto(f"{base}/o/ban-tuayang/memos/{memo.pk}/edit/")
        page.fill("#id_subject", subject)
        end_session(page)
        page.get_by_role("button", name="บันทึก", exact=True).click()
        page.wait_for_load_state("networkidle")
        log_in_again(page, "clerk")
        assert subject in page.locator("main").inner_text()
        screenshot(page, "session-expired-resume-edit")
        page.get_by_role("button", name="ส่งข้อมูลที่กรอกไว้").click()
        page.wait_for_load_state("networkidle")
        assert "บันทึกแล้ว" in page.locator("main").inner_text()
    memo.refresh_from_db()
    assert memo.subject == subject

"""A memo as the office sends it, through the browser: the register continued from the paper
one (๒๓๗), the ปลัด signing as acting mayor, the meeting's minutes attached; then the signed
copy carries all three."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from itatrack.models import Membership
from reports.access import current_step
from reports.actions import Decision, do_decide
from reports.models import Memo
from tests.browser import ARTIFACTS, browser_page, log_in, screenshot
from tests.memo_helpers import read_pdf
from tests.worker import run_tasks

pytestmark = pytest.mark.django_db(transaction=True)
MAYOR = "นายกเทศมนตรีตำบลบ้านตัวอย่าง"


def minutes(path) -> str:
    """Two pages of an invented meeting's minutes, as a scanner would make them."""
    pages = [Image.new("RGB", (595, 842), "white") for _ in range(2)]
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:])
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_the_register_number_the_acting_title_and_an_attachment_reach_the_signed_copy(
    demo_server, tmp_path
):
    base = demo_server
    memo = Memo.objects.get(status=Memo.Status.DRAFT)
    reviewer = Membership.objects.get(user__username="reviewer")
    palat = Membership.objects.get(user__username="palat")
    with browser_page() as page:
        log_in(page, base, "orgadmin", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/register/")
        page.locator("input[name=number]").first.fill("237")
        page.locator("form:has(input[name=number]) button").first.click()
        page.wait_for_load_state("networkidle")
        assert "คือ ๒๓๗" in page.locator("main").inner_text()
        screenshot(page, "register-next-number")
        assert page.console_errors == []

    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/memos/{memo.pk}/route/")
        page.select_option("#id_r-0-member", str(reviewer.pk))
        page.select_option("#id_r-0-verb", "endorse")
        page.select_option("#id_r-1-member", str(palat.pk))
        page.select_option("#id_r-1-verb", "approve")
        page.select_option("#id_r-1-capacity", "รักษาราชการแทน")
        page.fill("#id_r-1-acting_for", MAYOR)
        page.select_option("#id_r-2-member", "")
        screenshot(page, "memo-route-acting")
        page.get_by_role("button", name="บันทึก").click()
        page.wait_for_load_state("networkidle")
        assert "บันทึกเส้นทางการเสนอแล้ว" in page.locator("main").inner_text()

        page.fill("#id_title", "สำเนารายงานการประชุมพนักงานเทศบาล ครั้งที่ ๑/๒๕๖๙")
        page.set_input_files("#id_file", minutes(tmp_path / "minutes.pdf"))
        page.get_by_role("button", name="แนบเอกสาร").click()
        page.wait_for_load_state("networkidle")
        listed = page.locator("#memo-files").inner_text()
        assert "สำเนารายงานการประชุมพนักงานเทศบาล" in listed
        screenshot(page, "memo-attachment")

        page.locator("#submit-form button").click()
        page.wait_for_load_state("networkidle")
        header = page.locator("main").inner_text()
        assert "/๒๓๗" in header
        screenshot(page, "memo-submitted-237")
        assert page.console_errors == []

    memo.refresh_from_db()
    assert memo.number == 237
    for actor in (reviewer, palat):
        memo.refresh_from_db()
        do_decide(current_step(memo), Decision.APPROVE, "อนุมัติ", actor=actor)
    run_tasks()
    memo.refresh_from_db()
    with memo.pdf.open("rb") as handle:
        kept = handle.read()
    (ARTIFACTS / "memo-signed-237.pdf").write_bytes(kept)  # to look at, as a reader would
    with read_pdf(kept) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
        pages = len(document.pages)
    squeezed = "".join(text.split())
    assert "/๒๓๗" in text
    assert f"({palat.display_name})" in text
    assert f"รักษาราชการแทน{MAYOR}" in squeezed
    assert "สำเนารายงานการประชุมพนักงานเทศบาล" in squeezed  # listed as สิ่งที่ส่งมาด้วย
    assert pages >= 4  # the memo, its annexes, and the two pages of minutes after them

"""The OIT year in Chromium: a clerk evidences five items, the reviewer finds them ready, the
clerk publishes them, and a citizen reads the public ITA page on a phone."""

from __future__ import annotations

import pytest

from reports.models import OitEntry
from tests.browser import chromium, log_in, new_page, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2569
CODES = ["O1", "O2", "O3", "O4", "O5"]


def site(code: str) -> str:
    return f"https://www.ban-thotsob.example.go.th/ita/{YEAR}/{code}"


def test_five_items_are_evidenced_checked_published_and_read_on_a_phone(browser_server, personas):
    base = browser_server
    workspace = f"{base}/o/ban-thotsob/oit/{YEAR}/"
    with chromium() as browser:
        clerk = new_page(browser)
        log_in(clerk, base, "clerk", PASSWORD)
        for code in CODES:
            clerk.goto(f"{workspace}{code}/")
            clerk.locator("select[name=owner]").select_option(
                label="นางสาวใจดี ทดสอบ — นักวิเคราะห์นโยบายและแผน"
            )
            clerk.get_by_role("button", name="บันทึก", exact=True).click()
            clerk.wait_for_load_state("networkidle")
            clerk.locator("textarea[name=links]").fill(site(code))
            clerk.get_by_role("button", name="เพิ่มหลักฐาน").click()
            clerk.wait_for_load_state("networkidle")
            assert site(code) in clerk.locator("main").inner_text()
        # A link that is not HTTPS is refused in Thai and the text typed stays in the field.
        clerk.locator("textarea[name=links]").fill("http://www.ban-thotsob.example.go.th/x")
        clerk.get_by_role("button", name="เพิ่มหลักฐาน").click()
        clerk.wait_for_load_state("networkidle")
        assert "ต้องเป็นลิงก์ที่ขึ้นต้นด้วย https://" in clerk.locator("main").inner_text()
        assert clerk.locator("textarea[name=links]").input_value().startswith("http://")
        # The refusal is a 400, which Chromium logs as a console error of its own.
        clerk.console_errors.clear()

        reviewer = new_page(browser)
        log_in(reviewer, base, "reviewer", PASSWORD)
        for code in CODES:
            reviewer.goto(f"{workspace}{code}/")
            reviewer.get_by_label("พร้อม", exact=True).check()
            reviewer.locator("textarea[name=comment]").fill("ข้อมูลครบ เป็นปีปัจจุบัน")
            reviewer.get_by_role("button", name="บันทึกผลการตรวจ").click()
            reviewer.wait_for_load_state("networkidle")
        reviewer.goto(workspace)
        assert "๕ /" in reviewer.locator("section[aria-labelledby=oit-self-title]").inner_text()
        screenshot(reviewer, "oit-workspace-ready")

        clerk.goto(workspace)
        clerk.on("dialog", lambda dialog: dialog.accept())
        clerk.get_by_role("button", name="เผยแพร่รายการที่พร้อมแล้ว (๕)").click()
        clerk.wait_for_load_state("networkidle")
        assert "เผยแพร่" in clerk.locator(".alert").first.inner_text()
        assert clerk.console_errors == [] and reviewer.console_errors == []

        citizen = new_page(browser, 390, 844)
        citizen.goto(f"{base}/p/ban-thotsob/ita/{YEAR}/")
        citizen.wait_for_load_state("networkidle")
        assert citizen.evaluate("document.documentElement.scrollWidth") <= 390
        for code in CODES:
            assert citizen.locator(f"#{code} a[href='{site(code)}']").count() == 1
        # Items still without evidence are the staff's business, not the public's.
        assert "ยังไม่มีหลักฐาน" not in citizen.locator("main").inner_text()
        screenshot(citizen, "ita-public-phone")
        assert citizen.console_errors == []
    statuses = OitEntry.objects.filter(item__code__in=CODES, item__framework__fiscal_year=YEAR)
    assert sorted(statuses.values_list("status", flat=True)) == ["published"] * 5

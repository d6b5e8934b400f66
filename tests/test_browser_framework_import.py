"""An operator loads NACC's new year from the workbook they typed, in Chromium: the preview
says what will happen, the year is made, and they confirm it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from assessments.models import Framework
from tests.browser import chromium, log_in, new_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

WORKBOOK = Path(__file__).parent / "data" / "framework-2570.xlsx"


def test_an_operator_loads_and_confirms_a_year_from_their_workbook(browser_server, frameworks):
    User.objects.create_user("operator", password="operator-pass-1", is_staff=True)
    base = browser_server
    with chromium() as browser:
        page = new_page(browser)
        log_in(page, base, "operator", "operator-pass-1")
        page.goto(f"{base}/frameworks/")
        page.get_by_role("link", name="นำเข้ากรอบจากไฟล์ Excel").click()
        page.locator("input[type=file]").set_input_files(str(WORKBOOK))
        page.get_by_role("button", name="ตรวจไฟล์").click()
        page.wait_for_load_state("networkidle")
        preview = page.locator("main").inner_text()
        assert "กรอบการประเมินปี ๒๕๗๐" in preview
        assert "IIT ๓๐ / EIT ๓๐ / OIT ๔๐" in preview
        assert "ยังไม่มีชื่อรายการ" in preview
        screenshot(page, "framework-import-preview")
        page.get_by_role("button", name="ยืนยันนำเข้า").click()
        page.wait_for_load_state("networkidle")
        detail = page.locator("main").inner_text()
        assert "กรอบการประเมิน ITA ปีงบประมาณ ๒๕๗๐" in detail
        assert "(ยังไม่มีชื่อรายการ)" in detail
        screenshot(page, "framework-2570-imported")
        page.get_by_role("button", name="ยืนยันกรอบนี้ (ตรวจกับคู่มือแล้ว)").click()
        page.wait_for_load_state("networkidle")
        assert "ยืนยันกรอบการประเมินปี ๒๕๗๐ แล้ว" in page.locator("main").inner_text()
    assert not Framework.objects.get(fiscal_year=2570).is_provisional

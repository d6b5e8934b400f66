"""A citizen searches the published documents on a phone and follows a result to its
verification; an executive reads the dashboard's charts on a phone without scrolling sideways."""

from __future__ import annotations

import re

import pytest

from tests.browser import browser_page, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_citizen_searches_and_verifies_a_document_on_a_phone(demo_server):
    base = demo_server
    with browser_page(390, 844) as page:
        page.goto(f"{base}/p/ban-tuayang/")
        page.get_by_role("searchbox", name="ค้นหาคำในเอกสาร").first.fill("มาตรการ")
        page.get_by_role("button", name="ค้นหา").first.click()
        page.wait_for_load_state("networkidle")
        main = page.locator("main").inner_text()
        assert "พบ ๑ ฉบับ" in main
        assert page.locator("main mark").first.inner_text() == "มาตรการ"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "public-search-phone")
        page.get_by_role("link", name="ตรวจสอบเอกสาร").first.click()
        page.wait_for_load_state("networkidle")
        verify = page.locator("main").inner_text()
        assert "ผู้ลงนาม: ทต.บ้านตัวอย่าง" in verify
        assert "หน่วยงาน: เทศบาลตำบลบ้านตัวอย่าง" in verify
        assert "CN=" not in verify  # the DN only under the technical details
        assert page.get_by_role("link", name="ดาวน์โหลดเอกสาร (PDF)").count() == 1
        page.get_by_role("link", name="เอกสารเผยแพร่ทั้งหมด").click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/p/ban-tuayang/")
        assert page.console_errors == []


def test_the_dashboard_charts_fit_a_phone(demo_server):
    base = demo_server
    with browser_page(390, 844) as page:
        log_in(page, base, "mayor", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/dashboard/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        phone = page.locator("svg.chart-phone").first
        assert phone.is_visible()
        assert phone.locator(".row-label").count() == 10  # every indicator, none cut off
        box = phone.bounding_box()
        assert box is not None and box["width"] <= 390
        wide = page.locator(".d-none.d-sm-block svg.chart").first
        assert not wide.is_visible()
        screenshot(page, "dashboard-charts-phone")
        assert page.console_errors == []


def test_a_measures_items_are_picked_by_touch_on_a_phone(demo_server):
    from measures.models import Measure

    base = demo_server
    measure = Measure.objects.filter(plan__organization__slug="ban-tuayang").first()
    with browser_page(390, 844) as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/measures/{measure.pk}/edit/")
        assert page.locator("select[multiple]").count() == 0  # no Ctrl-click anywhere
        boxes = page.locator("input[name=items]")
        assert boxes.count() > 20
        filter_box = page.locator("input.choice-filter").first
        filter_box.fill("O12")
        rows = page.locator(".form-check:visible").filter(has=page.locator("input[name=items]"))
        assert 1 <= rows.count() < boxes.count()  # the filter hid the rest
        rows.filter(has_text=re.compile(r"^\s*O12 ")).locator("input").check()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "measure-items-touch-phone")
        page.get_by_role("button", name="บันทึก", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/measures/{measure.pk}/"), page.locator("main").inner_text()
        assert page.console_errors == []
    assert measure.items.filter(code="O12").exists()

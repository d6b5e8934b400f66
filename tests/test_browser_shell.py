"""The UI shell in a real browser: Thai pages load with no CSP or script error, the inline
department edit works through htmx, and the phone layout keeps the menu reachable."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_shows_the_thai_home_page_without_console_errors(demo_server):
    with browser_page() as page:
        log_in(page, demo_server, "orgadmin", "itatrack-demo")
        assert page.url.endswith("/o/ban-tuayang/")
        assert page.locator("h1").inner_text() == "เทศบาลตำบลบ้านตัวอย่าง"
        assert page.locator("html").get_attribute("lang") == "th"
        assert page.evaluate("document.fonts.check('16px Sarabun', 'ก')")
        shot = screenshot(page, "shell-home-orgadmin")
        assert page.console_errors == []
    assert shot.stat().st_size > 10_000


def test_it_edits_a_department_inline_with_htmx(demo_server):
    with browser_page() as page:
        log_in(page, demo_server, "orgadmin", "itatrack-demo")
        page.goto(f"{demo_server}/o/ban-tuayang/departments/")
        row = page.locator("tr", has_text="กองช่าง")
        row.get_by_role("link", name="แก้ไข").click()
        field = page.locator("tr form input[name=name]")
        field.fill("กองช่างและผังเมือง")
        page.locator("tr form").get_by_role("button", name="บันทึก").click()
        page.wait_for_selector("tr:has-text('กองช่างและผังเมือง') >> text=แก้ไข")
        assert page.url.endswith("/departments/")  # no full page load
        screenshot(page, "shell-departments-inline-edit")
        assert page.console_errors == []


def test_it_keeps_the_menu_reachable_on_a_phone(demo_server):
    with browser_page(390, 844) as page:
        log_in(page, demo_server, "mayor", "itatrack-demo")
        page.get_by_role("button", name="เปิดเมนู").click()
        # Bootstrap slides the menu open; a click during the slide can miss on a busy machine.
        page.locator("#nav.collapse.show").wait_for()
        page.get_by_role("button", name="นายวีระ ใจสมมติ").click()
        page.get_by_role("button", name="ออกจากระบบ").wait_for(state="visible")
        width = page.evaluate("document.documentElement.scrollWidth")
        screenshot(page, "shell-home-phone")
        assert width <= 390, "the page scrolls sideways on a phone"
        assert page.console_errors == []

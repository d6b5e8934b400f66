"""A provincial supervisor uses the overview in Chromium: sort, filter, export, drill down."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def body_names(page) -> list[str]:
    return page.locator("table.overview-table tbody tr td:first-child a").all_inner_texts()


def test_a_supervisor_sorts_filters_and_opens_a_body(demo_server):
    with browser_page() as page:
        log_in(page, demo_server, "supervisor", "itatrack-demo")
        assert page.url.endswith("/s/lampang/")  # no membership: the home page sends them here
        assert "ปีงบประมาณ ๒๕๖๙" in page.locator("h1").inner_text()
        page.get_by_role("link", name="คะแนน", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.locator("th[aria-sort='ascending']").inner_text().startswith("คะแนน")
        page.get_by_role("link", name="คะแนน", exact=True).click()  # again: the other way
        page.wait_for_load_state("networkidle")
        assert "sort=-score" in page.url
        assert page.locator("th[aria-sort='descending']").inner_text().startswith("คะแนน")
        # A body without a score stays last whichever way the scores run.
        assert body_names(page) == ["เทศบาลตำบลบ้านตัวอย่าง", "องค์การบริหารส่วนตำบลหนองสมมติ"]
        page.select_option("#id_kind", "sao")
        page.get_by_role("button", name="กรอง").click()
        page.wait_for_load_state("networkidle")
        assert body_names(page) == ["องค์การบริหารส่วนตำบลหนองสมมติ"]
        assert "sort=-score" in page.url  # the sort survives filtering
        with page.expect_download() as download:
            page.get_by_role("link", name="ส่งออก Excel").click()
        assert download.value.suggested_filename == "lampang-ita-2569.xlsx"
        page.get_by_role("link", name="ล้าง").click()
        page.wait_for_load_state("networkidle")
        screenshot(page, "overview")
        page.get_by_role("link", name="เทศบาลตำบลบ้านตัวอย่าง").click()
        page.wait_for_load_state("networkidle")
        main = page.locator("main").inner_text()
        assert "ดูได้อย่างเดียว" in main and "มาตรการปี" in main
        assert page.locator("main a[href*='/o/ban-tuayang/']").count() == 0
        screenshot(page, "overview-drill-down")
        assert page.console_errors == []

"""The assessment screens in Chromium: keyboard entry in the grid, the import preview, and
confirming a proposed finding inline."""

from __future__ import annotations

import pytest

from assessments.models import Assessment, Finding
from tests.browser import browser_page, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(demo_server):
    newest = Assessment.objects.filter(organization__slug="ban-tuayang").by_year().first()
    return demo_server, newest


def test_the_grid_moves_down_with_enter_and_shows_the_level_as_typed(demo, tmp_path):
    base, assessment = demo
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/assessments/{assessment.pk}/scores/")
        total = page.locator("#id_total")
        total.fill("")
        total.type("๙๕.๕")
        assert page.locator("#computed-level").inner_text() == "AA"
        total.fill("84.99")
        assert page.locator("#computed-level").inner_text() == "B"
        total.press("Enter")
        assert page.evaluate("document.activeElement.id") == "id_level"
        assert page.url.endswith("/scores/")  # Enter did not submit

        page.locator("input[name=item_I1]").fill("๑๑๐")
        page.get_by_role("button", name="บันทึกคะแนน").click()
        page.wait_for_load_state("networkidle")
        assert "อยู่นอกช่วง" in page.locator("input[name=item_I1] + .invalid-feedback").inner_text()
        assert page.locator("input[name=item_I1]").input_value() == "๑๑๐"
        assert page.locator("#id_total").input_value() == "84.99"
        screenshot(page, "assessment-grid-invalid")
        assert page.console_errors == []


def test_the_import_preview_lists_problems_per_row(demo, tmp_path):
    base, assessment = demo
    bad = tmp_path / "ita.csv"
    bad.write_text("รหัส,รายการ,คะแนน\nI1,,๘๐\nI99,,70\nI2,,เก้าสิบ\n", encoding="utf-8")
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/assessments/{assessment.pk}/import/")
        page.set_input_files("input[type=file]", str(bad))
        page.get_by_role("button", name="ตรวจไฟล์").click()
        page.wait_for_load_state("networkidle")
        text = page.locator("main").inner_text()
        assert "พบปัญหา ๒ จุด" in text and "ไม่รู้จักรหัส 'I99'" in text
        assert page.get_by_role("button", name="ยืนยันนำเข้า").count() == 0
        screenshot(page, "assessment-import-problems")
        assert page.console_errors == []


def test_a_proposed_finding_is_confirmed_inline(demo):
    base, assessment = demo
    proposed = assessment.findings.filter(state=Finding.State.PROPOSED).first()
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/assessments/{assessment.pk}/findings/")
        card = page.locator(f"#finding-{proposed.pk}")
        card.get_by_role("link", name="ตรวจและยืนยัน").click()
        page.locator(f"#finding-{proposed.pk} textarea[name=root_cause]").fill("ขาดการสื่อสาร")
        page.locator(f"#finding-{proposed.pk}").get_by_role("button", name="ยืนยัน").click()
        page.wait_for_selector(f"#finding-{proposed.pk} >> text=ขาดการสื่อสาร")
        screenshot(page, "assessment-findings")
        assert page.console_errors == []
    proposed.refresh_from_db()
    assert proposed.state == Finding.State.CONFIRMED and proposed.root_cause == "ขาดการสื่อสาร"


PASTE = """(el, text) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  const init = {clipboardData: data, bubbles: true, cancelable: true};
  el.dispatchEvent(new ClipboardEvent("paste", init));
}"""
HIDDEN_UNDER_BAR = """() => {
  const field = document.activeElement.getBoundingClientRect();
  const bar = document.querySelector("#score-grid .grid-save-bar").getBoundingClientRect();
  return field.bottom > bar.top;
}"""


def test_the_field_typed_in_is_never_under_the_save_bar(demo):
    base, assessment = demo
    with browser_page(1280, 720) as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/assessments/{assessment.pk}/scores/")
        page.locator("#id_total").focus()
        hidden = 0
        for _ in range(60):
            page.keyboard.press("Enter")
            hidden += page.evaluate(HIDDEN_UNDER_BAR)
        assert hidden == 0, f"{hidden} of 60 Enter presses left the field under the save bar"
        assert page.console_errors == []


def test_a_column_pasted_from_excel_fills_the_column_and_saved_scores_show_thai_digits(demo):
    base, assessment = demo
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/assessments/{assessment.pk}/scores/")
        first = page.locator("input[name=item_I1]")
        first.evaluate(PASTE, "80.25\r\n๘๑\r\n82.5\t(remark)\r\n")
        values = [page.locator(f"input[name=item_I{n}]").input_value() for n in (1, 2, 3, 4)]
        assert values[:3] == ["80.25", "๘๑", "82.5"]
        screenshot(page, "assessment-grid-pasted")
        page.get_by_role("button", name="บันทึกคะแนน").click()
        page.wait_for_load_state("networkidle")
        page.goto(f"{base}/o/ban-tuayang/assessments/{assessment.pk}/scores/")
        assert page.locator("input[name=item_I1]").input_value() == "๘๐.๒๕"
        assert page.locator("input[name=item_I3]").input_value() == "๘๒.๕๐"
        assert page.console_errors == []
    scores = {s.item.code: s.score for s in assessment.item_scores.select_related("item")}
    assert (str(scores["I1"]), str(scores["I2"]), str(scores["I3"])) == ("80.25", "81.00", "82.50")


def test_charts_are_drawn_as_rows_on_a_phone(demo):
    base, assessment = demo
    with browser_page(390, 844) as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/assessments/{assessment.pk}/")
        chart = page.locator("svg.chart-phone").first
        assert chart.is_visible()
        assert chart.locator(".row-label").count() == 10  # every indicator, none beyond the edge
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
        screenshot(page, "assessment-phone-chart")
        assert page.console_errors == []

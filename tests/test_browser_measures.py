"""Measures in Chromium: add a step inline, paste a sample table, read the timeline."""

from __future__ import annotations

import re

import pytest

from measures.models import Measure, Plan
from tests.browser import browser_page, log_in, screenshot
from tests.measure_helpers import memo_measures_table

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(demo_server):
    plan = Plan.objects.get(organization__slug="ban-tuayang", fiscal_year=2570)
    measure = plan.measures.filter(status__in=["not_started", "in_progress"]).first()
    return demo_server, plan, measure


def test_steps_are_added_one_after_another_without_reloading(demo):
    base, _plan, measure = demo
    before = measure.steps.count()
    texts = ["สรุปผลและรายงานผู้บริหาร", "เผยแพร่ผลบนเว็บไซต์", "ทบทวนมาตรการปีถัดไป"]
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/measures/{measure.pk}/")
        page.get_by_text("เพิ่มขั้นตอน", exact=True).click()
        for text in texts:
            field = page.locator("#step-add form textarea[name=text]")
            assert field.count() == 1, "the step's fields sit inside its form"
            field.fill(text)
            page.locator("#step-add form").get_by_role("button", name="เพิ่ม").click()
            page.wait_for_selector(f"#steps >> text={text}")
            assert field.input_value() == ""
        screenshot(page, "measure-detail-steps-added")
        assert page.console_errors == []
    assert list(measure.steps.order_by("order").values_list("text", flat=True))[-3:] == texts
    assert measure.steps.count() == before + 3


def test_a_sample_table_is_pasted_previewed_and_confirmed(demo):
    base, plan, _measure = demo
    before = plan.measures.count()
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/plans/{plan.pk}/paste/")
        page.locator("#id_text").fill(memo_measures_table())
        page.get_by_role("button", name="ตรวจตาราง").click()
        page.wait_for_load_state("networkidle")
        text = page.locator("main").inner_text()
        # Against the 2569 framework (26 OIT items) O28 does not exist and 29 can only be I29.
        assert "อ่านได้ ๔ มาตรการ" in text and "ไม่พบรหัส" in text, text[-1500:]
        screenshot(page, "measures-paste-preview")
        page.get_by_role("button", name="ยืนยันเพิ่ม ๔ มาตรการ").click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/plans/{plan.pk}/")
        screenshot(page, "measures-plan-after-paste")
        assert page.console_errors == []
    assert Measure.objects.filter(plan=plan).count() == before + 4


def test_the_timeline_and_due_list_render(demo):
    base, plan, _measure = demo
    with browser_page() as page:
        log_in(page, base, "mayor", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/plans/{plan.pk}/timeline/")
        assert page.locator(".tl-bar").count() >= 1
        screenshot(page, "measures-timeline")
        page.goto(f"{base}/o/ban-tuayang/measures/due/")
        assert "เลยกำหนดแล้ว" in page.locator("main").inner_text()
        screenshot(page, "measures-due")
        assert page.console_errors == []


def test_an_ambiguous_code_is_chosen_once_and_the_table_saves(demo):
    from tests.measure_helpers import by_question_table

    base, plan, _measure = demo
    before = plan.measures.count()
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/plans/{plan.pk}/paste/")
        page.locator("#id_text").fill(by_question_table())
        page.get_by_role("button", name="ตรวจตาราง").click()
        page.wait_for_load_state("networkidle")
        selects = page.locator("select[name^='resolve_']")
        assert selects.count() >= 1
        for index in range(selects.count()):
            selects.nth(index).select_option(index=1)  # the first reading offered
        page.get_by_role("button", name="ตรวจอีกครั้ง").click()
        page.wait_for_load_state("networkidle")
        assert "กรุณาเลือก" not in page.locator("main").inner_text()
        confirm = page.get_by_role("button", name=re.compile("^ยืนยันเพิ่ม"))
        confirm.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/plans/{plan.pk}/"), page.locator("main").inner_text()[:600]
        assert page.console_errors == []
    assert plan.measures.count() > before


def test_a_date_is_typed_and_picked_in_the_buddhist_era(demo):
    base, _plan, measure = demo
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/measures/{measure.pk}/edit/")
        end = page.locator("#id_end_date")
        assert end.get_attribute("type") == "text"
        group = page.locator(".thai-date-group").filter(has=end)
        assert group.locator("button.thai-date-button").count() == 1
        end.fill("1/3/70")
        group.locator("button.thai-date-button").click()
        calendar = group.locator(".thai-calendar")
        assert calendar.locator(".thai-calendar-title").inner_text() == "มีนาคม ๒๕๗๐"
        assert calendar.locator("th").first.inner_text() == "อา"
        calendar.get_by_role("button", name="เดือนถัดไป").click()
        assert calendar.locator(".thai-calendar-title").inner_text() == "เมษายน ๒๕๗๐"
        screenshot(page, "measure-edit-be-calendar")
        calendar.get_by_role("button", name="เดือนก่อน").click()
        calendar.get_by_role("button", name="๓๑ มีนาคม ๒๕๗๐").click()
        assert end.input_value() == "๓๑/๐๓/๒๕๗๐"
        assert group.locator(".thai-calendar").count() == 0
        end.fill("30/06/2570")
        screenshot(page, "measure-edit-be-date")
        page.get_by_role("button", name="บันทึก", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/measures/{measure.pk}/"), page.locator("main").inner_text()
        assert "๓๐ มิถุนายน ๒๕๗๐" in page.locator("main").inner_text()
        assert page.console_errors == []
    measure.refresh_from_db()
    assert str(measure.end_date) == "2027-06-30"

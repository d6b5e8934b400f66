"""Measures in Chromium: add a step inline, paste a sample table, read the timeline."""

from __future__ import annotations

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


def test_a_step_is_added_inline_and_the_form_resets(demo):
    base, _plan, measure = demo
    before = measure.steps.count()
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/measures/{measure.pk}/")
        page.get_by_text("เพิ่มขั้นตอน", exact=True).click()
        page.locator("#step-add textarea[name=text]").fill("สรุปผลและรายงานผู้บริหาร")
        page.locator("#step-add").get_by_role("button", name="เพิ่ม").click()
        page.wait_for_selector("#steps >> text=สรุปผลและรายงานผู้บริหาร")
        assert page.locator("#step-add textarea[name=text]").input_value() == ""
        screenshot(page, "measure-detail-step-added")
        assert page.console_errors == []
    assert measure.steps.count() == before + 1


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

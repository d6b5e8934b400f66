"""The three paste imports in Chromium, each with a messy table of the corpus: an analysis
table by tool, a measures table with ranges and Thai periods, and a results table as the
office keeps it; each previewed, then confirmed."""

from __future__ import annotations

import pytest

from assessments.models import Assessment, Finding
from measures.models import FollowUp, Measure, Plan
from tests.browser import browser_page, log_in, screenshot
from tests.corpus import text_of

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "ban-tuayang"


def paste(page, url: str, text: str, confirm: str, name: str) -> str:
    page.goto(url)
    page.locator("#id_text").fill(text)
    page.get_by_role("button", name="ตรวจตาราง").click()
    page.wait_for_load_state("networkidle")
    said = page.locator("main").inner_text()
    screenshot(page, f"paste-{name}-preview")
    page.get_by_role("button", name=confirm).click()
    page.wait_for_load_state("networkidle")
    return said


def test_one_table_of_each_kind_goes_in_through_the_browser(demo_server):
    base = demo_server
    plan = Plan.objects.get(organization__slug=SLUG, fiscal_year=2570)
    assessment = (
        Assessment.objects.filter(organization__slug=SLUG)
        .order_by("-framework__fiscal_year")
        .first()
    )
    findings_before = Finding.objects.filter(assessment=assessment).count()
    measures_before = plan.measures.count()
    chosen = list(plan.measures.filter(status__in=["not_started", "in_progress"])[:2])
    results = "มาตรการ\tผลการดำเนินการ\tผลลัพธ์\n" + "".join(
        f"{m.number}. {m.title}\tดำเนินการแล้วตามแผน ครั้งที่ {n}\tบรรลุเป้าหมาย\n"
        for n, m in enumerate(chosen, start=1)
    )
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        said = paste(
            page,
            f"{base}/o/{SLUG}/assessments/{assessment.pk}/findings/paste/",
            text_of("analysis-word-4.txt"),
            "ยืนยันเพิ่ม ๒ ข้อค้นพบ",
            "analysis",
        )
        assert "อ่านได้ ๒ ข้อค้นพบ" in said
        screenshot(page, "paste-analysis-confirmed")
        said = paste(
            page,
            f"{base}/o/{SLUG}/plans/{plan.pk}/paste/",
            text_of("measures-word-1.txt"),
            "ยืนยันเพิ่ม ๓ มาตรการ",
            "measures",
        )
        assert "อ่านได้ ๓ มาตรการ" in said
        said = paste(
            page,
            f"{base}/o/{SLUG}/plans/{plan.pk}/results/paste/",
            results,
            "ยืนยันบันทึกผล",
            "results",
        )
        assert "จะเพิ่มผลการดำเนินการ ๒ รายการ · ผลลัพธ์ ๒ มาตรการ" in said
        screenshot(page, "paste-results-confirmed")
        assert page.console_errors == []
    assert Finding.objects.filter(assessment=assessment).count() == findings_before + 2
    assert plan.measures.count() == measures_before + 3
    for n, measure in enumerate(chosen, start=1):
        measure.refresh_from_db()
        assert FollowUp.objects.filter(measure=measure, text=f"ดำเนินการแล้วตามแผน ครั้งที่ {n}").exists()
        assert measure.outcome_text == "บรรลุเป้าหมาย"
    assert Measure.objects.filter(plan=plan, items__code="I27").exists()

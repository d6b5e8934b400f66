"""A real year entered the way clerks have it, in Chromium (issue 17, points 1, 3 and 4).

The clerk asks the system for findings on a result with indicators below the pass mark, pastes
a measures table with nested steps and owners written the short way, picks the one owner the
system is unsure of, sees the steps kept as written on the measure page and in the memo PDF,
deletes a step and sees the rest renumbered, and finds the matched measures under "my
measures". Screenshots go to test-artifacts/real-year/.
"""

from __future__ import annotations

import re

import pytest

from assessments.actions import do_save_scores
from assessments.models import Assessment, Finding
from itatrack.models import Department
from measures.actions import do_create_plan
from measures.models import Measure
from reports.models import Memo
from tests.assessment_helpers import framework, sample_sheet
from tests.browser import chromium, log_in, new_page, screenshot
from tests.conftest import PASSWORD
from tests.memo_helpers import read_pdf
from tests.test_findings_paste import fixed_table
from tests.test_paste_nested import MORE_DEPARTMENTS, nested_table

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "ban-thotsob"


@pytest.fixture
def year(browser_server, personas):
    """A 2566 result whose indicators 1–4 are below the pass mark (81–84), and a 2567 plan."""
    for name in ("กองคลัง", "กองช่าง", *MORE_DEPARTMENTS):
        Department.objects.create(organization=personas.org, name=name)
    assessment = Assessment.objects.create(organization=personas.org, framework=framework(2566))
    do_save_scores(assessment, sample_sheet(framework(2566)), actor=None)
    plan = do_create_plan(personas.org, fiscal_year=2567, assessment=assessment, actor=None)
    return browser_server, assessment, plan


def shot(page, name: str) -> None:
    screenshot(page, f"real-year/{name}")


def test_a_clerk_enters_a_real_year_without_losing_its_shape(year):
    base, assessment, plan = year
    with chromium() as browser:
        page = new_page(browser)
        page.set_default_timeout(15_000)
        log_in(page, base, "clerk", PASSWORD)

        # 1. Every indicator below the mark gets a proposal.
        page.goto(f"{base}/o/{SLUG}/assessments/{assessment.pk}/findings/")
        page.get_by_role("button", name="ให้ระบบเสนอข้อค้นพบจากคะแนน").click()
        page.wait_for_load_state("networkidle")
        text = page.locator("main").inner_text()
        for thai in ("๑", "๒", "๓", "๔"):
            assert f"ตัวชี้วัดที่ {thai} " in text and "ต่ำกว่าเกณฑ์ ๘๕ คะแนน" in text, thai
        urgent = Finding.objects.filter(assessment=assessment, kind=Finding.Kind.URGENT)
        assert {1, 2, 3, 4} <= set(urgent.values_list("indicator__number", flat=True))
        shot(page, "01-findings-proposed")

        # 6. The findings table kept in Word, pasted; the indicator whose number and name
        # disagree is chosen on the preview.
        page.get_by_role("link", name="วางตารางข้อค้นพบ").click()
        page.locator("#id_text").fill(fixed_table())
        page.get_by_role("button", name="ตรวจตาราง").click()
        page.wait_for_load_state("networkidle")
        assert "มีเลขและชื่อไม่ตรงกัน" in page.locator("main").inner_text()
        page.locator("select[name='resolve_5:ind']").select_option(label="๓ การใช้อำนาจ")
        page.get_by_role("button", name="ตรวจอีกครั้ง").click()
        page.wait_for_load_state("networkidle")
        shot(page, "01b-findings-paste-preview")
        before = Finding.objects.filter(assessment=assessment).count()
        page.get_by_role("button", name="ยืนยันเพิ่ม ๖ ข้อค้นพบ").click()
        page.wait_for_load_state("networkidle")
        assert "เพิ่มข้อค้นพบจากตาราง ๖ รายการ" in page.locator("body").inner_text()
        assert Finding.objects.filter(assessment=assessment).count() == before + 6

        # 3 and 4. The nested table, pasted; the unsure owner asked and chosen.
        page.goto(f"{base}/o/{SLUG}/plans/{plan.pk}/paste/")
        page.locator("#id_text").fill(nested_table())
        page.get_by_role("button", name="ตรวจตาราง").click()
        page.wait_for_load_state("networkidle")
        text = page.locator("main").inner_text()
        assert "อ่านได้ ๖ มาตรการ" in text
        assert "เลือกส่วนราชการผู้รับผิดชอบที่ระบบไม่แน่ใจ" in text
        assert page.get_by_role("button", name="ยืนยันเพิ่ม ๖ มาตรการ").count() == 0
        page.locator("select[name^='resolve_'][name*=':owner:']").select_option(
            label="กองส่งเสริมการเกษตร"
        )
        page.get_by_role("button", name="ตรวจอีกครั้ง").click()
        page.wait_for_load_state("networkidle")
        shot(page, "02-paste-preview")
        page.get_by_role("button", name="ยืนยันเพิ่ม ๖ มาตรการ").click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/plans/{plan.pk}/")
        assert "ยังไม่ได้เลือกส่วนราชการผู้รับผิดชอบ" not in page.locator("main").inner_text()
        shot(page, "03-plan")

        owners = {
            m.number: sorted(d.name for d in m.departments.all()) for m in plan.measures.all()
        }
        assert owners == {
            1: ["สำนักปลัดเทศบาล"],
            2: ["กองคลัง"],
            3: ["สำนักปลัดเทศบาล"],
            4: ["กองช่าง"],
            5: sorted(MORE_DEPARTMENTS[:2]),
            6: ["กองส่งเสริมการเกษตร"],
        }

        # "My measures": the clerk sits in สำนักปลัดเทศบาล, which the table wrote สำนักปลัดฯ and สป.
        page.goto(f"{base}/o/{SLUG}/measures/mine/")
        mine = page.locator("main").inner_text()
        assert "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ" in mine
        assert "มาตรการป้องกันผลประโยชน์ทับซ้อน" in mine
        assert "มาตรการดูแลทรัพย์สินของราชการ" not in mine

        # The lead-in stays above the steps; each numbered item is a step, written as typed
        # (its own ๑) ๒) …, not numbered again), with its sub-items as lines.
        first = Measure.objects.get(plan=plan, number=1)
        page.goto(f"{base}/o/{SLUG}/measures/{first.pk}/")
        assert page.locator("#method-preamble").inner_text().endswith("ดำเนินการดังนี้")
        steps = page.locator("#steps").inner_text()
        assert "๑) ปรับปรุงหน้าเว็บไซต์ของหน่วยงาน\n- จัดหมวดหมู่ข้อมูลตามรายการ OIT" in steps
        assert "๑.\t๑)" not in steps
        shot(page, "04-measure-nested-step")

        # Deleting the first of two steps leaves one, numbered ๑.
        second = Measure.objects.get(plan=plan, number=2)
        page.goto(f"{base}/o/{SLUG}/measures/{second.pk}/")
        page.on("dialog", lambda dialog: dialog.accept())
        first_step = second.steps.order_by("order").first()
        page.locator(f"#step-{first_step.pk}").get_by_role("button", name="ลบ").click()
        page.wait_for_selector(f"#step-{first_step.pk}", state="detached")
        rows = page.locator("#steps tr")
        assert rows.count() == 1
        assert rows.first.locator(".step-order").inner_text() == "๑."
        assert "รายงานผลการจัดซื้อจัดจ้างทุกเดือน" in rows.first.inner_text()
        shot(page, "05-step-deleted")
        assert [s.order for s in second.steps.all()] == [1]

        # The analysis memo's measures attachment prints the nested step as written.
        page.goto(f"{base}/o/{SLUG}/memos/")
        page.select_option("#id_kind", "analysis")
        page.select_option("#id_assessment", label="ITA ๒๕๖๖")
        page.select_option("#id_plan", label="มาตรการปี ๒๕๖๗")
        page.get_by_role("button", name="สร้างร่าง").click()
        page.wait_for_load_state("networkidle")
        memo = Memo.objects.get(organization=plan.organization, kind=Memo.Kind.ANALYSIS)
        response = page.request.get(f"{base}/o/{SLUG}/memos/{memo.pk}/pdf/")
        assert response.ok
        with read_pdf(response.body()) as pdf:
            printed = "\n".join(p.extract_text() or "" for p in pdf.pages)
        lines = [re.sub(r"\s+", " ", line).strip() for line in printed.splitlines()]
        assert "๑) ปรับปรุงหน้าเว็บไซต์ของหน่วยงาน" in " ".join(lines)
        start = next(i for i, line in enumerate(lines) if "๑) ปรับปรุงหน้าเว็บไซต์" in line)
        assert lines[start + 1].startswith("- จัดหมวดหมู่ข้อมูลตามรายการ OIT"), lines[start : start + 3]
        assert page.console_errors == []

"""An executive approves a memo between meetings, on a 390×844 phone screen."""

from __future__ import annotations

import pytest

from reports.models import Memo
from tests.browser import browser_page, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(demo_server):
    return demo_server, Memo.objects.get(status=Memo.Status.SUBMITTED)


def test_the_palat_approves_from_a_phone(demo):
    base, memo = demo
    with browser_page(390, 844) as page:
        log_in(page, base, "palat", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/memos/inbox/")
        screenshot(page, "memo-inbox-phone")
        page.get_by_text(memo.subject[:30]).click()
        page.wait_for_load_state("networkidle")
        # The inbox opens the memo at its top, to be read, not at the decision.
        assert page.evaluate("window.scrollY") == 0 and "#decide" not in page.url
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        preview = page.locator(".pdf-pages img").first
        preview.scroll_into_view_if_needed()
        for _ in range(50):  # wait_for_function needs eval, which our CSP rightly forbids
            if preview.evaluate("img => img.complete && img.naturalWidth") > 0:
                break
            page.wait_for_timeout(100)
        assert preview.evaluate("img => img.naturalWidth") > 0
        # The memo comes first: its first page is above the decision, and nothing is chosen.
        box = preview.bounding_box()
        assert box["y"] < page.locator("#decide").bounding_box()["y"]
        assert box["width"] >= 300, "the page image is readable on the phone"
        assert page.locator("#decide input[name=decision]:checked").count() == 0
        screenshot(page, "memo-detail-phone-top")
        page.locator("#decide").scroll_into_view_if_needed()
        page.get_by_label("เห็นชอบ/อนุมัติ").check()
        page.locator("textarea[name=comment]").fill("เห็นชอบ เสนอนายกพิจารณา")
        screenshot(page, "memo-detail-phone")
        page.get_by_role("button", name="บันทึกการพิจารณา").click()
        page.wait_for_load_state("networkidle")
        confirm = page.locator("main").inner_text()
        assert "ท่านกำลัง เห็นชอบ/อนุมัติ" in confirm and memo.number_text in confirm
        screenshot(page, "memo-decision-confirm-phone")
        page.get_by_role("button", name="ยืนยัน: เห็นชอบ/อนุมัติ").click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/memos/inbox/")
        assert "บันทึกการพิจารณาแล้ว" in page.locator("main").inner_text()
        screenshot(page, "memo-decided-phone")
        assert page.console_errors == []
    memo.refresh_from_db()
    step = memo.steps.get(round=memo.round, order=2)
    assert step.state == "approved" and step.comment == "เห็นชอบ เสนอนายกพิจารณา"


def test_the_memo_page_shows_the_pdf_on_a_desktop(demo):
    base, memo = demo
    with browser_page() as page:
        log_in(page, base, "clerk", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/memos/{memo.pk}/")
        frame = page.locator("iframe.pdf-frame")
        assert frame.is_visible()
        screenshot(page, "memo-detail-desktop")
        assert page.console_errors == []


def test_an_admin_enters_a_long_route_in_one_go(demo):
    from itatrack.models import Membership
    from reports.models import RouteTemplate

    base, _memo = demo
    members = list(
        Membership.objects.filter(organization__slug="ban-tuayang", is_active=True).order_by("pk")
    )
    assert len(members) >= 4
    with browser_page() as page:
        log_in(page, base, "orgadmin", "itatrack-demo")
        page.goto(f"{base}/o/ban-tuayang/routes/new/")
        page.fill("#id_name", "เส้นทางยาว")
        assert page.locator(".route-row").count() == 3
        page.get_by_role("button", name="+ เพิ่มผู้พิจารณา").click()
        page.get_by_role("button", name="+ เพิ่มผู้พิจารณา").click()
        rows = page.locator(".route-row")
        assert rows.count() == 5
        assert rows.nth(4).locator(".route-number").inner_text() == "๕."
        for index, member in enumerate(members[:4]):
            page.select_option(f"#id_r-{index}-member", str(member.pk))
        page.select_option("#id_r-3-verb", "approve")
        screenshot(page, "route-long")
        page.get_by_role("button", name="บันทึก", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert "บันทึกเส้นทางแล้ว" in page.locator("main").inner_text()
        assert page.console_errors == []
    template = RouteTemplate.objects.get(name="เส้นทางยาว")
    assert [s.member for s in template.steps.order_by("order")] == members[:4]

"""The transparency page and its embed, as a citizen and as the municipal website see them."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image, ImageStat

from reports.models import Publication
from tests.browser import browser_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(demo_server):
    return demo_server, Publication.objects.get(organization__slug="ban-tuayang")


def assert_drawn(path) -> None:
    """The screenshot shows a page, not a blank or an error: light background, dark text."""
    image = Image.open(path).convert("L")
    assert image.width >= 300 and image.height >= 200
    dark = sum(image.histogram()[:100])
    assert dark > 500, "no text drawn"
    assert ImageStat.Stat(image).mean[0] > 150, "the page is not a light page"


def test_a_citizen_reads_the_transparency_page_on_a_phone(demo):
    base, publication = demo
    with browser_page(390, 844) as page:
        page.goto(f"{base}/p/ban-tuayang/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        main = page.locator("main").inner_text()
        assert "ปีงบประมาณ ๒๕๖๙" in main and "O25" in main and "ลงนามแล้ว" in main
        assert_drawn(screenshot(page, "transparency-phone"))
        page.get_by_role("link", name=publication.title[:20]).first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/d/{publication.token}/")
        page.get_by_role("link", name="ตรวจสอบเอกสาร").click()
        page.wait_for_load_state("networkidle")
        assert "ถูกต้อง" in page.locator("main").inner_text()
        assert_drawn(screenshot(page, "verify-phone"))
        assert page.console_errors == []


@pytest.fixture
def website(demo):
    """The body's own website: another origin whose page frames our embed."""
    base, _publication = demo
    html = (
        '<meta charset="utf-8"><h1>เว็บไซต์เทศบาลตำบลบ้านตัวอย่าง</h1>'
        f'<iframe src="{base}/p/ban-tuayang/embed/" width="800" height="400"></iframe>'
    ).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}/"
    server.shutdown()


def test_the_municipal_website_shows_the_embed_in_an_iframe(demo, website):
    _base, publication = demo
    with browser_page(900, 700) as page:
        page.goto(website)
        frame = page.frame_locator("iframe")
        link = frame.get_by_role("link", name=publication.title[:20])
        link.wait_for()
        assert link.get_attribute("href") == f"/d/{publication.token}/"
        assert_drawn(screenshot(page, "transparency-embed"))

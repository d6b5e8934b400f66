from __future__ import annotations

from django.template.loader import get_template
from django.test import Client


def test_it_answers_unknown_pages_with_a_thai_404(db, settings):
    settings.DEBUG = False
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in html and "กลับหน้าหลัก" in html


def test_it_answers_a_missing_role_with_a_thai_403(personas):
    response = personas.client_for(personas.clerk).get(f"/o/{personas.org.slug}/members/")
    assert response.status_code == 403
    assert "ท่านไม่มีสิทธิ์ใช้งานหน้านี้" in response.content.decode()


def test_it_renders_the_500_page_without_a_request_or_database():
    html = get_template("500.html").render({})
    assert "ระบบขัดข้องชั่วคราว" in html


def test_it_answers_a_stale_form_with_a_thai_csrf_page(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.clerk.user)
    response = client.post("/switch/", {"org": personas.org.slug})
    assert response.status_code == 403
    assert "แบบฟอร์มหมดอายุ" in response.content.decode()


def test_it_answers_a_host_it_does_not_serve_with_a_thai_400(db, settings):
    settings.DEBUG = False
    response = Client().get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "คำขอไม่ถูกต้อง" in html and "กลับหน้าหลัก" in html


def test_the_proxy_error_page_is_thai_and_needs_nothing_from_the_app(settings):
    page = (settings.BASE_DIR / "static" / "errors" / "50x.html").read_text(encoding="utf-8")
    assert "ระบบไม่ตอบสนองชั่วคราว" in page and "ไม่สูญหาย" in page
    assert "src=" not in page and "<link" not in page  # served when the app is down
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert "error_page 502 503 504 /errors/50x.html" in readme

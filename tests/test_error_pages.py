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

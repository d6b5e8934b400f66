from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD


def test_it_shows_the_login_page_in_thai():
    html = Client().get(reverse("login")).content.decode()
    assert "เข้าสู่ระบบ itatrack" in html
    assert "ชื่อผู้ใช้" in html and "รหัสผ่าน" in html


def test_it_logs_a_member_in_and_sends_them_to_their_organisation(personas):
    client = Client()
    response = client.post(
        reverse("login"), {"username": "clerk", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("org_home", args=[personas.org.slug])


def test_it_refuses_a_wrong_password_with_a_thai_message(personas):
    response = Client().post(reverse("login"), {"username": "clerk", "password": "wrong"})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()


def test_it_logs_out_by_post_only(personas):
    client = personas.client_for(personas.clerk)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_it_changes_the_password_after_checking_the_old_one(personas):
    client = personas.client_for(personas.clerk)
    bad = client.post(
        reverse("password_change"),
        {
            "old_password": "nope",
            "new_password1": "Sawasdee-Ban-2569",
            "new_password2": "Sawasdee-Ban-2569",
        },
    )
    assert "ใส่รหัสผ่านเก่าผิด" in bad.content.decode()
    good = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Sawasdee-Ban-2569",
            "new_password2": "Sawasdee-Ban-2569",
        },
    )
    assert good["Location"] == reverse("password_change_done")
    personas.clerk.user.refresh_from_db()
    assert personas.clerk.user.check_password("Sawasdee-Ban-2569")


def test_it_refuses_mismatched_new_passwords_in_thai(personas):
    response = personas.client_for(personas.clerk).post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Sawasdee-Ban-2569",
            "new_password2": "Sawasdee-Ban-2570",
        },
    )
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in response.content.decode()

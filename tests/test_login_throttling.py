"""Guessing passwords gets nowhere: five wrong ones lock that username from that address."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client

from tests.conftest import PASSWORD


def attempt(client: Client, username: str, password: str, **extra: str):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_five_wrong_passwords_lock_the_account_from_that_address(personas):
    client = Client()
    for _ in range(4):
        assert attempt(client, "clerk", "wrong-password").status_code == 200  # form again
    assert attempt(client, "clerk", "wrong-password").status_code == 429  # the fifth locks
    locked = attempt(client, "clerk", PASSWORD)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in text and "๑๕ นาที" in text
    assert "_auth_user_id" not in client.session


def test_the_right_password_works_again_after_the_wait(personas):
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0), tick=False):
        client = Client()
        for _ in range(5):
            attempt(client, "clerk", "wrong-password")
        assert attempt(client, "clerk", PASSWORD).status_code == 429
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 16), tick=False):
        assert attempt(Client(), "clerk", PASSWORD).status_code == 302


def test_another_address_or_another_account_is_not_locked(personas):
    for _ in range(5):
        attempt(Client(), "clerk", "wrong-password", REMOTE_ADDR="203.0.113.9")
    assert attempt(Client(), "clerk", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert attempt(Client(), "clerk", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert attempt(Client(), "reviewer", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_successful_login_starts_the_count_again(personas):
    for _ in range(4):
        attempt(Client(), "clerk", "wrong-password")
    assert attempt(Client(), "clerk", PASSWORD).status_code == 302
    for _ in range(4):
        attempt(Client(), "clerk", "wrong-password")
    assert attempt(Client(), "clerk", PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_hop_the_proxy_added(personas, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A guesser cannot dodge the lock by writing a new X-Forwarded-For each time.
    for n in range(5):
        attempt(Client(), "clerk", "wrong", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.9")
    spoofed = attempt(Client(), "clerk", PASSWORD, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert spoofed.status_code == 429
    other = attempt(Client(), "clerk", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302

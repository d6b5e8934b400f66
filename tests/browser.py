"""Playwright (Python) driving Debian's Chromium; tests skip with a reason when it is absent."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# Without these flags Chromium keeps reaching for Google's services on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (as root, `make test` installs Debian's chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@contextmanager
def chromium() -> Iterator:
    """One headless Chromium; each person gets a page of their own from new_page()."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # Playwright's sync API gives this code a context of its own, so the ORM opened a
            # second connection here; left open, PostgreSQL refuses to drop the test database.
            connections.close_all()


def new_page(browser, width: int = 1280, height: int = 900):
    """A page in a context of its own (its own cookies: one person at one computer) that
    collects console errors in page.console_errors."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="th-TH")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    return page


@contextmanager
def browser_page(width: int = 1280, height: int = 900) -> Iterator:
    with chromium() as browser:
        yield new_page(browser, width, height)


def screenshot(page, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button.btn-primary")
    page.wait_for_load_state("networkidle")

"""`make run` serves the demo at an address and prints, seeds and serves with the same
SITE_URL, so the verification links and QR codes on the demo's PDFs open."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def dry_run(*args: str) -> str:
    if shutil.which("make") is None:
        pytest.fail("make is not installed")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(
        ["make", "-n", "run", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_the_demo_is_seeded_and_served_with_the_address_it_is_served_on():
    out = dry_run("PORT=8123")
    assert "runserver 127.0.0.1:8123" in out
    commands = [line for line in out.splitlines() if "manage.py" in line]
    for name in ("seed_demo", "manage.py worker", "runserver"):
        [line] = [c for c in commands if name in c] or [""]
        assert "SITE_URL=http://127.0.0.1:8123 " in line, (name, line)
    assert 'echo "SITE_URL=http://127.0.0.1:8123' in out


def test_a_given_site_url_wins():
    out = dry_run("PORT=8123", "SITE_URL=https://ita.example.go.th")
    assert "SITE_URL=https://ita.example.go.th DEBUG=1" in out

"""Audit verbs are a registry: every verb a service writes has a label, an unregistered one is
refused while testing, and the audit pages show labels, never raw verbs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from itatrack.audit import VERB_LABELS, UnknownVerb, record

ROOT = Path(__file__).resolve().parents[1]


def test_an_unregistered_verb_is_refused(personas):
    with pytest.raises(UnknownVerb):
        record("memo.teleport", actor=None, organization=personas.org)


def test_every_verb_written_in_the_code_is_registered_with_a_label():
    written = set()
    for app in ("itatrack", "assessments", "measures", "reports"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            written |= set(
                re.findall(r'(?:record|save_changes)\([^)]*?"([a-z_]+\.[a-z_]+)"', text, re.S)
            )
    written |= {"memo.approve", "memo.return", "memo.reject"}  # f"memo.{decision}"
    assert written - set(VERB_LABELS) == set()
    assert all(str(label) != verb for verb, label in VERB_LABELS.items())


def test_the_audit_log_shows_labels_not_verbs(personas):
    from reports.actions import do_submit_memo
    from tests.memo_helpers import analysis_memo

    do_submit_memo(analysis_memo(personas, 1), actor=personas.clerk)
    page = personas.client_for(personas.admin).get(reverse("audit_log", args=[personas.org.slug]))
    html = page.content.decode()
    assert "เสนอบันทึกข้อความ" in html and "ร่างบันทึกข้อความ" in html
    assert not re.search(r">\s*[a-z_]+\.[a-z_]+\s*<", html)

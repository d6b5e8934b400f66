"""Markup typed into the app's text fields is shown as text, on every page that shows it and
in the memo's PDF, and never runs."""

from __future__ import annotations

import pytest

from itatrack.actions import do_create_department, do_update_organization
from itatrack.models import Oversight, Supervisor
from measures.actions import MeasureLinks, do_save_measure, do_save_step
from measures.models import Measure, MeasureStep
from reports import pdf
from reports.actions import do_update_memo
from reports.publishing import do_publish
from tests.memo_helpers import analysis_memo, approved_memo, read_pdf

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
]
RAW = ["<script>alert(1)", "<img src=x onerror", "<svg onload"]


def hostile(label: str) -> str:
    return f"{label} " + " ".join(PAYLOADS)


def assert_inert(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text


@pytest.fixture
def poisoned(personas):
    """Markup in the names, a measure, its step and a memo's subject and text."""
    short = f"ทต. {PAYLOADS[0]} {PAYLOADS[1]}"  # short_name holds 100 characters
    do_update_organization(personas.org, {"short_name": short}, actor=None)
    do_create_department(personas.org, name=hostile("กอง"), actor=None)
    memo = analysis_memo(personas, measures=1)
    measure = Measure.objects.filter(plan=memo.plan).first()
    do_save_measure(measure, {"title": hostile("มาตรการ")}, MeasureLinks(), actor=None)
    do_save_step(MeasureStep(measure=measure), {"text": hostile("ขั้นตอน")}, actor=None)
    do_update_memo(
        memo,
        {"subject": hostile("เรื่อง")},
        [("ข้อเท็จจริง", hostile("ข้อความ"))],
        actor=personas.clerk,
    )
    return memo, measure


def test_pages_show_markup_as_text(personas, poisoned):
    memo, measure = poisoned
    client = personas.client_for(personas.admin)
    for url in (
        f"/o/ban-thotsob/measures/{measure.pk}/",
        f"/o/ban-thotsob/plans/{memo.plan_id}/",
        f"/o/ban-thotsob/memos/{memo.pk}/",
        "/o/ban-thotsob/memos/",
        "/o/ban-thotsob/departments/",
        "/o/ban-thotsob/dashboard/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())


def test_the_supervisors_table_and_exports_show_markup_as_text(personas, poisoned):
    oversight = Oversight.objects.create(name="สถ.จ.", slug="office", provinces=["ลำพูน"])
    do_update_organization(personas.org, {"name": hostile("เทศบาล")}, actor=None)
    Supervisor.objects.create(user=personas.outsider.user, oversight=oversight)
    client = personas.client_for(personas.outsider)
    assert_inert(client.get("/s/office/").content.decode())
    csv = client.get("/s/office/export.csv").content.decode("utf-8-sig")
    assert "\n'=" not in csv and "<script>" in csv  # a CSV holds the text as typed


def test_the_public_pages_show_markup_as_text(personas):
    memo = approved_memo(personas, measures=1)
    do_update_organization(personas.org, {"name": hostile("เทศบาล")}, actor=None)
    do_publish(memo, actor=personas.admin, unsigned=True)
    publication = memo.publication
    client = personas.client_for(None)
    for url in (
        "/p/ban-thotsob/",
        "/p/ban-thotsob/embed/",
        f"/d/{publication.token}/",
        f"/v/{memo.public_token}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())


def test_the_pdf_prints_markup_as_text_and_fetches_nothing(personas, poisoned, caplog):
    memo, _measure = poisoned
    content = pdf.render(memo, use_cache=False)
    text = "\n".join(page.extract_text() or "" for page in read_pdf(content).pages)
    assert "<script>alert(๑)</script>" in text  # printed (with the document's Thai digits)
    assert "<svg onload=alert(๑)>" in text
    assert "refused" not in caplog.text  # nothing even tried to load x or a script

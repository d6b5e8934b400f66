"""What a signed-in person sees is never kept by a browser or proxy, and an uploaded PDF (whose
script Chromium's viewer would run under the app's address) is only ever downloaded."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assessments.models import Item
from reports.oit import do_add_oit_evidence, do_check_oit_item, do_publish_oit_items
from tests.measure_helpers import make_plan

# A PDF that opens an alert as soon as a viewer that runs scripts shows it.
SCRIPTED_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"4 0 obj<</S/JavaScript/JS(app.alert('xss'))>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_a_signed_in_page_is_marked_no_store(personas):
    response = personas.client_for(personas.clerk).get(f"/o/{personas.org.slug}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_spreadsheet_export_is_marked_no_store(personas, frameworks):
    plan = make_plan(personas.org)
    response = personas.client_for(personas.clerk).get(
        reverse("plan_export_xlsx", args=[personas.org.slug, plan.pk])
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_and_public_pages_for_visitors_keep_their_own_caching(personas):
    response = Client().get(f"/p/{personas.org.slug}/")
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.fixture
def scripted_evidence(personas, frameworks):
    item = Item.objects.filter(framework__fiscal_year=2566, indicator__tool="OIT").first()
    upload = SimpleUploadedFile("report.pdf", SCRIPTED_PDF, content_type="application/pdf")
    [evidence] = do_add_oit_evidence(personas.org, item, files=[upload], actor=personas.clerk)
    do_check_oit_item(evidence.entry, ready=True, comment="", actor=personas.reviewer)
    do_publish_oit_items(personas.org, [evidence.entry], actor=personas.clerk)
    evidence.refresh_from_db()
    return evidence


def test_an_uploaded_pdf_with_a_script_is_downloaded_from_the_public_link(scripted_evidence):
    response = Client().get(f"/e/{scripted_evidence.token}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


def test_an_uploaded_pdf_with_a_script_is_downloaded_from_media(personas, scripted_evidence):
    response = personas.client_for(personas.clerk).get(scripted_evidence.file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]


def test_the_apps_own_memo_pdf_still_opens_in_the_browser(personas):
    from tests.memo_helpers import approved_memo

    memo = approved_memo(personas)
    response = personas.client_for(personas.clerk).get(
        reverse("memo_pdf", args=[personas.org.slug, memo.pk])
    )
    assert response["Content-Disposition"].startswith("inline")

"""Files that are two things at once (a JPEG that is also JavaScript, a PDF that is also HTML)
uploaded under a lying name: each is stored under the type its bytes show and served so that no
browser runs it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Assessment, Framework
from itatrack.actions import do_update_organization
from measures.actions import MeasureLinks, do_save_measure
from measures.models import Evidence, Measure
from tests.helpers import image_upload
from tests.measure_helpers import make_plan
from tests.test_organization_edit_view import form_data

SCRIPT = b"*/alert(document.domain);fetch('/o/ban-thotsob/memos/new/',{method:'POST'})//"
HTML = b"<html><body><script>alert(document.domain)</script></body></html>"
RUNNABLE = {
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/xml",
    "application/xml",
}


def jpeg_script() -> bytes:
    """A real JPEG (it decodes) whose trailing bytes are a script."""
    return image_upload("x.jpg", "JPEG").read() + SCRIPT


def png_svg() -> bytes:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    return image_upload("x.png").read() + svg


def pdf_html() -> bytes:
    return b"%PDF-1.4\n" + HTML + b"\n%%EOF\n"


def docx_html() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("index.html", HTML)
    return buffer.getvalue()


POLYGLOTS = [
    ("photo.js", "text/javascript", jpeg_script, "jpg", "image/jpeg", "inline"),
    ("report.html", "text/html", pdf_html, "pdf", "application/pdf", "attachment"),
    ("chart.svg", "image/svg+xml", png_svg, "png", "image/png", "inline"),
    ("page.xhtml", "application/xhtml+xml", docx_html, "docx", "wordprocessingml", "attachment"),
]


def assert_harmless(response, content_type: str, disposition: str) -> None:
    assert response.status_code == 200
    served = response["Content-Type"]
    assert content_type in served
    media_type = served.split(";")[0].strip().lower()
    assert media_type not in RUNNABLE and not media_type.endswith("+xml"), served
    assert not media_type.startswith("text/"), served
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["Content-Disposition"].startswith(disposition)


@pytest.fixture
def measure(personas, frameworks):
    plan = make_plan(personas.org)
    return do_save_measure(
        Measure(plan=plan), {"title": "ปรับปรุงเว็บไซต์"}, MeasureLinks(), actor=None
    )


@pytest.mark.parametrize(
    ("name", "claimed", "build", "ext", "content_type", "disposition"), POLYGLOTS
)
@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_evidence_is_stored_and_served_as_the_type_its_bytes_show(
    personas, measure, name, claimed, build, ext, content_type, disposition
):
    upload = SimpleUploadedFile(name, build(), content_type=claimed)
    response = personas.client_for(personas.clerk).post(
        reverse("follow_up_add", args=[personas.org.slug, measure.pk]),
        {"date": "2023-01-15", "text": "ผลการดำเนินการ", "progress": "10", "files": [upload]},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.file.name.endswith(f".{ext}")
    assert content_type in evidence.content_type
    assert evidence.original_name == name  # shown to people, never used to store or serve
    served = personas.client_for(personas.admin).get(evidence.file.url)
    assert_harmless(served, content_type, disposition)


def test_an_emblem_polyglot_is_stored_as_the_image_it_is(personas):
    upload = SimpleUploadedFile("emblem.png", png_svg(), content_type="image/svg+xml")
    response = personas.client_for(personas.admin).post(
        reverse("organization_edit", args=[personas.org.slug]),
        form_data(personas.org, emblem=upload),
    )
    assert response.status_code == 302
    personas.org.refresh_from_db()
    assert personas.org.emblem.name.endswith(".png")
    # Past the form (the admin site, a script): the service stores by content too.
    renamed = SimpleUploadedFile("emblem.svg", png_svg(), content_type="image/svg+xml")
    do_update_organization(personas.org, {"emblem": renamed}, actor=None)
    personas.org.refresh_from_db()
    assert personas.org.emblem.name.endswith(".png")
    assert_harmless(
        personas.client_for(personas.clerk).get(personas.org.emblem.url), "image/png", "inline"
    )
    public = personas.client_for(None).get(reverse("public_emblem", args=[personas.org.slug]))
    assert_harmless(public, "image/png", "inline")


def test_the_itas_pdf_is_served_as_a_sandboxed_pdf(personas, frameworks):
    assessment = Assessment.objects.create(
        organization=personas.org, framework=Framework.objects.get(fiscal_year=2566)
    )
    upload = SimpleUploadedFile("result.pdf", pdf_html(), content_type="text/html")
    personas.client_for(personas.clerk).post(
        reverse("assessment_edit", args=[personas.org.slug, assessment.pk]),
        {"recommendation_iit": "", "result_pdf": upload},
    )
    assessment.refresh_from_db()
    assert assessment.result_pdf.name.endswith(".pdf")
    client = personas.client_for(personas.reviewer)
    assert_harmless(client.get(assessment.result_pdf.url), "application/pdf", "attachment")
    download = client.get(reverse("assessment_pdf", args=[personas.org.slug, assessment.pk]))
    assert_harmless(download, "application/pdf", "attachment")


@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_a_file_stored_under_a_runnable_extension_is_never_served(personas, measure):
    """A file stored under the client's extension before this fix: 404, not script."""
    from measures.models import FollowUp

    name = default_storage.save("evidence/legacy.js", ContentFile(jpeg_script()))
    follow_up = FollowUp.objects.create(
        measure=measure, date=dt.date(2023, 1, 15), text="x", reported_by=personas.clerk
    )
    Evidence.objects.create(follow_up=follow_up, file=name, content_type="image/jpeg")
    assert personas.client_for(personas.admin).get(f"/media/{name}").status_code == 404


@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_the_migration_renames_stored_files_to_their_detected_type(personas, measure):
    from importlib import import_module

    from django.apps import apps

    from measures.models import FollowUp

    evidence_migration = import_module("measures.migrations.0002_evidence_names_by_content")
    emblem_migration = import_module("itatrack.migrations.0007_stored_names_by_content")
    script = default_storage.save("evidence/legacy.js", ContentFile(jpeg_script()))
    page = default_storage.save("evidence/legacy.html", ContentFile(pdf_html()))
    follow_up = FollowUp.objects.create(
        measure=measure, date=dt.date(2023, 1, 15), text="x", reported_by=personas.clerk
    )
    for name in (script, page):
        Evidence.objects.create(follow_up=follow_up, file=name, content_type="text/html")
    emblem = default_storage.save("emblems/legacy.svg", ContentFile(png_svg()))
    type(personas.org).objects.filter(pk=personas.org.pk).update(emblem=emblem)

    evidence_migration.rename(apps, None)
    emblem_migration.rename(apps, None)

    renamed = list(Evidence.objects.order_by("id"))
    assert [e.file.name.rsplit(".", 1)[1] for e in renamed] == ["jpg", "pdf"]
    assert [e.content_type for e in renamed] == ["image/jpeg", "application/pdf"]
    assert not default_storage.exists(script) and not default_storage.exists(page)
    assert renamed[0].file.read() == jpeg_script()
    personas.org.refresh_from_db()
    assert personas.org.emblem.name.endswith(".png")
    client = personas.client_for(personas.admin)
    assert_harmless(client.get(renamed[0].file.url), "image/jpeg", "inline")

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from urllib.parse import unquote

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.actions import MeasureLinks, do_save_measure
from measures.models import Evidence, FollowUp, Measure
from tests.helpers import image_upload
from tests.measure_helpers import make_plan

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def measure(personas, frameworks):
    plan = make_plan(personas.org)
    return do_save_measure(
        Measure(plan=plan),
        {"title": "ปรับปรุงเว็บไซต์"},
        MeasureLinks(owners=[personas.executive]),
        actor=None,
    )


def url(personas, measure):
    return reverse("follow_up_add", args=[personas.org.slug, measure.pk])


def report(**overrides):
    return {
        "date": "2023-01-15",
        "text": "ปรับเมนูเว็บไซต์แล้ว",
        "progress": "40",
        "links": "",
        **overrides,
    }


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_it_records_a_follow_up_with_files_and_links(personas, measure):
    files = [
        SimpleUploadedFile("รายงาน.pdf", PDF, content_type="application/pdf"),
        image_upload("ภาพ.jpg", "JPEG"),
        SimpleUploadedFile("บันทึก.docx", docx()),
    ]
    response = personas.client_for(personas.clerk).post(
        url(personas, measure),
        {
            **report(links="https://ban.example.go.th/ita/o42\nhttps://ban.example.go.th/x"),
            "files": files,
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(measure=measure)
    assert follow_up.reported_by == personas.clerk and follow_up.progress == 40
    evidence = list(Evidence.objects.filter(follow_up=follow_up).order_by("id"))
    assert [e.content_type for e in evidence[:3]] == [
        "application/pdf",
        "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    assert evidence[0].sha256 == hashlib.sha256(PDF).hexdigest()
    assert [e.url for e in evidence[3:]] == [
        "https://ban.example.go.th/ita/o42",
        "https://ban.example.go.th/x",
    ]
    measure.refresh_from_db()
    assert measure.status == Measure.Status.IN_PROGRESS
    assert personas.client_for(personas.outsider).get(evidence[0].file.url).status_code == 404
    download = personas.client_for(personas.reviewer).get(evidence[0].file.url)
    assert download.status_code == 200
    # under the name it was uploaded with, not the stored random one
    assert "รายงาน.pdf" in unquote(download["Content-Disposition"])


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"), "ไม่ใช่ PDF, ภาพ PNG/JPEG"),
        (SimpleUploadedFile("run.sh", b"#!/bin/sh\nrm -rf /"), "ไม่ใช่ PDF, ภาพ PNG/JPEG"),
        (SimpleUploadedFile("fake.docx", b"PK\x03\x04 broken zip"), "ไม่ใช่ PDF, ภาพ PNG/JPEG"),
        (SimpleUploadedFile("empty.pdf", b""), "ไฟล์ที่ส่งว่างเปล่า"),
    ],
)
@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_it_refuses_a_file_that_is_not_evidence_and_saves_nothing(
    personas, measure, upload, message
):
    response = personas.client_for(personas.clerk).post(
        url(personas, measure), {**report(), "files": [upload]}
    )
    assert message in response.content.decode()
    assert not FollowUp.objects.exists() and not Evidence.objects.exists()


@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_it_refuses_an_oversized_file(personas, measure, settings):
    settings.MAX_EVIDENCE_BYTES = 100
    response = personas.client_for(personas.clerk).post(
        url(personas, measure),
        {**report(), "files": [SimpleUploadedFile("big.pdf", PDF + b"0" * 200)]},
    )
    assert "ใหญ่เกินไป" in response.content.decode()
    assert not FollowUp.objects.exists()


@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_it_refuses_a_future_date_and_a_bad_link(personas, measure):
    client = personas.client_for(personas.clerk)
    html = client.post(url(personas, measure), report(date="2023-03-01")).content.decode()
    assert "วันที่ดำเนินการต้องไม่เป็นวันในอนาคต" in html
    html = client.post(url(personas, measure), report(links="javascript:alert(1)")).content.decode()
    assert "ไม่ใช่ลิงก์ที่ใช้ได้" in html
    assert not FollowUp.objects.exists()


@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_an_owner_reports_on_their_measure_but_not_on_others(personas, measure):
    executive = personas.client_for(personas.executive)  # named owner, not staff
    assert executive.post(url(personas, measure), report()).status_code == 302
    other = do_save_measure(
        Measure(plan=measure.plan), {"title": "อีกมาตรการ"}, MeasureLinks(), actor=None
    )
    assert executive.post(url(personas, other), report()).status_code == 403
    assert (
        personas.client_for(personas.reviewer).post(url(personas, measure), report()).status_code
        == 403
    )
    assert FollowUp.objects.count() == 1


@time_machine.travel(dt.datetime(2023, 2, 1, 3, 0, tzinfo=dt.UTC), tick=False)
def test_a_closed_measure_takes_no_more_reports(personas, measure):
    from measures.actions import do_close_measure

    do_close_measure(measure, "เสร็จแล้ว", actor=None)
    response = personas.client_for(personas.clerk).post(url(personas, measure), report())
    assert "มาตรการนี้ปิดแล้ว" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_plain_http_link_is_refused_and_what_was_typed_stays(personas, measure):
    typed = "https://ban.example.go.th/ok\nhttp://ban.example.go.th/x"
    response = personas.client_for(personas.clerk).post(url(personas, measure), report(links=typed))
    page = response.content.decode()
    assert "ต้องเป็นลิงก์ที่ขึ้นต้นด้วย https://" in page
    assert "http://ban.example.go.th/x" in page  # kept in the field to correct
    assert not FollowUp.objects.filter(measure=measure).exists()

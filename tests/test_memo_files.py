"""Documents uploaded to a memo: numbered after the generated annexes, listed in the memo,
appended to its PDF and to the signed final copy; the upload checks and limits apply."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from itatrack.actions import ActionError
from reports import pdf
from reports.memofiles import do_add_memo_file, do_remove_memo_file
from reports.models import Memo
from tests.memo_helpers import (
    analysis_memo,
    approve_through,
    kept_bytes,
    needs_official_font,
    read_pdf,
)

pytestmark = needs_official_font


def minutes_pdf(pages: int = 2) -> bytes:
    """A scanned-looking document of our own: pages of an invented meeting's minutes."""
    images = [Image.new("RGB", (595, 842), (250, 250, 245)) for _ in range(pages)]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def photo_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (200, 210, 220)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def memo(personas, frameworks):
    return analysis_memo(personas, measures=1)


def word_file() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_an_uploaded_pdf_is_listed_and_follows_the_generated_pages(personas, memo):
    before = pdf.page_count(pdf.render(memo))
    item = do_add_memo_file(
        memo,
        "สำเนารายงานการประชุม ครั้งที่ ๑/๒๕๖๖",
        upload("minutes.pdf", minutes_pdf(2)),
        actor=personas.clerk,
    )
    assert (item.order, item.pages) == (1, 2)
    content = pdf.render(memo)
    assert pdf.page_count(content) == before + 2
    with read_pdf(content) as document:
        first = document.pages[0].extract_text()
    assert "สิ่งที่ส่งมาด้วย" in first and "สำเนารายงานการประชุม" in first
    # after the three generated annexes, the upload is the fourth enclosure
    assert pdf.enclosure_titles(memo)[-1] == "สำเนารายงานการประชุม ครั้งที่ ๑/๒๕๖๖"
    assert len(pdf.enclosure_titles(memo)) == 4


def test_a_photo_becomes_one_a4_page(personas, memo):
    item = do_add_memo_file(
        memo,
        "ภาพถ่ายการประชุม",
        upload("photo.jpg", photo_jpeg(), "image/jpeg"),
        actor=personas.clerk,
    )
    assert item.pages == 1
    import pypdfium2

    with item.file.open("rb") as handle:
        document = pypdfium2.PdfDocument(handle.read())
    width, height = document[0].get_size()
    document.close()
    assert width <= 596 and height <= 843  # fits an A4 page (points)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("order.docx", word_file(), "ให้บันทึกเป็น PDF"),
        ("script.sh", b"#!/bin/sh\necho hi\n", "แนบได้เฉพาะ PDF"),
        ("broken.pdf", b"%PDF-1.4 this is not really a PDF", "เปิดไฟล์ PDF นี้ไม่ได้"),
        ("empty.pdf", b"", "ไฟล์ว่าง"),
    ],
)
def test_a_file_that_is_not_a_usable_pdf_or_image_is_refused_in_thai(
    personas, memo, name, data, said
):
    with pytest.raises(ActionError, match=said):
        do_add_memo_file(memo, "เอกสาร", upload(name, data), actor=personas.clerk)
    assert not memo.files.exists()


def test_a_file_too_large_is_refused(personas, memo, settings):
    settings.MAX_EVIDENCE_BYTES = 1000
    with pytest.raises(ActionError, match="ใหญ่เกินไป"):
        do_add_memo_file(memo, "เอกสาร", upload("m.pdf", minutes_pdf(1)), actor=personas.clerk)


def test_files_are_fixed_once_submitted_and_removing_renumbers(personas, memo):
    first = do_add_memo_file(memo, "หนึ่ง", upload("1.pdf", minutes_pdf(1)), actor=personas.clerk)
    second = do_add_memo_file(memo, "สอง", upload("2.pdf", minutes_pdf(1)), actor=personas.clerk)
    do_remove_memo_file(memo, first.pk, actor=personas.clerk)
    second.refresh_from_db()
    assert second.order == 1
    Memo.objects.filter(pk=memo.pk).update(status=Memo.Status.SUBMITTED)
    memo.refresh_from_db()
    with pytest.raises(ActionError, match="แก้ไขเอกสารแนบไม่ได้"):
        do_add_memo_file(memo, "สาม", upload("3.pdf", minutes_pdf(1)), actor=personas.clerk)
    with pytest.raises(ActionError):
        do_remove_memo_file(memo, second.pk, actor=personas.clerk)


def test_the_signed_final_copy_carries_the_uploaded_pages(personas, memo):
    do_add_memo_file(memo, "รายงานการประชุม", upload("m.pdf", minutes_pdf(3)), actor=personas.clerk)
    draft_pages = pdf.page_count(pdf.render(memo))
    approve_through(personas, memo)
    assert pdf.page_count(kept_bytes(memo)) == draft_pages


def test_the_memo_page_uploads_and_lists_a_file(personas, memo):
    client = personas.client_for(personas.clerk)
    url = reverse("memo_file_add", args=[personas.org.slug, memo.pk])
    response = client.post(
        url, {"title": "คำสั่งแต่งตั้งคณะทำงาน", "file": upload("o.pdf", minutes_pdf(1))}
    )
    assert response.status_code == 302
    page = client.get(reverse("memo_detail", args=[personas.org.slug, memo.pk])).content.decode()
    assert "คำสั่งแต่งตั้งคณะทำงาน" in page
    refused = client.post(
        url,
        {"title": "ไฟล์ Word", "file": upload("w.docx", word_file())},
        follow=True,
    )
    assert "ให้บันทึกเป็น PDF" in refused.content.decode()
    assert memo.files.count() == 1


def test_an_outsider_cannot_attach_to_another_bodys_memo(personas, memo):
    client = personas.client_for(personas.outsider)
    response = client.post(
        reverse("memo_file_add", args=[personas.org.slug, memo.pk]),
        {"title": "x", "file": upload("o.pdf", minutes_pdf(1))},
    )
    assert response.status_code in (403, 404)
    assert not memo.files.exists()

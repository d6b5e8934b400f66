"""Citizens find published documents by the words in them, on a body's pages and across the
installation; a query's cost does not grow with the number of documents."""

from __future__ import annotations

from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import search
from reports.models import Memo, Publication
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo


@pytest.fixture
def published(personas, frameworks):
    return do_publish(approved_memo(personas), actor=personas.admin, unsigned=True)


def copy_of(publication: Publication, organization, text: str) -> Publication:
    """Another published document, without rendering one: its own approved memo and words."""
    memo = Memo.objects.create(
        organization=organization,
        kind=Memo.Kind.RESULTS,
        status=Memo.Status.APPROVED,
        author=publication.memo.author,
        subject="รายงานผลการดำเนินการตามมาตรการ",
        addressee="นายก",
        public_token=None,
    )
    copy = Publication.objects.create(
        organization=organization,
        memo=memo,
        title=memo.subject,
        fiscal_year=2570,
        pdf=publication.pdf.name,
        sha256="0" * 64,
        text=text,
        published_by=publication.published_by,
    )
    search.index(copy)
    return copy


def results(client: Client, url: str, **query) -> str:
    response = client.get(url, query)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_a_thai_word_of_the_document_finds_it_with_its_passage(personas, published):
    word = "มาตรการ"
    assert word in published.text
    page = results(Client(), reverse("public_search", args=[personas.org.slug]), q=word)
    assert "พบ ๑ ฉบับ" in page
    assert f"<mark>{word}</mark>" in page
    assert reverse("public_document", args=[published.token]) in page
    assert f"ที่ {published.memo.number_text}" in page


def test_thai_and_arabic_digits_find_the_same_documents(personas, published):
    url = reverse("public_search", args=[personas.org.slug])
    year = str(published.fiscal_year)
    thai = results(Client(), url, q=year.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")))
    arabic = results(Client(), url, q=year)
    assert "พบ ๑ ฉบับ" in thai and "พบ ๑ ฉบับ" in arabic


def test_filters_and_scope_narrow_the_results(personas, published):
    other = copy_of(published, personas.other_org, "มาตรการป้องกันการทุจริตของหนองอื่น")
    site = reverse("site_search")
    everywhere = results(Client(), site, q="มาตรการ")
    assert "พบ ๒ ฉบับ" in everywhere and personas.other_org.name in everywhere
    mine = results(Client(), reverse("public_search", args=[personas.org.slug]), q="มาตรการ")
    assert reverse("public_document", args=[other.token]) not in mine
    by_year = results(Client(), site, q="มาตรการ", year="๒๕๗๐")
    assert "พบ ๑ ฉบับ" in by_year and reverse("public_document", args=[other.token]) in by_year
    by_kind = results(Client(), site, q="มาตรการ", kind="analysis")
    assert reverse("public_document", args=[other.token]) not in by_kind
    assert "ไม่พบเอกสารที่มีคำนี้" in results(Client(), site, q="ฟุตบอลโลก")
    assert "ปีงบประมาณเป็นปี พ.ศ." in results(Client(), site, q="มาตรการ", year="99")


def test_a_document_no_longer_public_is_not_found(personas, published):
    Memo.objects.filter(pk=published.memo_id).update(status=Memo.Status.RETURNED)
    page = results(Client(), reverse("site_search"), q="มาตรการ")
    assert reverse("public_document", args=[published.token]) not in page


def test_the_query_count_does_not_grow_with_the_documents(personas, published):
    url = reverse("site_search")
    with CaptureQueriesContext(connection) as few:
        results(Client(), url, q="มาตรการ ทุจริต")
    for n in range(6):
        copy_of(published, personas.org, f"มาตรการป้องกันการทุจริต ฉบับที่ {n}")
    with CaptureQueriesContext(connection) as many:
        page = results(Client(), url, q="มาตรการ ทุจริต")
    assert "พบ ๗ ฉบับ" in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_beyond_what_is_counted_it_says_more_than_and_shows_the_newest(
    personas, published, monkeypatch
):
    monkeypatch.setattr(search, "SHOWN", 2)
    copies = [copy_of(published, personas.org, f"มาตรการ ฉบับที่ {n}") for n in range(3)]
    page = results(Client(), reverse("site_search"), q="มาตรการ")
    assert "พบมากกว่า ๒ ฉบับ" in page
    newest = reverse("public_document", args=[copies[-1].token])
    older = reverse("public_document", args=[copies[0].token])
    assert page.index(newest) < page.index(older)

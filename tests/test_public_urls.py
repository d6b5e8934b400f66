"""Every public URL, walked as an anonymous visitor: only published documents answer."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver
from PIL import Image

from assessments.models import Item
from reports.access import current_step
from reports.actions import Decision, do_create_memo, do_decide, do_set_route, do_submit_memo
from reports.models import Memo, OitEvidence, Verb
from reports.oit import do_add_oit_evidence, do_check_oit_item, do_publish_oit_items
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo, correction_of
from tests.urlwalk import walk_patterns

PUBLIC_PREFIXES = ("p/", "d/", "v/", "e/")
YEAR = 2566  # the year of approved_memo's plan


def public_routes() -> dict[str, str]:
    return {
        pattern.name: route
        for route, pattern in walk_patterns(get_resolver())
        if route.startswith(PUBLIC_PREFIXES)
    }


def fill(route: str, *, slug: str, document: str, verify: str, evidence: str = "") -> str:
    """A route filled in; d/ takes the publication's token, v/ the memo's verification token,
    e/ an evidence file's token; a year is the publication's."""
    token = {"v/": verify, "e/": evidence}.get(route[:2], document)
    return "/" + (
        route.replace("<slug:org_slug>", slug)
        .replace("<str:token>", token)
        .replace("<int:year>", str(YEAR))
    )


@pytest.fixture
def published(personas):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    personas.org.emblem.save("emblem.png", ContentFile(buffer.getvalue()))
    memo = approved_memo(personas)
    return do_publish(memo, actor=personas.admin, unsigned=True)


def png(name: str = "chart.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def oit_file(personas, *, publish: bool) -> OitEvidence:
    item = Item.objects.filter(framework__fiscal_year=YEAR, indicator__tool="OIT").first()
    [evidence] = do_add_oit_evidence(personas.org, item, files=[png()], actor=personas.clerk)
    if publish:
        do_check_oit_item(evidence.entry, ready=True, comment="", actor=personas.reviewer)
        do_publish_oit_items(personas.org, [evidence.entry], actor=personas.clerk)
        evidence.refresh_from_db()
    return evidence


def draft_memo(personas, like: Memo) -> Memo:
    return do_create_memo(
        personas.org,
        Memo.Kind.ANALYSIS,
        actor=personas.clerk,
        assessment=like.assessment,
        plan=like.plan,
    )


def returned_memo(personas, like: Memo) -> Memo:
    memo = draft_memo(personas, like)
    do_set_route(
        memo,
        [(personas.reviewer, Verb.ENDORSE), (personas.executive, Verb.APPROVE)],
        actor=personas.clerk,
    )
    do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    do_decide(current_step(memo), Decision.RETURN, "แก้ไขตัวเลข", actor=personas.reviewer)
    memo.refresh_from_db()
    return memo


def test_the_walker_knows_every_public_route():
    assert set(public_routes()) == {
        "transparency",
        "transparency_embed",
        "open_data_json",
        "open_data_csv",
        "public_emblem",
        "public_document",
        "public_document_pdf",
        "verify",
        "ita_page",
        "ita_latest",
        "ita_embed",
        "public_evidence",
        "public_search",
    }


def test_every_public_url_answers_an_anonymous_visitor_for_a_published_document(
    personas, published
):
    client = Client()
    evidence = oit_file(personas, publish=True)
    for name, route in public_routes().items():
        url = fill(
            route,
            slug=published.organization.slug,
            document=published.token,
            verify=published.memo.public_token,
            evidence=evidence.token,
        )
        response = client.get(url, follow=name == "ita_latest")  # to the current year's page
        assert response.status_code == 200, (name, url)
        assert "Set-Cookie" not in response.headers or "sessionid" not in response["Set-Cookie"]


def test_no_public_url_answers_for_unpublished_memos(personas, published):
    client = Client()
    draft = draft_memo(personas, published.memo)
    returned = returned_memo(personas, published.memo)
    approved_unpublished = correction_of(personas, published.memo)
    assert approved_unpublished.public_token  # it has a token, but nothing is published yet
    unpublished_evidence = oit_file(personas, publish=False)
    guesses = [
        str(draft.pk),
        str(returned.pk),
        str(published.pk),
        str(published.memo.pk),
        "None",
        approved_unpublished.public_token,
        published.token[:-1],
        unpublished_evidence.token,
    ]
    for route in public_routes().values():
        if "<str:token>" not in route:
            continue
        for guess in guesses:
            url = fill(route, slug="", document=guess, verify=guess, evidence=guess)
            assert Client().get(url).status_code == 404, url
    # The document token and the verification token are different secrets.
    assert client.get(f"/d/{published.memo.public_token}/").status_code == 404
    assert client.get(f"/v/{published.token}/").status_code == 404
    listing = client.get(f"/p/{personas.org.slug}/").content.decode()
    for memo in (draft, returned, approved_unpublished):
        assert memo.subject not in listing or memo.subject == published.title
        assert f"/memos/{memo.pk}/" not in listing


def test_a_transparency_page_lists_only_its_own_organisations_documents(personas, published):
    client = Client()
    other = client.get(f"/p/{personas.other_org.slug}/")
    assert other.status_code == 200
    assert published.token not in other.content.decode()
    assert "ยังไม่มีเอกสารเผยแพร่" in other.content.decode()
    assert client.get(f"/p/{personas.other_org.slug}/documents.json").json()["documents"] == []
    assert (
        published.token not in client.get(f"/p/{personas.other_org.slug}/embed/").content.decode()
    )
    assert client.get(f"/p/{personas.other_org.slug}/emblem/").status_code == 404
    assert client.get("/p/no-such-body/").status_code == 404


def test_public_tokens_are_not_sequences(personas, published):
    second = do_publish(
        correction_of(personas, published.memo), actor=personas.admin, unsigned=True
    )
    for token in (published.token, second.token, published.memo.public_token):
        assert len(token) >= 16 and not token.isdigit()
        assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert published.token[:8] != second.token[:8]


def test_the_embed_may_be_framed_by_the_municipal_website(published):
    response = Client().get(f"/p/{published.organization.slug}/embed/")
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    other = Client().get(f"/p/{published.organization.slug}/")
    assert (
        other.headers.get("X-Frame-Options") == "DENY"
        or "frame-ancestors 'none'" in other["Content-Security-Policy"]
    )


def test_the_csv_cannot_run_as_a_spreadsheet_formula(personas, published):
    from reports.models import Publication

    Publication.objects.filter(pk=published.pk).update(title='=HYPERLINK("http://x")')
    body = Client().get(f"/p/{personas.org.slug}/documents.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert body.splitlines()[0].startswith("fiscal_year,oit_item")

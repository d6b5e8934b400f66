"""Public pages, no login: only published documents answer; everything else is a 404."""

from __future__ import annotations

import io
import json
from itertools import groupby

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods

from itatrack.errormail import admin_recipients
from itatrack.models import Organization
from itatrack.pagecache import public_page
from itatrack.spreadsheets import csv_bytes, download, formula_safe
from itatrack.uploads import serve_stored, sha256_of
from reports import signing
from reports.models import ApprovalStep, KnownCertificate, Memo, Publication
from reports.publishing import AlteredFile, published_bytes


def _org(slug: str) -> Organization:
    return get_object_or_404(Organization, slug=slug)


def _publications(org: Organization):
    return (
        Publication.objects.public()
        .for_org(org)
        .select_related("memo", "superseded_by")
        .order_by("-fiscal_year", "oit_code", "-version")
    )


@public_page("transparency")
def transparency(request: HttpRequest, org_slug: str) -> HttpResponse:
    org = _org(org_slug)
    years = [
        (year, list(rows))
        for year, rows in groupby(_publications(org), key=lambda p: p.fiscal_year)
    ]
    return render(request, "reports/public/transparency.html", {"public_org": org, "years": years})


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@public_page("embed")
def embed(request: HttpRequest, org_slug: str) -> HttpResponse:
    """A compact list for the body's own website, in an <iframe>."""
    org = _org(org_slug)
    return render(
        request,
        "reports/public/embed.html",
        {"public_org": org, "publications": _publications(org)[:50]},
    )


def _rows(org: Organization) -> list[dict[str, object]]:
    base = settings.SITE_URL
    return [
        {
            "fiscal_year": p.fiscal_year,
            "oit_item": p.oit_code,
            "oit_title": p.oit_title,
            "title": p.title,
            "number": p.memo.number_text,
            "date": p.memo.date.isoformat() if p.memo.date else "",
            "version": p.version,
            "superseded": not p.is_current,
            "signed": p.signed,
            "sha256": p.sha256,
            "published_at": p.published_at.isoformat(),
            "url": f"{base}/d/{p.token}/",
            "pdf": f"{base}/d/{p.token}/pdf/",
        }
        for p in _publications(org)
    ]


@public_page("json")
def open_data_json(request: HttpRequest, org_slug: str) -> HttpResponse:
    org = _org(org_slug)
    payload = {"organization": org.name, "documents": _rows(org)}
    return HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )


@public_page("csv")
def open_data_csv(request: HttpRequest, org_slug: str) -> HttpResponse:
    rows = _rows(_org(org_slug))
    fields = [
        "fiscal_year",
        "oit_item",
        "oit_title",
        "title",
        "number",
        "date",
        "version",
        "superseded",
        "signed",
        "sha256",
        "published_at",
        "url",
        "pdf",
    ]
    table = ([formula_safe(row[k]) for k in fields] for row in rows)
    return download(csv_bytes(fields, table), f"{org_slug}-documents.csv")


def _publication(token: str) -> Publication:
    return get_object_or_404(
        Publication.objects.public().select_related("memo", "organization"), token=token
    )


def document(request: HttpRequest, token: str) -> HttpResponse:
    publication = _publication(token)
    return render(
        request,
        "reports/public/document.html",
        {
            "publication": publication,
            "public_org": publication.organization,
            "paragraphs": [p for p in publication.text.split("\n") if p.strip()],
        },
    )


def document_pdf(request: HttpRequest, token: str) -> HttpResponseBase:
    publication = _publication(token)
    try:
        content = published_bytes(publication)
    except AlteredFile:
        return _altered(request, publication)
    return serve_stored(
        io.BytesIO(content),
        publication.pdf.name,
        download_name=f"{publication.organization.slug}-"
        f"{publication.fiscal_year}-{publication.oit_code or 'doc'}.pdf",
        sandbox=False,  # the app's own signed output, not an upload, and checked just now
    )


def _altered(request: HttpRequest, publication: Publication) -> HttpResponse:
    """The stored copy is not what was published: say so, serve nothing."""
    return render(
        request,
        "reports/public/altered.html",
        {
            "publication": publication,
            "public_org": publication.organization,
            "notified": bool(admin_recipients()),  # the integrity error was mailed to them
        },
        status=409,
    )


@require_http_methods(["GET", "POST"])
@csp_replace({"form-action": [SELF]})
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """The QR code's target: what the published document is, who approved it, and whether an
    uploaded file is exactly that document. The stored copy is checked against the SHA-256
    recorded at publication before its signature is, and any signature or revision that the
    app did not make fails it."""
    memo = get_object_or_404(Memo, public_token=token, status=Memo.Status.APPROVED)
    publication = Publication.objects.filter(memo=memo).first()
    if publication is None:
        raise Http404
    altered = False
    result = None
    try:
        published = published_bytes(publication)
    except AlteredFile:
        altered = True
    else:
        trusted = KnownCertificate.objects.for_org(memo.organization).ders()
        result = signing.validate_cached(published, trusted) if publication.signed else None
    checked: dict[str, object] | None = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None or (upload.size or 0) > settings.MAX_VERIFY_UPLOAD_BYTES:
            checked = {"error": True}
        else:
            digest = sha256_of(upload)
            checked = {"same": digest == publication.sha256, "sha256": digest}
    steps = ApprovalStep.objects.of_round(memo).decided().order_by("order")
    return render(
        request,
        "reports/public/verify.html",
        {
            "publication": publication,
            "memo": memo,
            "public_org": memo.organization,
            "steps": steps,
            "altered": altered,
            "result": result,
            "problems": result.messages() if result else [],
            "checked": checked,
            "signer": signing.readable_signer(publication.signer_subject),
        },
    )


def emblem(request: HttpRequest, org_slug: str) -> HttpResponseBase:
    """The emblem is part of every published document, so it is public too."""
    org = _org(org_slug)
    if not org.emblem:
        raise Http404
    return serve_stored(org.emblem.open("rb"), org.emblem.name)

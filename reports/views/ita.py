"""The body's public ITA page: every OIT item of a year in the framework's order with what the
body published for it, the embed for its own website, and each evidence file's permanent link."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt

from assessments.models import Framework
from itatrack.models import Organization
from itatrack.pagecache import public_page
from itatrack.thai import fiscal_year
from itatrack.uploads import serve_stored
from reports.models import OitEvidence
from reports.oitboard import Row, board, framework_for


def _context(org_slug: str, year: int) -> dict[str, object]:
    org = get_object_or_404(Organization, slug=org_slug)
    framework = framework_for(year)
    if framework is None:
        raise Http404
    rows: list[Row] = board(org, framework)
    return {
        "public_org": org,
        "framework": framework,
        "year": year,
        "rows": rows,
        "published": sum(bool(r.public_links) for r in rows),
        "years": list(Framework.objects.by_year().values_list("fiscal_year", flat=True)),
    }


def ita_latest(request: HttpRequest, org_slug: str) -> HttpResponse:
    """The ITA page of the current year (the latest year with a framework, if it has none)."""
    org = get_object_or_404(Organization, slug=org_slug)
    years = list(Framework.objects.by_year().values_list("fiscal_year", flat=True))
    if not years:
        raise Http404
    current = fiscal_year(timezone.localdate())
    year = next((y for y in years if y <= current), years[-1])
    return redirect("ita_page", org_slug=org.slug, year=year)


@public_page("ita")
def ita_page(request: HttpRequest, org_slug: str, year: int) -> HttpResponse:
    return render(request, "reports/public/ita.html", _context(org_slug, year))


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@public_page("ita-embed")
def ita_embed(request: HttpRequest, org_slug: str, year: int) -> HttpResponse:
    """The same list, compact, for the ITA menu of the body's own website (an <iframe>)."""
    return render(request, "reports/public/ita_embed.html", _context(org_slug, year))


def public_evidence(request: HttpRequest, token: str) -> HttpResponseBase:
    """An evidence file's permanent link: the file while it is published; once withdrawn, a
    page saying when (410), so that a link typed into ITAS never silently changes."""
    evidence = get_object_or_404(
        OitEvidence.objects.filter(published_at__isnull=False)
        .exclude(file="")
        .select_related("entry__organization", "entry__item__framework"),
        token=token,
    )
    if evidence.withdrawn_at is not None:
        return render(
            request,
            "reports/public/evidence_withdrawn.html",
            {
                "evidence": evidence,
                "public_org": evidence.entry.organization,
                "item": evidence.entry.item,
            },
            status=410,
        )
    return serve_stored(
        evidence.file.open("rb"), evidence.file.name, download_name=evidence.original_name
    )

"""The public search: a body's published documents, or every body's, by the words in them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from itatrack.models import Organization
from itatrack.thai import to_arabic_digits
from reports.models import Memo, Publication
from reports.search import CappedPaginator, Query, passage, search

PER_PAGE = 20


class SearchForm(forms.Form):
    q = forms.CharField(label=_("ค้นหาคำในเอกสาร"), required=False, max_length=200)
    year = forms.CharField(label=_("ปีงบประมาณ"), required=False, max_length=4)
    kind = forms.ChoiceField(
        label=_("ประเภทเอกสาร"),
        required=False,
        choices=[("", _("ทุกประเภท")), *Memo.Kind.choices],
    )
    oit = forms.CharField(label=_("ข้อ OIT"), required=False, max_length=10)

    def clean_year(self) -> int | None:
        text = to_arabic_digits(self.cleaned_data["year"]).strip()
        if not text:
            return None
        if not text.isdigit() or not 2500 <= int(text) <= 2700:
            raise forms.ValidationError(_("ปีงบประมาณเป็นปี พ.ศ. เช่น ๒๕๖๙"))
        return int(text)

    def query(self) -> Query:
        if not self.is_valid():
            return Query()
        data = self.cleaned_data
        return Query(data["q"], data["year"], data["kind"], data["oit"])


def _results(request: HttpRequest, publications: Any, org: Organization | None) -> dict[str, Any]:
    form = SearchForm(request.GET or None)
    query = form.query()
    context: dict[str, Any] = {"form": form, "query": query, "public_org": org}
    if request.GET and not query.empty:
        found = search(query, publications)
        page = CappedPaginator(found, PER_PAGE).get_page(request.GET.get("page"))
        terms = query.terms
        context["searched"] = True
        context["page"] = page
        context["results"] = [(p, passage(p, terms)) for p in page.object_list]
    return context


def org_search(request: HttpRequest, org_slug: str) -> HttpResponse:
    org = get_object_or_404(Organization, slug=org_slug)
    context = _results(request, Publication.objects.for_org(org), org)
    return render(request, "reports/public/search.html", context)


def site_search(request: HttpRequest) -> HttpResponse:
    context = _results(request, Publication.objects.all(), None)
    return render(request, "reports/public/search.html", context)

"""The send register as the app keeps it: how the organisation counts (calendar or fiscal
year), and for each prefix where its counter is and where it continues."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, admin_view
from itatrack.actions import ActionError
from itatrack.models import Department
from itatrack.thai import screen_digits
from itatrack.views.feedback import flash_errors
from reports import numbering
from reports.forms import NextNumberForm, NumberYearForm
from reports.register import do_set_next_number, do_set_number_year


def _prefixes(request: OrgRequest) -> list[str]:
    org = request.org
    found = [org.doc_prefix]
    if org.number_per_department:
        found += [d.doc_prefix for d in Department.objects.for_org(org).active() if d.doc_prefix]
    return list(dict.fromkeys(found))


@admin_view
def register_page(request: OrgRequest, org_slug: str) -> HttpResponse:
    org = request.org
    year = numbering.register_year(org, timezone.localdate())
    if request.method == "POST":
        if "number_year" in request.POST:
            basis_form = NumberYearForm(request.POST)
            if basis_form.is_valid():
                try:
                    do_set_number_year(
                        org, basis_form.cleaned_data["number_year"], actor=request.membership
                    )
                except ActionError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("บันทึกการนับเลขที่หนังสือแล้ว"))
            else:
                flash_errors(request, basis_form)
        else:
            form = NextNumberForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    after = do_set_next_number(
                        org,
                        data["register_prefix"] or "",
                        data["year"],
                        data["number"],
                        actor=request.membership,
                    )
                except ActionError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(
                        request,
                        _("เลขที่หนังสือถัดไปของ %(prefix)s คือ %(number)s")
                        % {
                            "prefix": screen_digits(data["register_prefix"]) or _("หน่วยงาน"),
                            "number": screen_digits(after),
                        },
                    )
            else:
                flash_errors(request, form)
        return redirect("register", org_slug=org_slug)
    rows = []
    for prefix in _prefixes(request):
        issued, next_number = numbering.register_state(org, prefix, year)
        rows.append(
            {
                "prefix": prefix,
                "issued": issued,
                "next": next_number,
                "form": NextNumberForm(
                    initial={"register_prefix": prefix, "year": year, "number": next_number}
                ),
            }
        )
    return render(
        request,
        "reports/register.html",
        {
            "year": year,
            "rows": rows,
            "basis_form": NumberYearForm(initial={"number_year": org.number_year}),
        },
    )

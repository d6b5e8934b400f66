from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, admin_view
from itatrack.forms import changed_values
from measures.access import get_issue_area
from measures.actions import do_save_issue_area, ensure_issue_areas
from measures.forms import IssueAreaForm
from measures.models import IssueArea


@admin_view
def issue_area_list(request: OrgRequest, org_slug: str) -> HttpResponse:
    ensure_issue_areas(request.org)
    form = IssueAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_save_issue_area(
            IssueArea(organization=request.org), form.cleaned_data, actor=request.membership
        )
        messages.success(request, _("เพิ่มประเด็นแล้ว"))
        return redirect("issue_area_list", org_slug=org_slug)
    return render(
        request,
        "measures/issue_areas.html",
        {
            "areas": IssueArea.objects.for_org(request.org),
            "form": form,
        },
    )


@admin_view
def issue_area_edit(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    area = get_issue_area(request.membership, pk)
    form = IssueAreaForm(request.POST or None, instance=copy(area))
    if request.method == "POST" and form.is_valid():
        do_save_issue_area(area, changed_values(form), actor=request.membership)
        messages.success(request, _("บันทึกประเด็นแล้ว"))
        return redirect("issue_area_list", org_slug=org_slug)
    return render(request, "measures/issue_area_form.html", {"area": area, "form": form})

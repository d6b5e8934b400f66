from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, admin_view
from itatrack.actions import do_update_organization
from itatrack.forms import OrganizationForm, changed_values


@admin_view
def organization_edit(request: OrgRequest, org_slug: str) -> HttpResponse:
    org = request.org
    if request.method == "POST":
        form = OrganizationForm(request.POST, request.FILES, instance=copy(org))
        if form.is_valid():
            changes = changed_values(form)
            do_update_organization(org, changes, actor=request.user)
            messages.success(request, _("บันทึกข้อมูลหน่วยงานแล้ว"))
            return redirect("organization_edit", org_slug=org.slug)
    else:
        form = OrganizationForm(instance=org)
    return render(request, "itatrack/organization_form.html", {"form": form})

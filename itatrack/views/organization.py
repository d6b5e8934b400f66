from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, admin_view
from itatrack.actions import StaleEdit, do_update_organization
from itatrack.forms import OrganizationForm, changed_values, mark_stale
from itatrack.models import Organization


@admin_view
def organization_edit(request: OrgRequest, org_slug: str) -> HttpResponse:
    org = request.org
    if request.method == "POST":
        form = OrganizationForm(request.POST, request.FILES, instance=copy(org))
        if form.is_valid():
            try:
                do_update_organization(
                    org,
                    changed_values(form),
                    actor=request.membership,
                    expected_version=form.cleaned_data["version"],
                )
            except StaleEdit as exc:
                mark_stale(form, exc, Organization.objects.get(pk=org.pk).version)
                return render(
                    request, "itatrack/organization_form.html", {"form": form}, status=409
                )
            messages.success(request, _("บันทึกข้อมูลหน่วยงานแล้ว"))
            return redirect("organization_edit", org_slug=org.slug)
    else:
        form = OrganizationForm(instance=org)
    return render(request, "itatrack/organization_form.html", {"form": form})

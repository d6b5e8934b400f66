from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, admin_view, get_department
from itatrack.actions import do_create_department, do_update_department
from itatrack.forms import DepartmentForm
from itatrack.models import Department


@admin_view
def department_list(request: OrgRequest, org_slug: str) -> HttpResponse:
    departments = Department.objects.for_org(request.org).with_member_count()
    form = DepartmentForm(organization=request.org, initial={"order": len(departments) + 1})
    if request.method == "POST":
        form = DepartmentForm(request.POST, organization=request.org)
        if form.is_valid():
            department = do_create_department(
                request.org,
                name=form.cleaned_data["name"],
                order=form.cleaned_data["order"],
                actor=request.membership,
            )
            messages.success(request, _("เพิ่ม %(name)s แล้ว") % {"name": department.name})
            return redirect("department_list", org_slug=org_slug)
    return render(
        request, "itatrack/department_list.html", {"departments": departments, "form": form}
    )


@admin_view
def department_edit(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    department = get_department(request.membership, pk)
    template = (
        "itatrack/partials/department_row_form.html"
        if request.htmx
        else "itatrack/department_form.html"
    )
    if request.method == "POST":
        form = DepartmentForm(request.POST, instance=copy(department), organization=request.org)
        if form.is_valid():
            do_update_department(department, form.cleaned_data, actor=request.membership)
            if request.htmx:
                return _row(request, department)
            messages.success(request, _("บันทึก %(name)s แล้ว") % {"name": department.name})
            return redirect("department_list", org_slug=org_slug)
    else:
        form = DepartmentForm(instance=department, organization=request.org)
    return render(request, template, {"form": form, "department": department})


@admin_view
def department_row(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    """The read-only row, for cancelling an inline edit."""
    return _row(request, get_department(request.membership, pk))


def _row(request: OrgRequest, department: Department) -> HttpResponse:
    counted = Department.objects.with_member_count().get(pk=department.pk)
    return render(request, "itatrack/partials/department_row.html", {"department": counted})

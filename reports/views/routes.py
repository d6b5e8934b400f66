from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, admin_view
from itatrack.actions import ActionError
from reports.access import get_route_template
from reports.actions import do_save_route_template
from reports.forms import RouteFormSet, RouteTemplateForm
from reports.models import RouteTemplate


@admin_view
def route_template_list(request: OrgRequest, org_slug: str) -> HttpResponse:
    templates = RouteTemplate.objects.for_org(request.org).prefetch_related("steps__member")
    return render(request, "reports/route_templates.html", {"templates": templates})


@admin_view
def route_template_edit(request: OrgRequest, org_slug: str, pk: int | None = None) -> HttpResponse:
    template = get_route_template(request.membership, pk) if pk else None
    initial = (
        [
            {"member": s.member, "verb": s.verb, "capacity": s.capacity, "acting_for": s.acting_for}
            for s in template.steps.all()
        ]
        if template
        else []
    )
    form = RouteTemplateForm(
        request.POST or None,
        initial={"name": template.name, "is_default": template.is_default} if template else {},
    )
    formset = RouteFormSet(
        request.POST or None, initial=initial, prefix="r", form_kwargs={"organization": request.org}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        steps = formset.steps()
        try:
            do_save_route_template(
                request.org,
                form.cleaned_data["name"],
                steps,
                is_default=form.cleaned_data["is_default"],
                actor=request.membership,
                template=template,
                capacities=formset.capacities(),
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("บันทึกเส้นทางแล้ว"))
            return redirect("route_template_list", org_slug=org_slug)
    return render(
        request,
        "reports/route_template_form.html",
        {"form": form, "formset": formset, "template": template},
    )

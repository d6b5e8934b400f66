from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError
from measures.access import get_measure, require_reporter
from measures.actions import EvidenceInput, do_add_follow_up
from measures.forms import FollowUpForm


@org_view()
def follow_up_add(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    """Owners report on their own measures; staff and admins on any."""
    measure = get_measure(request.membership, pk)
    require_reporter(request.membership, measure)
    form = FollowUpForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_add_follow_up(
                measure,
                date=data["date"],
                text=data["text"],
                progress=data["progress"],
                evidence=EvidenceInput(files=data["files"], links=data["links"]),
                actor=request.membership,
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("บันทึกผลการดำเนินการแล้ว"))
            return redirect("measure_detail", org_slug=org_slug, pk=pk)
    return render(request, "measures/follow_up_form.html", {"form": form, "measure": measure})

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from itatrack.access import OrgRequest, admin_view, get_department, get_member
from itatrack.audit import verb_label
from itatrack.history import object_history
from itatrack.models import AuditEvent

# Each kind of object whose history an admin may open, with its organisation-scoped lookup.
# Later apps add their kinds here.
HISTORY_LOOKUPS = {
    "department": get_department,
    "member": get_member,
}


@admin_view
def object_history_view(request: OrgRequest, org_slug: str, kind: str, pk: int) -> HttpResponse:
    lookup = HISTORY_LOOKUPS.get(kind)
    if lookup is None:
        raise Http404
    obj = lookup(request.membership, pk)
    return render(request, "itatrack/history.html", {"object": obj, "rows": object_history(obj)})


@admin_view
def organization_history(request: OrgRequest, org_slug: str) -> HttpResponse:
    return render(
        request,
        "itatrack/history.html",
        {"object": request.org, "rows": object_history(request.org)},
    )


@admin_view
def audit_log(request: OrgRequest, org_slug: str) -> HttpResponse:
    events = AuditEvent.objects.for_org(request.org).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = [(event, verb_label(event.verb)) for event in page]
    return render(request, "itatrack/audit_log.html", {"page": page, "rows": rows})

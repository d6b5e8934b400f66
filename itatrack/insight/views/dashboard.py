from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from itatrack.access import OrgRequest, org_view
from itatrack.insight import dashboard


@org_view()
def dashboard_view(request: OrgRequest, org_slug: str) -> HttpResponse:
    board = dashboard.build(request.org, request.membership)
    return render(request, "itatrack/dashboard.html", {"board": board})

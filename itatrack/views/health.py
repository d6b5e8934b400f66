"""What a load balancer asks each app server: is this process up? Touches no database, so a
slow database does not take every server out of the pool at once."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")

"""When the embedded database stays busy past its timeout, the person is told so in Thai and
keeps what they typed: the page re-sends the same form at a press, instead of a 500.

(The SQLite settings make this rare: see DATABASES in itatrack/settings.py.)"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from itatrack.keep_post import readable_values

RETRY_AFTER_SECONDS = 5


def is_busy(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and "locked" in str(exc).lower()


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        fields = (
            [(name, value) for name, values in request.POST.lists() for value in values]
            if request.method == "POST"
            else []
        )
        typed = readable_values(fields)
        response = render(
            request,
            "busy.html",
            {
                "fields": fields,
                "typed": typed,
                "had_files": bool(request.FILES),
                "action": request.get_full_path(),
                "method": request.method,
            },
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

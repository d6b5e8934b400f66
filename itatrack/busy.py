"""When the embedded database stays busy past its timeout, the person is told so in Thai and
keeps what they typed: the page re-sends the same form at a press, instead of a 500.

(The SQLite settings make this rare: see DATABASES in itatrack/settings.py.)"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django_tasks_db.utils import is_locked_database_exception

from itatrack.keep_post import posted_fields, readable_values

RETRY_AFTER_SECONDS = 5


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (
            isinstance(exception, OperationalError) and is_locked_database_exception(exception)
        ):
            return None
        fields = posted_fields(request) if request.method == "POST" else []
        response = render(
            request,
            "busy.html",
            {
                "fields": fields,
                "typed": readable_values(fields),
                "had_files": bool(request.FILES),
                "action": request.get_full_path(),
                "method": request.method,
            },
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

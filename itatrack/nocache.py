"""No browser or proxy keeps what a signed-in person was shown.

Pages, exports and files behind a login hold a body's unpublished data; on a shared office
computer the back button or the disk cache would show them to the next person after logout.
Every response to an authenticated request is marked no-store (public pages, served to
visitors, keep their own caching)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response

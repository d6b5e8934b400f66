"""Whole-page cache for an organisation's public pages (the transparency list, its embed and
open data): read by every visitor of every municipal website, changed only when the body
publishes or edits its own details.

Each organisation has a version token in the cache; a page is kept under its name, the
organisation's slug, the language and that token, so bumping the token retires every kept page
of the body at once. A hit touches no database. A lost token (a cache restart) is replaced by a
new random one, which can only retire pages, never bring back an old one.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

PAGE_SECONDS = 10 * 60  # a safety net; every change that shows bumps the version at once
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def _version_key(slug: str) -> str:
    return f"public-version:{slug}"


def version(slug: str) -> str:
    key = _version_key(slug)
    token = cache.get(key)
    if token is None:
        cache.add(key, secrets.token_hex(8), None)
        token = cache.get(key)
    return token


def bump(slug: str) -> None:
    cache.set(_version_key(slug), secrets.token_hex(8), None)


def bump_on_commit(slug: str) -> None:
    """Retire the body's kept pages once the change is committed (not before, or a reader in
    between would cache the old state again under the new token)."""
    transaction.on_commit(lambda: bump(slug))


def public_page(name: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a public view taking org_slug; only 200 responses are kept."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, org_slug: str, *args, **kwargs) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                return view(request, org_slug, *args, **kwargs)
            extra = ":".join(str(v) for v in (*args, *kwargs.values()))
            key = f"public-page:{name}:{org_slug}:{extra}:{get_language()}:{version(org_slug)}"
            kept = cache.get(key)
            if kept is not None:
                content, headers = kept
                response = HttpResponse(content)
                for header, value in headers.items():
                    response[header] = value
                return response
            response = view(request, org_slug, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                headers = {h: response[h] for h in KEPT_HEADERS if h in response}
                cache.set(key, (response.content, headers), PAGE_SECONDS)
            return response

        return wrapped

    return decorator

"""Session lifetime: a session ends SESSION_COOKIE_AGE after logging in, whatever was done
since (Django's default counts from the last change of the session, and switching the
organisation is one), and securing an account ends the person's other sessions."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone

from itatrack.models import LoginSession


def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    now = timezone.now()
    # A fixed end, not an age: later saves of the session keep it.
    request.session.set_expiry(now + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE))
    request.session.save()  # a key, also for a brand-new session
    old = now - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    LoginSession.objects.filter(user=user, created_at__lt=old).delete()
    LoginSession.objects.get_or_create(user=user, session_key=request.session.session_key)


def on_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any):
    if user is not None and request.session.session_key:
        LoginSession.objects.filter(session_key=request.session.session_key).delete()


def end_other_sessions(user: User, keep: str | None) -> int:
    """Sign the person out everywhere but in the session `keep`; how many were ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    others = LoginSession.objects.filter(user=user).exclude(session_key=keep or "")
    keys = list(others.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()  # the row and, with cached_db, the cached copy
    others.delete()
    return len(keys)

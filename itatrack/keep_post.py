"""No decision lost to an expired session: a form sent without a session (it expired, or the
person logged out in another tab) is kept in the new session while they log in again, and the
page it was sent to then offers to send it once more, with what they typed.

Without this, login_required sends them to log in and then back to the form's URL by GET: a
POST-only view answers 405 (the browser's English "HTTP ERROR 405"), a form view shows an empty
form, and what was typed is gone."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render, resolve_url
from django.utils.translation import gettext as _

SESSION_KEY = "kept_post"
MAX_CHARS = 200_000  # a memo's sections fit; anything larger is not kept in a session
KEEP_SECONDS = 30 * 60


def posted_fields(request: HttpRequest) -> list[list[str]]:
    """The form as sent, field by field, less its CSRF token: the page that sends it again
    carries a fresh one."""
    return [
        [name, value]
        for name, values in request.POST.lists()
        for value in values
        if name != "csrfmiddlewaretoken"
    ]


def readable_values(fields: list[list[str]]) -> list[str]:
    """What the person typed, as they would recognise it: text, not the form's codes (a
    choice's value, a row's number, a version)."""
    return [
        value
        for _name, value in fields
        if value.strip() and not re.fullmatch(r"[A-Za-z0-9_.:-]+", value.strip())
    ]


def _is_login_redirect(response: HttpResponseBase) -> bool:
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location.startswith(resolve_url(settings.LOGIN_URL) + "?")


class KeepPostAcrossLoginMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method == "GET" and request.user.is_authenticated:
            kept = request.session.get(SESSION_KEY)
            if kept and kept.get("path") == request.path:
                del request.session[SESSION_KEY]
                if time.time() - kept.get("at", 0) < KEEP_SECONDS:
                    return self._resume(request, kept)
        response = self.get_response(request)
        if (
            request.method == "POST"
            and not request.user.is_authenticated
            and _is_login_redirect(response)
        ):
            self._keep(request)
        return response

    def _keep(self, request: HttpRequest) -> None:
        fields = posted_fields(request)
        if sum(len(name) + len(value) for name, value in fields) > MAX_CHARS:
            messages.warning(
                request, _("เซสชันหมดอายุ กรุณาเข้าสู่ระบบอีกครั้ง (ข้อความยาวเกินกว่าที่จะเก็บไว้ให้)")
            )
            return
        request.session[SESSION_KEY] = {
            "path": request.path,
            "fields": fields,
            "files": bool(request.FILES),
            "at": time.time(),
        }
        messages.info(
            request,
            _("เซสชันหมดอายุ กรุณาเข้าสู่ระบบอีกครั้ง ข้อมูลที่ท่านกรอกไว้ยังอยู่และจะส่งต่อได้หลังเข้าสู่ระบบ"),
        )

    def _resume(self, request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
        return render(
            request,
            "resume_post.html",
            {
                "fields": kept["fields"],
                "typed": readable_values(kept["fields"]),
                "had_files": kept["files"],
                "action": kept["path"],
            },
        )

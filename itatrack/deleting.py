"""The one way a draft, an empty plan or a wrong-year assessment is deleted from a page: a
confirm page that asks why, then the app's service; a refusal is said in Thai on the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from itatrack.actions import ActionError


def confirm_delete(
    request: HttpRequest,
    *,
    title: str,
    what: str,
    back: str,
    done: str,
    delete: Callable[[str], Any],
) -> HttpResponse:
    reason = ""
    problem = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")[:500]
        if not reason.strip():
            problem = _("กรุณาระบุเหตุผลที่ลบ")
        else:
            try:
                delete(reason)
            except ActionError as exc:
                problem = str(exc)
            else:
                messages.success(request, _("ลบแล้ว: %(what)s") % {"what": what})
                return redirect(done)
    return render(
        request,
        "itatrack/confirm_delete.html",
        {"title": title, "what": what, "back": back, "reason": reason, "problem": problem},
        status=400 if problem else 200,
    )

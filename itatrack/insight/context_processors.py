from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from itatrack.insight.todo import inbox_count


def inbox(request: HttpRequest) -> dict[str, Any]:
    """The menu's count of memos waiting for the person, counted only if a template reads it."""
    current = getattr(request, "membership", None)
    return {"inbox_count": lambda: inbox_count(current) if current else 0}

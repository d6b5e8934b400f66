from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from assessments.models import Framework
from assessments.rollover import current_provisional


def framework_notice(request: HttpRequest) -> dict[str, Any]:
    """The current year's framework while it is provisional, for the banner members see (read
    only when a page shows the banner)."""
    if getattr(request, "membership", None) is None:
        return {}

    def provisional() -> Framework | None:
        return current_provisional(timezone.localdate())

    return {"provisional_framework": provisional}

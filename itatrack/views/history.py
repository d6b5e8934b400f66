from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import render

from itatrack.access import OrgRequest, admin_view, get_department, get_member
from itatrack.history import object_history
from itatrack.models import AuditEvent, Membership

Lookup = Callable[[Membership, int], models.Model]
Parts = Callable[[Any], Iterable[models.QuerySet]]  # the object -> its parts
# (organisation's slug, target id) -> the page an audit row about such an object links to. By
# pk alone: the log costs the same queries whatever its rows are about.
TargetUrl = Callable[[str, str], str]


@dataclass(frozen=True)
class HistoryKind:
    lookup: Lookup  # scoped to the person's organisation, 404 otherwise
    parts: Parts | None = None


# Each kind of object whose history an admin may open. The apps add theirs in ready().
HISTORY_LOOKUPS: dict[str, HistoryKind] = {
    "department": HistoryKind(get_department),
    "member": HistoryKind(get_member),
}
# By model label ("measures.measure"): where an audit row about such an object links to.
AUDIT_TARGETS: dict[str, TargetUrl] = {}


def register_history(kind: str, lookup: Lookup, parts: Parts | None = None) -> None:
    HISTORY_LOOKUPS[kind] = HistoryKind(lookup, parts)


def register_audit_target(label: str, url: TargetUrl) -> None:
    AUDIT_TARGETS[label] = url


@admin_view
def object_history_view(request: OrgRequest, org_slug: str, kind: str, pk: int) -> HttpResponse:
    found = HISTORY_LOOKUPS.get(kind)
    if found is None:
        raise Http404
    obj = found.lookup(request.membership, pk)
    parts = found.parts(obj) if found.parts else ()
    return render(
        request, "itatrack/history.html", {"object": obj, "rows": object_history(obj, parts)}
    )


@admin_view
def organization_history(request: OrgRequest, org_slug: str) -> HttpResponse:
    return render(
        request,
        "itatrack/history.html",
        {"object": request.org, "rows": object_history(request.org)},
    )


def audit_label(event: AuditEvent) -> str:
    target_type = event.target_type
    return f"{target_type.app_label}.{target_type.model}" if target_type else ""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import render

from itatrack.access import OrgRequest, admin_view, get_department, get_member
from itatrack.audit import verb_label
from itatrack.history import object_history
from itatrack.models import AuditEvent, Membership, Organization

Lookup = Callable[[Membership, int], models.Model]
Parts = Callable[[Any], Iterable[models.QuerySet]]  # the object -> its parts
# (organisation, target ids) -> {id: (title, url)}: what an audit row names and links to.
Targets = Callable[[Organization, list[str]], dict[str, tuple[str, str]]]


@dataclass(frozen=True)
class HistoryKind:
    lookup: Lookup  # scoped to the person's organisation, 404 otherwise
    parts: Parts | None = None


# Each kind of object whose history an admin may open. The apps add theirs in ready().
HISTORY_LOOKUPS: dict[str, HistoryKind] = {
    "department": HistoryKind(get_department),
    "member": HistoryKind(get_member),
}
# By model label ("measures.measure"): how an audit row names its object and links to it.
AUDIT_TARGETS: dict[str, Targets] = {}


def register_history(kind: str, lookup: Lookup, parts: Parts | None = None) -> None:
    HISTORY_LOOKUPS[kind] = HistoryKind(lookup, parts)


def register_audit_target(label: str, targets: Targets) -> None:
    AUDIT_TARGETS[label] = targets


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


@admin_view
def audit_log(request: OrgRequest, org_slug: str) -> HttpResponse:
    events = AuditEvent.objects.for_org(request.org).select_related("actor", "target_type")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    wanted: dict[str, list[str]] = {}
    for event in page:
        if event.target_type is not None:
            wanted.setdefault(_label(event), []).append(event.target_id)
    named: dict[tuple[str, str], tuple[str, str]] = {}
    for label, ids in wanted.items():
        if label in AUDIT_TARGETS:
            for target_id, found in AUDIT_TARGETS[label](request.org, ids).items():
                named[(label, target_id)] = found
    rows = [
        AuditRow(
            event,
            verb_label(event.verb),
            *named.get((_label(event), event.target_id), (event.target_repr, "")),
        )
        for event in page
    ]
    return render(request, "itatrack/audit_log.html", {"page": page, "rows": rows})


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    label: str
    title: str  # the object as it is now named (a memo's ที่ and เรื่อง), else as it was
    url: str


def _label(event: AuditEvent) -> str:
    target_type = event.target_type
    return f"{target_type.app_label}.{target_type.model}" if target_type else ""

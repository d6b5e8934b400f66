"""The organisation's audit trail for its admins and auditors: every change as Thai
sentences, filtered by person, kind and dates, and the same rows as a workbook."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from itatrack.access import OrgRequest, admin_view
from itatrack.audit import describe_event, verb_label
from itatrack.audit_filters import AuditFilterForm
from itatrack.audit_text import value_text
from itatrack.models import AuditEvent
from itatrack.spreadsheets import download, formula_safe, xlsx_bytes
from itatrack.templatetags.people import names_of
from itatrack.views.history import AUDIT_TARGETS, audit_label

MAX_EXPORT = 20_000


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    who: str
    label: str
    title: str  # the object as it was named when the change was made
    lines: list[str]
    url: str


def _rows(request: OrgRequest, events: Iterable[AuditEvent]) -> list[AuditRow]:
    events = list(events)
    names = names_of({e.actor.pk: e.actor for e in events if e.actor is not None}.values())
    rows = []
    for event in events:
        who = _("ระบบ") if event.actor is None else names[event.actor.pk]
        url = AUDIT_TARGETS.get(audit_label(event))
        link = url(request.org.slug, event.target_id) if url and event.target_id else ""
        rows.append(
            AuditRow(
                event,
                who,
                verb_label(event.verb),
                value_text(event.target_repr) if event.target_repr else "",
                describe_event(event),
                link,
            )
        )
    return rows


def _filtered(request: OrgRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    form = AuditFilterForm(request.GET or None, organization=request.org)
    events = AuditEvent.objects.for_org(request.org).select_related("actor", "target_type")
    return form, form.apply(events)


@admin_view
def audit_log(request: OrgRequest, org_slug: str) -> HttpResponse:
    form, events = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "itatrack/audit_log.html",
        {"page": page, "rows": _rows(request, page.object_list), "form": form},
    )


@admin_view
def audit_log_xlsx(request: OrgRequest, org_slug: str) -> HttpResponse:
    _form, events = _filtered(request)
    rows = _rows(request, events[:MAX_EXPORT])
    content = xlsx_bytes(
        _("บันทึกการกระทำ"),
        [_("วันเวลา"), _("ผู้กระทำ"), _("การกระทำ"), _("รายการ"), _("รายละเอียด")],
        (
            [
                timezone.localtime(row.event.created_at).replace(tzinfo=None),
                formula_safe(row.who),
                formula_safe(row.label),
                formula_safe(row.title),
                formula_safe("\n".join(row.lines)),
            ]
            for row in rows
        ),
        heading=_("บันทึกการกระทำของ%(org)s (ส่งออกเมื่อ %(when)s)")
        % {"org": request.org.name, "when": value_text(timezone.now())},
    )
    return download(content, f"audit-{request.org.slug}-{timezone.localdate():%Y%m%d}.xlsx")

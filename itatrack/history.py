"""Field-level history (django-auditlog) joined with the explicit audit events of an object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Set
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_lazy as _

from itatrack.audit import describe_event, verb_label
from itatrack.audit_text import change_lines
from itatrack.models import AuditEvent
from itatrack.templatetags.people import person_name
from itatrack.thai import official_digits

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("สร้าง"),
    LogEntry.Action.UPDATE: _("แก้ไข"),
    LogEntry.Action.DELETE: _("ลบ"),
    LogEntry.Action.ACCESS: _("เปิดดู"),
}


BOOKKEEPING = {"id", "created_at", "updated_at", "version"}


def track(
    model: type[models.Model],
    *,
    exclude: Set[str] = frozenset(),
    m2m: Set[str] = frozenset(),
) -> None:
    """Register model with auditlog by its own columns only: without an explicit list, reverse
    relations (memos_signed …) show up as changes of the related object."""
    skip = BOOKKEEPING | set(exclude)
    auditlog.register(
        model,
        include_fields=[f.name for f in model._meta.concrete_fields if f.name not in skip],
        m2m_fields=set(m2m),
    )


def register_models() -> None:
    """Track every change to domain data. Secrets and noise (password, last login) are left out;
    each app registers its own models with track() too."""
    from itatrack.models import Department, Membership, Organization, Oversight, Supervisor

    track(Organization)
    track(Department)
    track(Membership)
    # Who may read which bodies is itself worth a trail.
    track(Oversight, m2m={"organizations"})
    track(Supervisor)
    track(get_user_model(), exclude={"password", "last_login", "date_joined"})


@dataclass
class HistoryRow:
    when: dt.datetime
    who: str
    what: str
    lines: list[str] = field(default_factory=list)  # Thai: "ชื่อ: เดิม → ใหม่"
    subject: str = ""  # the part of the object changed (a question's score, a step)


class _Names:
    """Each person's name looked up once per page."""

    def __init__(self) -> None:
        self.known: dict[int, str] = {}

    def __call__(self, user: User | None) -> str:
        if user is None:
            return str(_("ระบบ"))
        if user.pk not in self.known:
            self.known[user.pk] = person_name(user)
        return self.known[user.pk]


def _rows(entries: Iterable[LogEntry], names: _Names, *, subject: bool) -> list[HistoryRow]:
    return [
        HistoryRow(
            when=entry.timestamp,
            who=names(entry.actor),
            what=str(ACTION_LABELS.get(entry.action, entry.action)),
            lines=change_lines(
                entry.content_type.model_class() if entry.content_type_id else None,
                entry.changes_dict,
            ),
            subject=official_digits(entry.object_repr) if subject else "",
        )
        for entry in entries
    ]


def object_history(obj: models.Model, parts: Iterable[models.QuerySet] = ()) -> list[HistoryRow]:
    """Newest first: every recorded change of obj and of its parts (an assessment's scores, a
    measure's steps, a memo's sections), and every event that named obj."""
    names = _Names()
    related = ("actor", "content_type")
    rows = _rows(
        LogEntry.objects.get_for_object(obj).select_related(*related), names, subject=False
    )
    for part in parts:
        rows += _rows(
            LogEntry.objects.get_for_objects(part).select_related(*related), names, subject=True
        )
    rows += [
        HistoryRow(
            when=event.created_at,
            who=names(event.actor),
            what=verb_label(event.verb),
            lines=describe_event(event),
        )
        for event in AuditEvent.objects.for_object(obj).select_related("actor")
    ]
    return sorted(rows, key=lambda row: row.when, reverse=True)

"""Which audit events an auditor asks for: by person, kind of change and dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itatrack.forms import ThaiDateField
from itatrack.models import AuditEvent, Membership, Organization

# Verb prefixes ("memo.submit" → memo) as an auditor names them.
KINDS = [
    ("memo", _("บันทึกข้อความ")),
    ("step", _("การพิจารณาบันทึกข้อความ")),
    ("register", _("ทะเบียนเลขที่หนังสือ")),
    ("plan", _("แผนมาตรการ")),
    ("measure", _("มาตรการ")),
    ("followup", _("รายงานผลมาตรการ")),
    ("issue_area", _("ประเด็นของแผน")),
    ("assessment", _("ผลการประเมิน")),
    ("finding", _("ข้อค้นพบ")),
    ("oit", _("รายการ OIT")),
    ("member", _("สมาชิก")),
    ("department", _("ส่วนราชการ")),
    ("organization", _("ข้อมูลหน่วยงาน")),
    ("route_template", _("ลำดับผู้พิจารณา")),
    ("certificate", _("ใบรับรองลายมือชื่ออิเล็กทรอนิกส์")),
    ("twofactor", _("การยืนยันตัวตนสองขั้นตอน")),
    ("mail", _("อีเมล")),
]


class AuditFilterForm(forms.Form):
    person = forms.ChoiceField(label=_("ผู้กระทำ"), required=False)
    kind = forms.ChoiceField(label=_("เรื่อง"), required=False)
    since = ThaiDateField(label=_("ตั้งแต่วันที่"), required=False, help_text=" ")
    until = ThaiDateField(label=_("ถึงวันที่"), required=False, help_text=" ")

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = (
            Membership.objects.for_org(organization)
            .order_by("display_name")
            .values_list("user_id", "display_name")
        )
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", _("ทุกคน")),
            ("system", _("ระบบ")),
            *[(str(user), name) for user, name in people],
        ]
        self.fields["kind"].choices = [("", _("ทุกเรื่อง")), *KINDS]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม"))
        return data

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data.get("person") == "system":
            events = events.filter(actor__isnull=True)
        elif data.get("person"):
            events = events.filter(actor_id=int(data["person"]))
        if data.get("kind"):
            events = events.filter(verb__startswith=f"{data['kind']}.")
        if data.get("since"):
            events = events.filter(created_at__gte=_start(data["since"]))
        if data.get("until"):
            events = events.filter(created_at__lt=_start(data["until"] + dt.timedelta(days=1)))
        return events


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))

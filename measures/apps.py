from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from django.contrib.auth.models import User


class MeasuresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "measures"
    verbose_name = "มาตรการ"

    def ready(self) -> None:
        from itatrack.audit import register_verbs

        register_verbs(
            {
                "plan.create": _("สร้างแผนมาตรการ"),
                "plan.update": _("แก้ไขแผนมาตรการ"),
                "plan.delete": _("ลบแผนมาตรการที่ยังไม่มีมาตรการ"),
                "measure.create": _("เพิ่มมาตรการ"),
                "measure.update": _("แก้ไขมาตรการ"),
                "measure.import": _("นำเข้ามาตรการจากตารางที่วาง"),
                "measure.results_import": _("นำเข้าผลการดำเนินการจากตารางที่วาง"),
                "measure.close": _("ปิดมาตรการ (ดำเนินการแล้ว)"),
                "measure.cancel": _("ยกเลิกมาตรการ"),
                "measure.reopen": _("เปิดมาตรการอีกครั้ง"),
                "measure.outcome": _("แก้ไขผลลัพธ์ของมาตรการ"),
                "step.create": _("เพิ่มขั้นตอน"),
                "step.update": _("แก้ไขขั้นตอน"),
                "step.delete": _("ลบขั้นตอน"),
                "followup.add": _("รายงานผลการดำเนินการ"),
                "issue_area.create": _("เพิ่มประเด็น"),
                "issue_area.update": _("แก้ไขประเด็น"),
            }
        )
        from itatrack.history import track
        from itatrack.views.media import MEDIA_ACCESS
        from measures.models import Evidence, FollowUp, IssueArea, Measure, MeasureStep, Plan

        for model in (Plan, IssueArea, MeasureStep, FollowUp, Evidence):
            track(model)
        track(Measure, m2m={"departments", "owners", "items", "findings"})
        _register_history()
        MEDIA_ACCESS["evidence"] = _evidence_readable

        from itatrack.figures import register_counter

        register_counter("measures", _count_measures)
        from itatrack.reminders import register_source
        from measures import reminders

        register_source("measures", reminders.due)
        from itatrack.cleantext import clean_text_of

        clean_text_of(self)


def _evidence_readable(user: User, name: str) -> bool | str:
    """Readable by the body's members, under the name it was uploaded with."""
    from itatrack.models import Organization
    from measures.models import Evidence

    found = (
        Evidence.objects.filter(
            file=name,
            follow_up__measure__plan__organization__in=Organization.objects.for_user(user),
        )
        .values_list("original_name", flat=True)
        .first()
    )
    return False if found is None else (found or True)


def _count_measures(
    org_ids: list[int] | None, today: dt.date
) -> Iterator[tuple[int, int, dict[str, int]]]:
    """YearFigures' measure counts per body and fiscal year (cancelled ones left out)."""
    from django.db.models import Count, Q

    from measures.models import Measure

    measures = Measure.objects.exclude(status=Measure.Status.CANCELLED)
    if org_ids is not None:
        measures = measures.filter(plan__organization_id__in=org_ids)
    open_ = ~Q(status__in=[Measure.Status.DONE, Measure.Status.CANCELLED])
    counted = (
        measures.values_list("plan__organization_id", "plan__fiscal_year")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=Measure.Status.DONE)),
            overdue=Count("pk", filter=open_ & Q(end_date__lt=today)),
        )
        .order_by()
    )
    for org_id, year, total, done, overdue in counted:
        yield (
            org_id,
            year,
            {
                "measures_total": total,
                "measures_done": done,
                "measures_overdue": overdue,
            },
        )


def _register_history() -> None:
    """The change history of a measure (with its steps and follow-ups) and of a plan, and what
    audit rows about them link to."""
    from django.urls import reverse

    from itatrack.views.history import register_audit_target, register_history
    from measures.access import get_measure, get_plan

    register_history("measure", get_measure, lambda m: [m.steps.all(), m.follow_ups.all()])
    register_history("plan", get_plan)

    register_audit_target(
        "measures.measure", lambda slug, pk: reverse("measure_detail", args=[slug, pk])
    )
    register_audit_target("measures.plan", lambda slug, pk: reverse("plan_detail", args=[slug, pk]))

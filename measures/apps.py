from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


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
                "measure.create": _("เพิ่มมาตรการ"),
                "measure.update": _("แก้ไขมาตรการ"),
                "measure.import": _("นำเข้ามาตรการจากตารางที่วาง"),
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
        MEDIA_ACCESS["evidence"] = _evidence_readable


def _evidence_readable(user: AbstractBaseUser, name: str) -> bool:
    from itatrack.models import Organization
    from measures.models import Evidence

    return Evidence.objects.filter(
        file=name, follow_up__measure__plan__organization__in=Organization.objects.for_user(user)
    ).exists()

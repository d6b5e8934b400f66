from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "บันทึกข้อความและรายงาน"

    def ready(self) -> None:
        from itatrack.audit import register_verbs

        register_verbs(
            {
                "memo.create": _("ร่างบันทึกข้อความ"),
                "memo.update": _("แก้ไขบันทึกข้อความ"),
                "memo.sections": _("แก้ไขเนื้อหาบันทึกข้อความ"),
                "memo.route": _("กำหนดเส้นทางการเสนอ"),
                "memo.submit": _("เสนอบันทึกข้อความ"),
                "memo.approve": _("เห็นชอบ/อนุมัติ"),
                "memo.return": _("ตีกลับให้แก้ไข"),
                "memo.reject": _("ไม่อนุมัติ"),
                "memo.final_requeue": _("ส่งจัดทำฉบับจริงอีกครั้ง"),
                "memo.publish": _("เผยแพร่บันทึกข้อความ"),
                "route_template.save": _("บันทึกเส้นทางการเสนอแบบประจำ"),
                "certificate.upload": _("อัปโหลดใบรับรองสำหรับลงนาม"),
            }
        )
        from itatrack.history import track
        from itatrack.views.media import MEDIA_ACCESS
        from reports.models import ApprovalStep, Memo, MemoSection, RouteStep, RouteTemplate

        for model in (Memo, MemoSection, RouteStep, RouteTemplate, ApprovalStep):
            track(model)
        MEDIA_ACCESS["memos"] = _memo_pdf_readable


def _memo_pdf_readable(user: AbstractBaseUser, name: str) -> bool:
    from itatrack.models import Organization
    from reports.models import Memo

    return Memo.objects.filter(
        pdf=name, organization__in=Organization.objects.for_user(user)
    ).exists()

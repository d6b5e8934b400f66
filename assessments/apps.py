from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = "การประเมิน ITA"

    def ready(self) -> None:
        from assessments import rollover
        from itatrack.audit import register_verbs
        from itatrack.reminders import register_sender

        register_sender("framework-rollover", rollover.daily)

        register_verbs(
            {
                "assessment.create": _("สร้างผลการประเมิน"),
                "assessment.delete": _("ลบผลการประเมิน"),
                "assessment.update": _("แก้ไขข้อมูลผลการประเมิน"),
                "assessment.scores": _("บันทึกคะแนน"),
                "assessment.import": _("นำเข้าคะแนนจากไฟล์"),
                "assessment.summary": _("แก้ไขสรุปผลการประเมิน"),
                "finding.create": _("เพิ่มข้อค้นพบ"),
                "finding.update": _("แก้ไขข้อค้นพบ"),
                "finding.propose": _("ระบบเสนอข้อค้นพบ"),
                "finding.discard": _("ไม่ใช้ข้อค้นพบที่ระบบเสนอ"),
                "finding.confirm_many": _("ยืนยันข้อค้นพบที่ระบบเสนอหลายรายการพร้อมกัน"),
                "finding.import": _("เพิ่มข้อค้นพบจากตารางที่วาง"),
                "framework.update": _("แก้ไขกรอบการประเมิน"),
                "framework.bands": _("แก้ไขเกณฑ์ระดับผลการประเมิน"),
                "framework.indicator_weights": _("แก้ไขน้ำหนักของตัวชี้วัด"),
                "framework.copy": _("สร้างกรอบการประเมินปีใหม่จากปีก่อน"),
                "framework.item_update": _("แก้ไขข้อคำถามของกรอบการประเมิน"),
                "framework.item_add": _("เพิ่มรายการในกรอบการประเมิน"),
                "framework.item_move": _("เลื่อนลำดับรายการในกรอบการประเมิน"),
                "framework.item_retire": _("เลิกใช้รายการในกรอบการประเมิน"),
                "framework.item_restore": _("นำรายการที่เลิกใช้กลับมาใช้"),
                "framework.item_delete": _("ลบรายการที่ยังไม่มีผู้ใช้ออกจากกรอบการประเมิน"),
                "framework.indicator_add": _("เพิ่มตัวชี้วัด"),
                "framework.indicator_update": _("แก้ไขชื่อ เลข หรือเครื่องมือของตัวชี้วัด"),
                "framework.indicator_delete": _("ลบตัวชี้วัด"),
                "framework.sub_add": _("เพิ่มตัวชี้วัดย่อย"),
                "framework.sub_update": _("แก้ไขตัวชี้วัดย่อย"),
                "framework.sub_delete": _("ลบตัวชี้วัดย่อย"),
                "framework.confirm": _("ยืนยันกรอบการประเมินกับคู่มือของ ป.ป.ช."),
                "framework.import": _("นำเข้ากรอบการประเมินจากไฟล์ Excel"),
            }
        )
        from assessments.models import (
            Assessment,
            Finding,
            Framework,
            IndicatorScore,
            Item,
            ItemScore,
        )
        from itatrack.history import track

        for model in (Framework, Item, Assessment, IndicatorScore, ItemScore):
            track(model)
        track(Finding, m2m={"items"})
        _register_history()

        from itatrack.views.media import MEDIA_ACCESS

        MEDIA_ACCESS["itas"] = _itas_pdf_readable
        from itatrack.cleantext import clean_text_of

        clean_text_of(self)


def _itas_pdf_readable(user: User, name: str) -> bool:
    from assessments.models import Assessment
    from itatrack.models import Organization

    return Assessment.objects.filter(
        result_pdf=name, organization__in=Organization.objects.for_user(user)
    ).exists()


def _register_history() -> None:
    """The change history of a year's result (with every score) and of a finding, and what
    audit rows about them link to."""
    from django.shortcuts import get_object_or_404
    from django.urls import reverse

    from assessments.access import get_assessment
    from assessments.models import Finding
    from itatrack.views.history import register_audit_target, register_history

    register_history(
        "assessment",
        get_assessment,
        lambda a: [a.indicator_scores.all(), a.item_scores.all()],
    )
    register_history(
        "finding",
        lambda membership, pk: get_object_or_404(
            Finding.objects.for_org(membership.organization), pk=pk
        ),
    )

    register_audit_target(
        "assessments.assessment",
        lambda slug, pk: reverse("assessment_detail", args=[slug, pk]),
    )
    register_audit_target(
        "assessments.finding",
        lambda slug, pk: reverse("object_history", args=[slug, "finding", pk]),
    )

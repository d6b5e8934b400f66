from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from django.contrib.auth.models import User


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "บันทึกข้อความและรายงาน"

    def ready(self) -> None:
        from itatrack.audit import register_verbs

        register_verbs(
            {
                "memo.create": _("ร่างบันทึกข้อความ"),
                "memo.delete": _("ลบร่างบันทึกข้อความ"),
                "memo.redraft": _("ร่างส่วนของบันทึกใหม่จากข้อมูลปัจจุบัน"),
                "memo.update": _("แก้ไขบันทึกข้อความ"),
                "memo.sections": _("แก้ไขเนื้อหาบันทึกข้อความ"),
                "memo.route": _("กำหนดเส้นทางการเสนอ"),
                "memo.submit": _("เสนอบันทึกข้อความ"),
                "memo.approve": _("เห็นชอบ/อนุมัติ"),
                "memo.return": _("ตีกลับให้แก้ไข"),
                "memo.reject": _("ไม่อนุมัติ"),
                "memo.final_requeue": _("ส่งจัดทำฉบับจริงอีกครั้ง"),
                "memo.number": _("ใช้เลขที่หนังสือจากทะเบียนหนังสือส่ง"),
                "memo.file_add": _("แนบเอกสารกับบันทึกข้อความ"),
                "memo.file_remove": _("นำเอกสารแนบออกจากบันทึกข้อความ"),
                "register.next": _("กำหนดเลขที่หนังสือถัดไป"),
                "register.year": _("เปลี่ยนการนับเลขที่หนังสือ"),
                "memo.publish": _("เผยแพร่บันทึกข้อความ"),
                "route_template.save": _("บันทึกเส้นทางการเสนอแบบประจำ"),
                "certificate.upload": _("อัปโหลดใบรับรองสำหรับลงนาม"),
                "oit.plan": _("แก้ไขผู้รับผิดชอบ กำหนด หรือสถานะของรายการ OIT"),
                "oit.bulk_plan": _("มอบหมายรายการ OIT หลายรายการพร้อมกัน"),
                "oit.evidence_add": _("เพิ่มหลักฐานของรายการ OIT"),
                "oit.evidence_remove": _("นำหลักฐานของรายการ OIT ออก"),
                "oit.check": _("ตรวจรายการ OIT"),
                "oit.publish": _("เผยแพร่รายการ OIT บนหน้า ITA สาธารณะ"),
            }
        )
        from itatrack.history import track
        from itatrack.views.media import MEDIA_ACCESS
        from reports.models import (
            ApprovalStep,
            Memo,
            MemoSection,
            OitEntry,
            OitEvidence,
            RouteStep,
            RouteTemplate,
        )

        for model in (Memo, MemoSection, RouteStep, RouteTemplate, ApprovalStep, OitEntry):
            track(model)
        track(OitEvidence)
        _register_history()
        MEDIA_ACCESS["memos"] = _memo_pdf_readable
        MEDIA_ACCESS["oit"] = _oit_evidence_readable

        from itatrack.figures import register_counter

        register_counter("publications", _count_publications)
        register_counter("oit", _count_oit_ready)
        from itatrack.reminders import register_source
        from reports import decision_reminders, oit_reminders

        register_source("oit", oit_reminders.due)
        register_source("decisions", decision_reminders.due)
        from itatrack.cleantext import clean_text_of

        clean_text_of(self)


def _memo_pdf_readable(user: User, name: str) -> bool | str:
    """Readable by the body's members, named by its ที่ and เรื่อง."""
    from itatrack.models import Organization
    from reports.models import Memo

    memo = Memo.objects.filter(
        pdf=name, organization__in=Organization.objects.for_user(user)
    ).first()
    return False if memo is None else memo.download_name


def _oit_evidence_readable(user: User, name: str) -> bool | str:
    """Readable by the body's members, under the name it was uploaded with."""
    from itatrack.models import Organization
    from reports.models import OitEvidence

    found = (
        OitEvidence.objects.filter(
            file=name, entry__organization__in=Organization.objects.for_user(user)
        )
        .values_list("original_name", flat=True)
        .first()
    )
    return False if found is None else (found or True)


def _count_publications(
    org_ids: list[int] | None, today: dt.date
) -> Iterator[tuple[int, int, dict[str, int]]]:
    """YearFigures' count of public documents per body and fiscal year."""
    from django.db.models import Count

    from reports.models import Publication

    publications = Publication.objects.public()
    if org_ids is not None:
        publications = publications.filter(organization_id__in=org_ids)
    published = (
        publications.values_list("organization_id", "fiscal_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for org_id, year, n in published:
        yield org_id, year, {"published": n}


def _count_oit_ready(
    org_ids: list[int] | None, today: dt.date
) -> Iterator[tuple[int, int, dict[str, int]]]:
    """YearFigures' count of OIT items ready or published per body and fiscal year: those a
    reviewer found ready, and those whose memo the body published from the app (as the
    workspace counts them)."""
    from reports.models import OitEntry, Publication
    from reports.oitboard import DONE

    entries = OitEntry.objects.filter(status__in=DONE)
    publications = (
        Publication.objects.public().filter(superseded_by__isnull=True).exclude(oit_code="")
    )
    if org_ids is not None:
        entries = entries.filter(organization_id__in=org_ids)
        publications = publications.filter(organization_id__in=org_ids)
    done: dict[tuple[int, int], set[str]] = {}
    for org_id, year, code in entries.values_list(
        "organization_id", "item__framework__fiscal_year", "item__code"
    ).iterator(chunk_size=5000):
        done.setdefault((org_id, year), set()).add(code)
    for org_id, year, code in publications.values_list(
        "organization_id", "fiscal_year", "oit_code"
    ):
        done.setdefault((org_id, year), set()).add(code)
    for (org_id, year), codes in done.items():
        yield org_id, year, {"oit_ready": len(codes)}


def _register_history() -> None:
    """The change history of a memo (with its sections and approval steps), and what audit
    rows about memos link to (a memo names itself by its ที่ once it has one)."""
    from django.urls import reverse

    from itatrack.views.history import register_audit_target, register_history
    from reports.access import get_memo

    register_history("memo", get_memo, lambda m: [m.sections.all(), m.steps.all()])

    register_audit_target("reports.memo", lambda slug, pk: reverse("memo_detail", args=[slug, pk]))

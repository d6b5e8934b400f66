"""Invented measures plans for the demo municipality, saved through the services: past plans
closed with results, the current one under way with something overdue and something due soon."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from assessments.models import Assessment, Finding
from itatrack.models import Department, Membership, Organization
from itatrack.thai import fiscal_year_bounds, quarter_bounds
from measures.actions import (
    EvidenceInput,
    MeasureLinks,
    do_add_follow_up,
    do_close_measure,
    do_create_plan,
    do_save_measure,
    do_save_step,
)
from measures.models import IssueArea, Measure, MeasureStep, Plan

# By indicator number: issue area, title, steps, follow-up method, department.
TEMPLATES = {
    1: (
        1,
        "ปรับปรุงคู่มือการให้บริการและประกาศขั้นตอน ระยะเวลาการให้บริการ",
        [
            "ทบทวนคู่มือการให้บริการของทุกงาน",
            "ประกาศขั้นตอนและระยะเวลาที่จุดบริการและเว็บไซต์",
            "สุ่มตรวจการให้บริการตามคู่มือรายไตรมาส",
        ],
        "รายงานผลในที่ประชุมพนักงานประจำเดือน",
        "สำนักปลัดเทศบาล",
    ),
    2: (
        5,
        "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทราบทั่วถึง",
        ["ชี้แจงแผนการใช้จ่ายงบประมาณในที่ประชุมพนักงาน", "เผยแพร่แผนผ่านกลุ่มไลน์และบอร์ดประชาสัมพันธ์"],
        "รายงานผลการใช้จ่ายงบประมาณรายไตรมาส",
        "กองคลัง",
    ),
    3: (
        6,
        "จัดทำหลักเกณฑ์การมอบหมายงานและการประเมินผลการปฏิบัติงานที่เป็นธรรม",
        ["ยกร่างหลักเกณฑ์ร่วมกับหัวหน้าส่วนราชการ", "ประกาศหลักเกณฑ์ให้บุคลากรทราบ"],
        "ติดตามผลการประเมินผลการปฏิบัติงานรอบ ๖ เดือน",
        "สำนักปลัดเทศบาล",
    ),
    4: (
        4,
        "กำหนดแนวปฏิบัติการยืมและการใช้ทรัพย์สินของราชการ",
        [
            "จัดทำแนวปฏิบัติและแบบฟอร์มการยืมทรัพย์สิน",
            "อบรมบุคลากรเรื่องการใช้ทรัพย์สินของราชการ",
            "ตรวจสอบทะเบียนการยืมทรัพย์สินทุกเดือน",
        ],
        "รายงานผลการตรวจสอบทะเบียนต่อปลัดเทศบาล",
        "กองคลัง",
    ),
    5: (
        7,
        "ประกาศเจตนารมณ์ต่อต้านการทุจริตและเพิ่มช่องทางร้องเรียน",
        [
            "ผู้บริหารประกาศเจตนารมณ์ต่อต้านการทุจริต",
            "เพิ่มช่องทางร้องเรียนออนไลน์และตู้รับเรื่องร้องเรียน",
            "รายงานสถิติเรื่องร้องเรียนรายไตรมาส",
        ],
        "สรุปผลการจัดการเรื่องร้องเรียนรายไตรมาส",
        "สำนักปลัดเทศบาล",
    ),
    6: (
        2,
        "สำรวจความพึงพอใจของผู้รับบริการและนำผลมาปรับปรุงบริการ",
        ["จัดทำแบบสำรวจความพึงพอใจ", "สรุปผลและเสนอแนวทางปรับปรุง"],
        "รายงานผลการสำรวจรายไตรมาส",
        "สำนักปลัดเทศบาล",
    ),
    7: (
        3,
        "ปรับปรุงเว็บไซต์และช่องทางการสื่อสารกับประชาชน",
        ["ปรับโครงสร้างเมนูเว็บไซต์ให้ค้นหาง่าย", "เผยแพร่ข่าวกิจกรรมทางเฟซบุ๊กอย่างน้อยสัปดาห์ละครั้ง"],
        "ตรวจสอบความเป็นปัจจุบันของเว็บไซต์ทุกเดือน",
        "สำนักปลัดเทศบาล",
    ),
    8: (
        2,
        "พัฒนาระบบรับคำร้องออนไลน์ (E-Service)",
        ["เลือกบริการที่จะเปิดรับคำร้องออนไลน์", "ทดลองใช้และประชาสัมพันธ์"],
        "รายงานจำนวนคำร้องออนไลน์รายเดือน",
        "กองช่าง",
    ),
    9: (
        3,
        "ตรวจสอบและเผยแพร่ข้อมูลตามรายการ OIT ให้ครบถ้วนและเป็นปัจจุบัน",
        ["มอบหมายผู้รับผิดชอบรายการ OIT แต่ละข้อ", "ตรวจสอบความครบถ้วนก่อนกำหนดส่ง"],
        "ตรวจรายการ OIT ทุกไตรมาส",
        "สำนักปลัดเทศบาล",
    ),
    10: (
        7,
        "จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสและรายงานผลการดำเนินการ",
        ["จัดประชุมวิเคราะห์ผลการประเมิน", "จัดทำมาตรการและเสนอผู้บริหาร", "รายงานผลการดำเนินการ"],
        "รายงานผลต่อผู้บริหารรอบ ๖ เดือนและสิ้นปี",
        "สำนักปลัดเทศบาล",
    ),
}


def _period(fy: int, index: int) -> tuple[dt.date, dt.date]:
    """Alternate whole-year measures with quarter spans, so plans look like real ones."""
    if index % 3 == 0:
        return fiscal_year_bounds(fy)
    first = 1 + index % 2
    return quarter_bounds(fy, first)[0], quarter_bounds(fy, first + 1)[1]


def seed(org: Organization, plans: dict[str, int]) -> None:
    """plans: {"2570": 2569, …} the plan's year and the assessment year it answers."""
    reporter = Membership.objects.for_org(org).filter(role="staff").first()
    if reporter is None:
        return
    today = timezone.localdate()
    for year_text, assessed in sorted(plans.items()):
        year = int(year_text)
        assessment = Assessment.objects.filter(
            organization=org, framework__fiscal_year=assessed
        ).first()
        if assessment is None or Plan.objects.filter(organization=org, fiscal_year=year).exists():
            continue
        plan = do_create_plan(
            org,
            fiscal_year=year,
            assessment=assessment,
            actor=None,
            meeting_date=fiscal_year_bounds(year)[0] + dt.timedelta(days=45),
            meeting_participants="ผู้บริหาร หัวหน้าส่วนราชการ และพนักงานเทศบาล",
        )
        _measures(plan, assessment, reporter, today)


def _measures(plan: Plan, assessment: Assessment, reporter: Membership, today: dt.date) -> None:
    org = plan.organization
    findings = (
        assessment.findings.exclude(state=Finding.State.DISCARDED)
        .select_related("indicator")
        .prefetch_related("items")
    )
    seen: set[int] = set()
    for index, finding in enumerate(findings):
        number = finding.indicator.number
        if number in seen or number not in TEMPLATES:
            continue
        seen.add(number)
        area_no, title, steps, follow_up, department_name = TEMPLATES[number]
        start, end = _period(plan.fiscal_year, index)
        if plan.fiscal_year == 2570 and len(seen) == 1:
            end = today - dt.timedelta(days=20)  # the demo's overdue measure
        if plan.fiscal_year == 2570 and len(seen) == 2:
            end = today + dt.timedelta(days=10)  # and one due soon
        start = min(start, end)
        department = Department.objects.for_org(org).filter(name=department_name).first()
        measure = do_save_measure(
            Measure(plan=plan),
            {
                "issue_area": IssueArea.objects.filter(organization=org, number=area_no).first(),
                "title": title,
                # A confirmed finding is linked; a proposal's words are copied instead.
                "finding_text": "" if finding.state == Finding.State.CONFIRMED else finding.text,
                "recommendation": finding.recommendation,
                "start_date": start,
                "end_date": end,
                "follow_up_method": follow_up,
            },
            MeasureLinks(
                departments=[department] if department else [],
                items=list(finding.items.all()),
                findings=[finding] if finding.state == Finding.State.CONFIRMED else [],
            ),
            actor=None,
        )
        for text in steps:
            do_save_step(MeasureStep(measure=measure), {"text": text}, actor=None)
        _progress(measure, start, end, reporter, today)


def _progress(
    measure: Measure, start: dt.date, end: dt.date, reporter: Membership, today: dt.date
) -> None:
    if start > today:
        return
    midway = min(today, start + (end - start) / 2)
    do_add_follow_up(
        measure,
        date=midway,
        progress=50 if end >= today else 80,
        text="ดำเนินการตามขั้นตอนแล้วบางส่วน และรายงานในที่ประชุมพนักงาน",
        evidence=EvidenceInput(links=["https://ban-tuayang.example.go.th/news/ita"]),
        actor=reporter,
    )
    if end < today - dt.timedelta(days=30):
        do_close_measure(measure, "ดำเนินการครบทุกขั้นตอน และเผยแพร่ผลบนเว็บไซต์ของเทศบาลแล้ว", actor=None)

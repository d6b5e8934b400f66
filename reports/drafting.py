"""The first draft of a memo, written from the data in the documents' own style. Staff edit
any sentence; the attachments keep rendering from the data until the memo is approved."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from assessments.models import Assessment, Framework
from assessments.models.frameworks import publication_item
from itatrack.models import Organization
from itatrack.thai import thai_date, thai_number, to_thai_digits
from measures.models import Measure, Plan
from measures.outcome import sentence as outcome_sentence
from reports.models import Attachment, Memo, MemoSection

NACC = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)"
ITA = (
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment : ITA)"
)
CABINET_2561 = (
    "มติคณะรัฐมนตรี เมื่อวันที่ ๒๓ มกราคม ๒๕๖๑ เห็นชอบให้หน่วยงานภาครัฐทุกหน่วยงาน"
    "ให้ความร่วมมือและเข้าร่วมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
    "ภาครัฐ"
)


@dataclass
class Draft:
    subject: str
    addressee: str
    closing: str
    sections: list[tuple[str, str]]
    attachments: list[Attachment]


def _year(value: int) -> str:
    return to_thai_digits(value)


def _item_phrase(framework: Framework | None, kind: str) -> str:
    item = publication_item(framework, kind) if framework else None
    return f" (ข้อ {item.code} {item.text})" if item else ""


def _addressee(org: Organization) -> str:
    return org.head_title or "ผู้บริหาร"


def analysis(org: Organization, assessment: Assessment, plan: Plan | None) -> Draft:
    year, mark = assessment.fiscal_year, assessment.framework.pass_mark
    total = assessment.total_score
    level = assessment.official_level or assessment.computed_level
    result = (
        f"ได้คะแนนรวม {thai_number(total)} คะแนน อยู่ในระดับ {level} "
        + ("ผ่านเกณฑ์" if total is not None and total >= mark else "ยังไม่ผ่านเกณฑ์")
        + f"การประเมินที่กำหนดไว้ {thai_number(mark, 0)} คะแนน"
        if total is not None
        else "ได้รับแจ้งผลการประเมินแล้ว"
    )
    weak = [
        f"ตัวชี้วัดที่ {to_thai_digits(s.indicator.number)} {s.indicator.name} "
        f"({thai_number(s.score)} คะแนน)"
        for s in assessment.indicator_scores.select_related("indicator").order_by("score")
        if s.score is not None and s.score < mark
    ]
    facts = [
        (
            "จากการวิเคราะห์ผลการประเมิน พบว่าตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์ ได้แก่ "
            + " ".join(weak)
            + " ซึ่งเป็นประเด็นที่ต้องปรับปรุงและพัฒนา"
        )
        if weak
        else "จากการวิเคราะห์ผลการประเมิน ทุกตัวชี้วัดผ่านเกณฑ์ แต่ยังมีข้อคำถามบางข้อที่ควรพัฒนาให้ดีขึ้น"
    ]
    if plan is not None:
        count = plan.measures.count()
        meeting = f"ในการประชุมเมื่อวันที่ {thai_date(plan.meeting_date)} " if plan.meeting_date else ""
        facts.append(
            f"{org.name}{meeting}ได้ร่วมกันวิเคราะห์ผลการประเมินและกำหนดมาตรการส่งเสริมคุณธรรมและ"
            f"ความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {_year(plan.fiscal_year)} "
            f"จำนวน {to_thai_digits(count)} มาตรการ โดยกำหนดผู้รับผิดชอบ ระยะเวลาดำเนินการ "
            "และการติดตามผลไว้ รายละเอียดตามสิ่งที่ส่งมาด้วย"
        )
    next_framework = (
        Framework.objects.filter(fiscal_year=plan.fiscal_year).first() if plan else None
    )
    proposal = (
        "เพื่อให้การดำเนินการเป็นไปตามหลักเกณฑ์การประเมินคุณธรรมและความโปร่งใส"
        + _item_phrase(next_framework or assessment.framework, "analysis")
        + " จึงเห็นควรเสนอผู้บริหารพิจารณาให้ความเห็นชอบมาตรการดังกล่าว ประกาศใช้ "
        "และเผยแพร่บนเว็บไซต์ของหน่วยงาน"
    )
    subject = (
        f"รายงานผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        f"ประจำปีงบประมาณ พ.ศ. {_year(year)}"
        + (
            f" และมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. "
            f"{_year(plan.fiscal_year)}"
            if plan
            else ""
        )
    )
    return Draft(
        subject=subject,
        addressee=_addressee(org),
        closing=Memo.Closing.CONSIDER,
        sections=[
            (
                "๑. เรื่องเดิม",
                f"ตามที่{NACC} ได้ดำเนิน{ITA} ประจำปีงบประมาณ พ.ศ. {_year(year)} และได้ประกาศผล"
                f"การประเมินแล้ว โดย{org.name}{result} นั้น",
            ),
            ("๒. ระเบียบ ข้อกฎหมาย และหนังสือสั่งการที่เกี่ยวข้อง", CABINET_2561),
            ("๓. ข้อเท็จจริง", "\n".join(facts)),
            ("๔. ข้อเสนอ", proposal),
        ],
        attachments=[Attachment.SCORES, Attachment.ANALYSIS]
        + ([Attachment.MEASURES] if plan else []),
    )


def results(org: Organization, plan: Plan) -> Draft:
    counts = plan.measures.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=Measure.Status.DONE)),
        doing=Count("id", filter=Q(status=Measure.Status.IN_PROGRESS)),
        waiting=Count("id", filter=Q(status=Measure.Status.NOT_STARTED)),
        cancelled=Count("id", filter=Q(status=Measure.Status.CANCELLED)),
    )
    year = _year(plan.fiscal_year)
    facts = [
        f"ขณะนี้ได้ดำเนินการแล้วเสร็จ {to_thai_digits(counts['done'])} มาตรการ "
        f"อยู่ระหว่างดำเนินการ {to_thai_digits(counts['doing'])} มาตรการ "
        f"ยังไม่เริ่มดำเนินการ {to_thai_digits(counts['waiting'])} มาตรการ"
        + (
            f" และยกเลิก {to_thai_digits(counts['cancelled'])} มาตรการ"
            if counts["cancelled"]
            else ""
        )
        + " รายละเอียดตามตารางผลการดำเนินการที่แนบมาพร้อมนี้"
    ]
    outcomes = [s for s in (outcome_sentence(m) for m in plan.measures.all()) if s]
    if outcomes:
        facts.append("ผลลัพธ์ของการดำเนินการ " + " ".join(dict.fromkeys(outcomes)))
    framework = Framework.objects.filter(fiscal_year=plan.fiscal_year).first()
    return Draft(
        subject=(
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {year}"
        ),
        addressee=_addressee(org),
        closing=Memo.Closing.INFORM,
        sections=[
            (
                "๑. เรื่องเดิม",
                f"ตามที่{org.name}ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                f"ประจำปีงบประมาณ พ.ศ. {year} จำนวน {to_thai_digits(counts['total'])} มาตรการ "
                "เพื่อนำผลการประเมินไปสู่การปฏิบัติ นั้น",
            ),
            ("๒. ข้อเท็จจริง", "\n".join(facts)),
            (
                "๓. ข้อเสนอ",
                "จึงเห็นควรรายงานผลการดำเนินการต่อผู้บริหาร และเผยแพร่บนเว็บไซต์ของหน่วยงาน"
                + _item_phrase(framework, "results"),
            ),
        ],
        attachments=[Attachment.RESULTS],
    )


def general(org: Organization) -> Draft:
    return Draft(
        subject="",
        addressee=_addressee(org),
        closing=Memo.Closing.CONSIDER,
        sections=[("๑. เรื่องเดิม", ""), ("๒. ข้อเท็จจริง", ""), ("๓. ข้อเสนอ", "")],
        attachments=[],
    )


def fresh_sections(memo: Memo) -> dict[str, str]:
    """{heading: text} as the memo's data would draft them now ({} for a general memo)."""
    if memo.kind == Memo.Kind.ANALYSIS and memo.assessment is not None:
        draft = analysis(memo.organization, memo.assessment, memo.plan)
    elif memo.kind == Memo.Kind.RESULTS and memo.plan is not None:
        draft = results(memo.organization, memo.plan)
    else:
        return {}
    return dict(draft.sections)


def stale_sections(memo: Memo) -> list[MemoSection]:
    """The sections of an editable memo whose data changed after they were drafted."""
    if not memo.editable:
        return []
    fresh = fresh_sections(memo)
    return [
        section
        for section in memo.sections.all()
        if section.drafted_text
        and section.heading in fresh
        and fresh[section.heading] != section.drafted_text
    ]

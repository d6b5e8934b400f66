"""The first draft of a memo, written from the data in the documents' own style. Staff edit
any sentence; the attachments keep rendering from the data until the memo is approved."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.models import Assessment, Framework
from assessments.models.frameworks import publication_item
from itatrack.models import Organization
from itatrack.thai import thai_date, thai_number, to_thai_digits
from measures.models import Measure, Plan
from measures.outcome import sentence as outcome_sentence
from reports.attachments import tool_scores
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


def _addressee(org: Organization) -> str:
    return org.head_title or "ผู้บริหาร"


HEADINGS = ("๑. เรื่องเดิม", "๒. ข้อเท็จจริง", "๓. ข้อพิจารณา", "๔. ข้อเสนอ")
# Listed in one sentence up to this many; beyond it, one line each, as offices set them out.
INLINE_LIST = 4


def _listing(lead: str, items: list[str], tail: str = "") -> str:
    """One sentence naming a few things, or a lead line with one numbered line per thing."""
    if len(items) <= INLINE_LIST:
        return f"{lead} {' '.join(items)}{tail}".strip()
    lines = [f"({to_thai_digits(n)}) {item}" for n, item in enumerate(items, start=1)]
    return "\n".join([f"{lead}{tail}".strip(), *lines])


def _answer_phrase(kind: str, year: int | None) -> str:
    framework = Framework.objects.filter(fiscal_year=year).first() if year else None
    item = publication_item(framework, kind) if framework else None
    if item is None:
        return ""
    return f" ตามรายการ {item.code} {item.text} ของการประเมิน ITA ประจำปี พ.ศ. {_year(year or 0)}"


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
    tools = tool_scores(assessment)
    known = [
        f"{tool} {thai_number(value)} คะแนน" for tool, value in tools.items() if value is not None
    ]
    scores = list(
        assessment.indicator_scores.select_related("indicator").order_by("indicator__number")
    )
    weak = [
        f"ตัวชี้วัดที่ {to_thai_digits(s.indicator.number)} {s.indicator.name} "
        f"({thai_number(s.score)} คะแนน)"
        for s in sorted(scores, key=lambda s: s.score or 0)
        if s.score is not None and s.score < mark
    ]
    facts = []
    if known:
        facts.append(f"ผลคะแนนแยกตามเครื่องมือการประเมิน ได้แก่ {' '.join(known)}")
    facts.append(
        _listing(
            f"ตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์ {to_thai_digits(len(weak))} ตัวชี้วัด ได้แก่",
            weak,
        )
        if weak
        else "ทุกตัวชี้วัดได้คะแนนผ่านเกณฑ์ แต่ยังมีข้อคำถามบางข้อที่ควรพัฒนาให้ดีขึ้น"
    )
    if plan is not None:
        count = plan.measures.count()
        meeting = f"ในการประชุมเมื่อวันที่ {thai_date(plan.meeting_date)} " if plan.meeting_date else ""
        facts.append(
            f"{org.name}{meeting}ได้ร่วมกันวิเคราะห์ผลการประเมินและกำหนดมาตรการส่งเสริมคุณธรรมและ"
            f"ความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {_year(plan.fiscal_year)} "
            f"จำนวน {to_thai_digits(count)} มาตรการ โดยกำหนดผู้รับผิดชอบ ระยะเวลาดำเนินการ "
            "และการติดตามผลไว้ รายละเอียดตามสิ่งที่ส่งมาด้วย"
        )
    consider = "เพื่อให้การดำเนินงานของหน่วยงานเป็นไปด้วยความโปร่งใสและยกระดับผลการประเมินในปีต่อไป " + (
        "เห็นควรให้ทุกส่วนราชการดำเนินการตามมาตรการดังกล่าว และรายงานผลการดำเนินการต่อผู้บริหาร"
        if plan is not None
        else "เห็นควรกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานในประเด็นข้างต้น "
        "พร้อมผู้รับผิดชอบและระยะเวลาดำเนินการ"
    )
    answer_year = plan.fiscal_year if plan else year + 1
    proposal = (
        f"จึงเห็นควรเสนอ{_addressee(org)}พิจารณาให้ความเห็นชอบ"
        + ("มาตรการดังกล่าว ประกาศใช้ " if plan else "ผลการวิเคราะห์ ")
        + "และเผยแพร่บนเว็บไซต์ของหน่วยงาน"
        + _answer_phrase("analysis", answer_year)
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
                HEADINGS[0],
                f"ตามที่{NACC} ได้ดำเนิน{ITA} ประจำปีงบประมาณ พ.ศ. {_year(year)} ตาม{CABINET_2561} "
                f"และได้ประกาศผลการประเมินแล้ว โดย{org.name}{result} นั้น",
            ),
            (HEADINGS[1], "\n".join(facts)),
            (HEADINGS[2], consider),
            (HEADINGS[3], proposal),
        ],
        attachments=[Attachment.SCORES, Attachment.ANALYSIS]
        + ([Attachment.MEASURES] if plan else []),
    )


def progress_counts(plan: Plan) -> dict[str, int]:
    """Measures by how far they went, as their follow-ups say: a measure whose latest report
    is 100 % is done even when nobody closed it."""
    counts = {"total": 0, "done": 0, "doing": 0, "waiting": 0, "cancelled": 0}
    for measure in plan.measures.prefetch_related("follow_ups"):
        counts["total"] += 1
        latest = max(measure.follow_ups.all(), key=lambda f: (f.date, f.pk), default=None)
        if measure.status == Measure.Status.CANCELLED:
            counts["cancelled"] += 1
        elif measure.status == Measure.Status.DONE or (latest and latest.progress >= 100):
            counts["done"] += 1
        elif measure.status == Measure.Status.IN_PROGRESS or latest is not None:
            counts["doing"] += 1
        else:
            counts["waiting"] += 1
    return counts


def _progress_sentence(counts: dict[str, int]) -> str:
    n = to_thai_digits
    if counts["total"] and counts["done"] == counts["total"]:
        return f"ดำเนินการแล้วเสร็จครบทั้ง {n(counts['total'])} มาตรการ"
    parts = [
        f"{label} {n(counts[key])} มาตรการ"
        for key, label in (
            ("done", "ดำเนินการแล้วเสร็จ"),
            ("doing", "อยู่ระหว่างดำเนินการ"),
            ("waiting", "ยังไม่เริ่มดำเนินการ"),
            ("cancelled", "ยกเลิก"),
        )
        if counts[key]
    ]
    if len(parts) > 1:
        parts[-1] = "และ" + parts[-1]
    return f"จากมาตรการทั้งหมด {n(counts['total'])} มาตรการ " + " ".join(parts)


def results(org: Organization, plan: Plan) -> Draft:
    counts = progress_counts(plan)
    year = _year(plan.fiscal_year)
    facts = [
        f"{org.name}ได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        f"ประจำปีงบประมาณ พ.ศ. {year} {_progress_sentence(counts)} "
        "รายละเอียดตามตารางผลการดำเนินการที่แนบมาพร้อมนี้"
    ]
    outcomes = list(
        dict.fromkeys(s for s in (outcome_sentence(m) for m in plan.measures.all()) if s)
    )
    if outcomes:
        facts.append(_listing("ผลลัพธ์ของการดำเนินการ", outcomes))
    unfinished = counts["doing"] + counts["waiting"]
    consider = (
        "การดำเนินการตามมาตรการเป็นไปตามที่กำหนดไว้ ทำให้หน่วยงานมีการดำเนินงานที่โปร่งใส "
        "ตรวจสอบได้ เห็นควรนำผลการดำเนินการไปใช้ในการจัดทำมาตรการของปีต่อไป"
        if not unfinished
        else f"ยังมีมาตรการที่ต้องดำเนินการต่อ {to_thai_digits(unfinished)} มาตรการ "
        "เห็นควรให้ผู้รับผิดชอบเร่งดำเนินการและรายงานผลให้ทราบ "
        "และนำผลการดำเนินการไปใช้ในการจัดทำมาตรการของปีต่อไป"
    )
    return Draft(
        subject=(
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {year}"
        ),
        addressee=_addressee(org),
        closing=Memo.Closing.INFORM,
        sections=[
            (
                HEADINGS[0],
                f"ตามที่{org.name}ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                f"ประจำปีงบประมาณ พ.ศ. {year} จำนวน {to_thai_digits(counts['total'])} มาตรการ "
                "เพื่อนำผลการประเมินคุณธรรมและความโปร่งใสไปสู่การปฏิบัติ นั้น",
            ),
            (HEADINGS[1], "\n".join(facts)),
            (HEADINGS[2], consider),
            (
                HEADINGS[3],
                f"จึงเห็นควรรายงานผลการดำเนินการต่อ{_addressee(org)} และเผยแพร่บนเว็บไซต์ของหน่วยงาน"
                + _answer_phrase("results", plan.fiscal_year + 1),
            ),
        ],
        attachments=[Attachment.RESULTS],
    )


def general(org: Organization) -> Draft:
    return Draft(
        subject="",
        addressee=_addressee(org),
        closing=Memo.Closing.CONSIDER,
        sections=[(heading, "") for heading in HEADINGS],
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

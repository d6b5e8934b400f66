"""Findings the app proposes from a result: weak indicators and questions, failed OIT items.

An indicator below the pass mark, or below its score of last year, is an urgent weakness
(จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน); one at or above it that still has questions below the mark or
below last year is something to improve. Every failed OIT item is urgent: it scores nothing.
The text is a draft in the documents' style, edited by staff.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.models import Assessment, Finding, Indicator, Item, Tool
from itatrack.thai import thai_number, to_thai_digits

MAX_ITEMS_NAMED = 6


@dataclass
class Proposal:
    indicator: Indicator
    kind: str
    text: str
    recommendation: str
    items: list[Item] = field(default_factory=list)


def _recommendation(assessment: Assessment, tool: str) -> str:
    by_tool: dict[str, str] = {
        Tool.IIT: assessment.recommendation_iit,
        Tool.EIT: assessment.recommendation_eit,
        Tool.OIT: assessment.recommendation_oit,
    }
    return by_tool[tool]


def _score_text(value: Decimal) -> str:
    return thai_number(value, 2)


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The organisation's latest assessment of an earlier fiscal year."""
    return (
        Assessment.objects.for_org(assessment.organization)
        .filter(framework__fiscal_year__lt=assessment.fiscal_year)
        .order_by("-framework__fiscal_year")
        .first()
    )


def _previous_scores(
    previous: Assessment | None,
) -> tuple[dict[int, Decimal], dict[str, Decimal]]:
    """Last year's indicator scores by number and question scores by code: frameworks change
    their rows from year to year, their numbers and codes are what carries over."""
    if previous is None:
        return {}, {}
    indicators = {
        s.indicator.number: s.score
        for s in previous.indicator_scores.select_related("indicator")
        if s.score is not None
    }
    items = {
        s.item.code: s.score
        for s in previous.item_scores.select_related("item").filter(score__isnull=False)
    }
    return indicators, items


def propose(assessment: Assessment) -> list[Proposal]:
    """A weakness for every indicator below the pass mark or below last year, naming its
    questions below the mark or below last year; an improvement for a passing indicator with
    such questions; and every failed OIT item."""
    framework = assessment.framework
    mark = framework.pass_mark
    indicator_scores = {s.indicator_id: s.score for s in assessment.indicator_scores.all()}
    previous = previous_assessment(assessment)
    before_indicator, before_item = _previous_scores(previous)
    weak: dict[int, list[tuple[Item, Decimal]]] = defaultdict(list)
    failed: dict[int, list[tuple[Item, str]]] = defaultdict(list)
    for score in assessment.item_scores.select_related("item", "item__indicator"):
        item = score.item
        if item.is_pass_fail:
            if score.passed is False:
                failed[item.indicator_id].append((item, score.remark))
        elif score.score is not None and (
            score.score < mark or score.score < before_item.get(item.code, score.score)
        ):
            weak[item.indicator_id].append((item, score.score))

    proposals = []
    for indicator in framework.indicators.all():
        label = _("ตัวชี้วัดที่ %(no)s %(name)s") % {
            "no": to_thai_digits(indicator.number),
            "name": indicator.name,
        }
        recommendation = _recommendation(assessment, indicator.tool)
        rows = sorted(weak.get(indicator.pk, []), key=lambda pair: pair[1])
        ind_score = indicator_scores.get(indicator.pk)
        last_year = before_indicator.get(indicator.number)
        if text := _indicator_text(label, ind_score, last_year, mark, rows, before_item):
            # Below the mark is urgent; a pass that fell from last year is to improve.
            below = ind_score is not None and ind_score < mark
            proposals.append(
                Proposal(
                    indicator=indicator,
                    kind=Finding.Kind.URGENT if below else Finding.Kind.IMPROVE,
                    text=text,
                    recommendation=recommendation,
                    items=[item for item, _score in rows],
                )
            )
        if failed.get(indicator.pk):
            failures = failed[indicator.pk]
            named = "; ".join(
                f"{item.code} {_short(item.wording)}" + (f" ({remark})" if remark else "")
                for item, remark in failures
            )
            proposals.append(
                Proposal(
                    indicator=indicator,
                    kind=Finding.Kind.URGENT,
                    text=_("%(label)s ไม่ผ่าน %(n)s รายการ: %(named)s")
                    % {"label": label, "n": to_thai_digits(len(failures)), "named": named},
                    recommendation=recommendation,
                    items=[item for item, _remark in failures],
                )
            )
    return proposals


def _fell(score: Decimal, last_year: Decimal | None) -> bool:
    return last_year is not None and score < last_year


def _indicator_text(
    label: str,
    score: Decimal | None,
    last_year: Decimal | None,
    mark: Decimal,
    rows: list[tuple[Item, Decimal]],
    before_item: dict[str, Decimal],
) -> str:
    """The proposal's wording for one indicator, or "" when there is nothing to say."""
    below = score is not None and score < mark
    fell = score is not None and _fell(score, last_year)
    if not (below or fell or rows):
        return ""
    parts = [label]
    if score is not None:
        parts.append(_("ได้ %(score)s คะแนน") % {"score": _score_text(score)})
        if below:
            parts.append(_("ต่ำกว่าเกณฑ์ %(mark)s คะแนน") % {"mark": thai_number(mark, 0)})
        else:
            parts.append(_("ผ่านเกณฑ์ %(mark)s คะแนน") % {"mark": thai_number(mark, 0)})
        if fell and last_year is not None:
            parts.append(
                _("ลดลงจากปีก่อน (%(before)s คะแนน) %(drop)s คะแนน")
                % {"before": _score_text(last_year), "drop": _score_text(last_year - score)}
            )
    if rows:
        named = "; ".join(_item_text(item, value, mark, before_item) for item, value in rows)
        if score is not None and not below and not fell:
            parts.append(_("แต่ยังมีข้อที่ต่ำกว่าเกณฑ์หรือลดลง: %(named)s") % {"named": named})
        else:
            parts.append(_("ข้อที่ต่ำกว่าเกณฑ์หรือลดลง: %(named)s") % {"named": named})
    return " ".join(parts)


def _item_text(item: Item, value: Decimal, mark: Decimal, before_item: dict[str, Decimal]) -> str:
    text = _("ข้อ %(code)s %(text)s ได้ %(score)s คะแนน") % {
        "code": item.code,
        "text": _short(item.text),
        "score": _score_text(value),
    }
    before = before_item.get(item.code)
    if value >= mark and before is not None and value < before:
        text += _(" (ปีก่อน %(before)s)") % {"before": _score_text(before)}
    return text


def why_nothing(assessment: Assessment) -> str:
    """Why a request for proposals made none: said, never a silent 'nothing to propose'."""
    framework = assessment.framework
    mark = thai_number(framework.pass_mark, 0)
    proposals = propose(assessment)
    if proposals:
        numbers = sorted({p.indicator.number for p in proposals})
        settled = [to_thai_digits(n) for n in numbers]
        return _(
            "ตัวชี้วัดที่ต้องเสนอ (ตัวชี้วัดที่ %(numbers)s) มีข้อค้นพบประเภทเดียวกันที่ยืนยันหรือนำออกแล้ว ระบบจึงไม่เสนอซ้ำ"
        ) % {"numbers": ", ".join(settled)}
    if not assessment.indicator_scores.filter(score__isnull=False).exists():
        return _("ยังไม่มีคะแนนรายตัวชี้วัด กรุณาบันทึกหรือนำเข้าคะแนนก่อน แล้วให้ระบบเสนออีกครั้ง")
    return _(
        "ทุกตัวชี้วัดได้คะแนนตั้งแต่ %(mark)s คะแนนขึ้นไปและไม่ลดลงจากปีก่อน "
        "และไม่มีข้อคำถามหรือรายการ OIT ที่ต่ำกว่าเกณฑ์ จึงไม่มีข้อค้นพบที่จะเสนอ"
        " ท่านเพิ่มจุดแข็งหรือประเด็นที่ต้องพัฒนาเองได้"
    ) % {"mark": mark}


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

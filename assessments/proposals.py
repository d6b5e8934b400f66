"""Findings the app proposes from a result: weak questions per indicator, failed OIT items.

An indicator below the pass mark is an urgent weakness (จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน); one at or
above it that still has questions below the mark is something to improve. Every failed OIT item
is urgent: it scores nothing. The text is a draft in the documents' style, edited by staff.
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


def propose(assessment: Assessment) -> list[Proposal]:
    framework = assessment.framework
    mark = framework.pass_mark
    indicator_scores = {s.indicator_id: s.score for s in assessment.indicator_scores.all()}
    weak: dict[int, list[tuple[Item, Decimal]]] = defaultdict(list)
    failed: dict[int, list[tuple[Item, str]]] = defaultdict(list)
    for score in assessment.item_scores.select_related("item", "item__indicator"):
        item = score.item
        if item.is_pass_fail:
            if score.passed is False:
                failed[item.indicator_id].append((item, score.remark))
        elif score.score is not None and score.score < mark:
            weak[item.indicator_id].append((item, score.score))

    proposals = []
    for indicator in framework.indicators.all():
        label = _("ตัวชี้วัดที่ %(no)s %(name)s") % {
            "no": to_thai_digits(indicator.number),
            "name": indicator.name,
        }
        recommendation = _recommendation(assessment, indicator.tool)
        if weak.get(indicator.pk):
            rows = sorted(weak[indicator.pk], key=lambda pair: pair[1])
            named = "; ".join(
                _("ข้อ %(code)s %(text)s ได้ %(score)s คะแนน")
                % {"code": item.code, "text": _short(item.text), "score": _score_text(score)}
                for item, score in rows[:MAX_ITEMS_NAMED]
            )
            ind_score = indicator_scores.get(indicator.pk)
            below = ind_score is not None and ind_score < mark
            kind = Finding.Kind.URGENT if below else Finding.Kind.IMPROVE
            if ind_score is None:
                text = _("%(label)s ข้อที่ต่ำกว่าเกณฑ์: %(named)s")
            elif below:
                text = _(
                    "%(label)s ได้ %(score)s คะแนน ต่ำกว่าเกณฑ์ %(mark)s คะแนน ข้อที่ต่ำกว่าเกณฑ์: %(named)s"
                )
            else:
                text = _(
                    "%(label)s ได้ %(score)s คะแนน ผ่านเกณฑ์ %(mark)s คะแนน "
                    "แต่ยังมีข้อที่ต่ำกว่าเกณฑ์: %(named)s"
                )
            values = {"label": label, "named": named, "mark": thai_number(mark, 0)}
            if ind_score is not None:
                values["score"] = _score_text(ind_score)
            proposals.append(
                Proposal(
                    indicator=indicator,
                    kind=kind,
                    text=text % values,
                    recommendation=recommendation,
                    items=[item for item, _score in rows],
                )
            )
        if failed.get(indicator.pk):
            failures = failed[indicator.pk]
            named = "; ".join(
                f"{item.code} {_short(item.text)}" + (f" ({remark})" if remark else "")
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


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""A year's result as typed or imported, before it is saved: the one shape the grid and the
import both produce, so that both give the same assessment.

Keys are the codes the import template uses: TOTAL, LEVEL, IIT/EIT/OIT, IND1…IND10, and the
framework's question and item codes (I1, E5, O42).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from assessments.models import Framework, Item, Tool
from assessments.scoring import DerivedToolScore, tool_scores_from_indicators, total_score
from itatrack.thai import screen_digits, to_arabic_digits

SUMMARY_CODES = ("TOTAL", "LEVEL", *Tool.values)
PASS_WORDS = {"ผ่าน": True, "pass": True, "p": True, "1": True, "/": True, "✓": True}
FAIL_WORDS = {"ไม่ผ่าน": False, "fail": False, "f": False, "0": False, "x": False, "✗": False}


class ScoreError(ValueError):
    """A value that cannot be a score; the message is Thai and names the value."""


def parse_score(raw: Any) -> Decimal | None:
    """ "๘๕.๑๕", " 85.15 ", 92 → Decimal with two places; "" → None; anything else a ScoreError."""
    if raw is None:
        return None
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        text = str(raw)
    else:
        text = re.sub(r"\s+", "", to_arabic_digits(str(raw)))
    if text == "":
        return None
    if text.startswith("="):
        raise ScoreError(_("มีสูตร (%(value)s) กรุณาวางเป็นค่าตัวเลข") % {"value": text[:30]})
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ScoreError(_("'%(value)s' ไม่ใช่ตัวเลข") % {"value": str(raw)[:30]}) from None
    if not value.is_finite() or value < 0 or value > 100:
        raise ScoreError(_("คะแนน %(value)s อยู่นอกช่วง ๐–๑๐๐") % {"value": text[:30]})
    if value != value.quantize(Decimal("0.01")):
        raise ScoreError(_("คะแนน %(value)s มีทศนิยมเกิน ๒ ตำแหน่ง") % {"value": text})
    return value.quantize(Decimal("0.01"))


def parse_passed(raw: Any) -> bool | None:
    text = re.sub(r"\s+", "", str(raw or "")).lower()
    if text == "":
        return None
    if text in PASS_WORDS:
        return PASS_WORDS[text]
    if text in FAIL_WORDS:
        return FAIL_WORDS[text]
    raise ScoreError(_("'%(value)s' ต้องเป็น ผ่าน หรือ ไม่ผ่าน") % {"value": str(raw)[:30]})


@dataclass
class ItemValue:
    score: Decimal | None = None
    passed: bool | None = None
    remark: str = ""


@dataclass
class ScoreSheet:
    total: Decimal | None = None
    level: str = ""
    tools: dict[str, Decimal | None] = field(default_factory=dict)
    indicators: dict[int, Decimal | None] = field(default_factory=dict)
    items: dict[str, ItemValue] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """For keeping an import preview in the session until it is confirmed."""

        def dec(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "total": dec(self.total),
            "level": self.level,
            "tools": {k: dec(v) for k, v in self.tools.items()},
            "indicators": {str(k): dec(v) for k, v in self.indicators.items()},
            "items": {code: [dec(v.score), v.passed, v.remark] for code, v in self.items.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScoreSheet:
        def dec(value: str | None) -> Decimal | None:
            return None if value is None else Decimal(value)

        return cls(
            total=dec(data["total"]),
            level=data["level"],
            tools={k: dec(v) for k, v in data["tools"].items()},
            indicators={int(k): dec(v) for k, v in data["indicators"].items()},
            items={
                code: ItemValue(dec(score), passed, remark)
                for code, (score, passed, remark) in data["items"].items()
            },
        )


def check_level(framework: Framework, raw: Any) -> str:
    level = re.sub(r"\s+", "", str(raw or "")).upper()
    if level and not framework.bands.filter(level=level).exists():
        raise ScoreError(_("ระดับ '%(value)s' ไม่มีในกรอบการประเมิน") % {"value": level[:10]})
    return level


def item_value(item: Item, score: Any, passed: Any, remark: Any) -> ItemValue:
    """Validate one question or item: OIT items carry pass/fail, the others a score."""
    if item.is_pass_fail:
        return ItemValue(passed=parse_passed(passed), remark=str(remark or "").strip())
    return ItemValue(score=parse_score(score), remark=str(remark or "").strip())


# Scores are typed with two decimals, so a weighted sum of them may be off by a rounding step;
# anything further apart than this is a typing slip worth a look.
TOLERANCE = Decimal("0.05")


def _tools_for_total(
    sheet: ScoreSheet, derived: dict[str, DerivedToolScore]
) -> dict[str, Decimal | None]:
    """The typed tool scores, with a blank one taken from its indicators where it can be."""
    return {
        tool: sheet.tools.get(tool)
        if sheet.tools.get(tool) is not None
        else (derived[tool].score if tool in derived else None)
        for tool in Tool.values
    }


def warnings(framework: Framework, sheet: ScoreSheet) -> list[str]:
    """Things worth a second look that do not stop saving: NACC's figure is what counts."""
    found = []
    derived_tools = tool_scores_from_indicators(framework, sheet.indicators)
    for tool, derived in derived_tools.items():
        typed = sheet.tools.get(tool)
        if typed is not None and abs(typed - derived.score) > TOLERANCE:
            message = _(
                "คะแนน %(tool)s ที่กรอก (%(typed)s) ต่างจากคะแนนที่คำนวณจากตัวชี้วัด (%(derived)s)"
            ) % {
                "tool": tool,
                "typed": screen_digits(typed),
                "derived": screen_digits(derived.score),
            }
            if derived.equal_weights:
                message += " " + _("โดยถือว่าทุกตัวชี้วัดมีน้ำหนักเท่ากัน เพราะกรอบปีนี้ยังไม่มีน้ำหนักตัวชี้วัด")
            found.append(message)
    weighted = total_score(framework, _tools_for_total(sheet, derived_tools))
    if sheet.total is not None and weighted is not None and abs(weighted - sheet.total) > TOLERANCE:
        found.append(
            _("คะแนนรวม %(total)s ต่างจากผลรวมถ่วงน้ำหนักของเครื่องมือ (%(weighted)s)")
            % {"total": screen_digits(sheet.total), "weighted": screen_digits(weighted)}
        )
    if sheet.total is not None and weighted is None and framework.weights is None:
        found.append(
            _(
                "ตรวจคะแนนรวม %(total)s กับคะแนนรายเครื่องมือไม่ได้ เพราะกรอบการประเมินปี %(year)s "
                "ยังไม่มีน้ำหนักของเครื่องมือ IIT/EIT/OIT (ผู้ดูแลระบบกำหนดได้ที่หน้ากรอบการประเมิน)"
            )
            % {
                "total": screen_digits(sheet.total),
                "year": screen_digits(framework.fiscal_year),
            }
        )
    found += _questions_against_indicators(framework, sheet)
    computed = framework.level_for(sheet.total)
    if sheet.level and computed and sheet.level != computed:
        found.append(
            _("ระดับที่ประกาศ (%(official)s) ไม่ตรงกับระดับตามช่วงคะแนน (%(computed)s)")
            % {"official": sheet.level, "computed": computed}
        )
    return found


# An indicator this far from the mean of its questions' scores is worth a second look (an
# indicator of 70.00 whose questions average 88.52 was typed wrong).
QUESTION_GAP = Decimal(5)


def _questions_against_indicators(framework: Framework, sheet: ScoreSheet) -> list[str]:
    scored: dict[int, list[Decimal]] = {}
    if not sheet.items:
        return []
    numbers = dict(framework.items.values_list("code", "indicator__number"))
    for code, value in sheet.items.items():
        if value.score is not None and code in numbers:
            scored.setdefault(numbers[code], []).append(value.score)
    found = []
    for number, scores in sorted(scored.items()):
        typed = sheet.indicators.get(number)
        if typed is None or len(scores) < 2:
            continue
        mean = (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01"))
        if abs(typed - mean) > QUESTION_GAP:
            found.append(
                _(
                    "คะแนนตัวชี้วัดที่ %(n)s (%(typed)s) ต่างจากค่าเฉลี่ยของข้อคำถาม %(count)s ข้อ "
                    "(%(mean)s) มาก ตรวจว่ากรอกถูกหรือไม่"
                )
                % {
                    "n": screen_digits(number),
                    "typed": screen_digits(typed),
                    "count": screen_digits(len(scores)),
                    "mean": screen_digits(mean),
                }
            )
    return found


def fill_blanks(framework: Framework, sheet: ScoreSheet) -> list[str]:
    """An imported file with a tool score or the total left blank: fill what the year's
    weights allow, and say what was filled and what is still missing."""
    said = []
    derived = tool_scores_from_indicators(framework, sheet.indicators)
    for tool in Tool.values:
        if sheet.tools.get(tool) is None and tool in derived:
            sheet.tools[tool] = derived[tool].score
            said.append(
                _("คะแนน %(tool)s ว่างในไฟล์ ระบบคำนวณจากตัวชี้วัดได้ %(score)s")
                % {"tool": tool, "score": screen_digits(derived[tool].score)}
            )
    if sheet.total is not None:
        return said
    tools = _tools_for_total(sheet, derived)
    total = total_score(framework, tools)
    if total is not None:
        sheet.total = total
        said.append(
            _("คะแนนรวมว่างในไฟล์ ระบบคำนวณจากคะแนนเครื่องมือตามน้ำหนักของปี %(year)s ได้ %(total)s")
            % {"year": screen_digits(framework.fiscal_year), "total": screen_digits(total)}
        )
        return said
    if framework.weights is None:
        why = _("ยังไม่ทราบน้ำหนักของเครื่องมือ IIT/EIT/OIT ของปี %(year)s") % {
            "year": screen_digits(framework.fiscal_year)
        }
    else:
        why = _("ยังไม่มีคะแนน %(tools)s") % {
            "tools": ", ".join(tool for tool, score in tools.items() if score is None)
        }
    said.append(
        _("ไม่มีคะแนนรวมในไฟล์ และคำนวณไม่ได้เพราะ%(why)s กรุณากรอกคะแนนรวมตามที่ ป.ป.ช. ประกาศ")
        % {"why": why}
    )
    return said

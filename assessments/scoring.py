"""Scores computed under a year's rules: an OIT tool score from each item's pass or fail, and a
total from the three tool scores with the year's tool weights.

An OIT indicator scores the share of its items that pass (0–100); the OIT score is the
indicators' scores weighted by their weight within the tool. Where the framework data has no
indicator weights for the year, every indicator counts the same, and the result says so: the
caller shows it as an assumption, never as NACC's figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assessments.models import Framework, Indicator, Item, Tool

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorPart:
    indicator: Indicator
    passed: int
    items: int
    weight: Decimal

    @property
    def exact(self) -> Decimal:
        return HUNDRED * self.passed / self.items if self.items else Decimal(0)

    @property
    def score(self) -> Decimal:
        """Rounded for showing; the tool score is computed from the exact shares."""
        return rounded(self.exact)


@dataclass(frozen=True)
class OitScore:
    score: Decimal
    parts: list[IndicatorPart]
    passed: int
    items: int
    equal_weights: bool  # the year's data has no indicator weights: each counts the same


def oit_score(
    framework: Framework, passed: Mapping[str, bool], items: Iterable[Item] | None = None
) -> OitScore:
    """The OIT score if exactly the items whose code maps to True pass (others fail)."""
    items = list(items) if items is not None else list(oit_items(framework))
    indicators: dict[int, Indicator] = {}
    counts: dict[int, list[int]] = {}
    for item in items:
        indicators.setdefault(item.indicator_id, item.indicator)
        tally = counts.setdefault(item.indicator_id, [0, 0])
        tally[0] += bool(passed.get(item.code))
        tally[1] += 1
    weights = [indicator.weight for indicator in indicators.values()]
    equal = not weights or any(w is None for w in weights) or sum(w for w in weights if w) == 0
    parts = [
        IndicatorPart(
            indicator=indicator,
            passed=counts[pk][0],
            items=counts[pk][1],
            weight=Decimal(1) if equal else Decimal(indicator.weight or 0),
        )
        for pk, indicator in sorted(indicators.items(), key=lambda kv: kv[1].number)
    ]
    total_weight = sum((part.weight for part in parts), Decimal(0))
    score = (
        rounded(sum((part.weight * part.exact for part in parts), Decimal(0)) / total_weight)
        if total_weight
        else Decimal(0)
    )
    return OitScore(
        score=score,
        parts=parts,
        passed=sum(part.passed for part in parts),
        items=sum(part.items for part in parts),
        equal_weights=equal,
    )


def oit_items(framework: Framework):
    return framework.items.active().filter(indicator__tool=Tool.OIT).select_related("indicator")


def total_score(framework: Framework, tools: Mapping[str, Decimal | None]) -> Decimal | None:
    """The total from the IIT, EIT and OIT scores with the year's tool weights; None while a
    weight or a score is unknown."""
    weights = framework.weights
    if weights is None or any(tools.get(tool) is None for tool in weights):
        return None
    return rounded(
        sum((weights[tool] * Decimal(tools[tool] or 0) for tool in weights), Decimal(0)) / HUNDRED
    )


@dataclass(frozen=True)
class DerivedToolScore:
    tool: str
    score: Decimal
    equal_weights: bool  # the year's data has no indicator weights for this tool


def tool_scores_from_indicators(
    framework: Framework, indicator_scores: Mapping[int, Decimal | None]
) -> dict[str, DerivedToolScore]:
    """Each tool's score from its indicators' scores, weighted by the year's indicator weights
    (or equally where the year has none). A tool with an indicator still blank is left out:
    a part-sum would look like a real score."""
    by_tool: dict[str, list[Indicator]] = {}
    for indicator in framework.indicators.all():
        by_tool.setdefault(indicator.tool, []).append(indicator)
    derived = {}
    for tool, indicators in by_tool.items():
        scores = [indicator_scores.get(indicator.number) for indicator in indicators]
        if any(score is None for score in scores):
            continue
        weights = [indicator.weight for indicator in indicators]
        equal = any(w is None for w in weights) or sum(w for w in weights if w) == 0
        used = [Decimal(1) if equal else Decimal(w or 0) for w in weights]
        weighted = sum((w * Decimal(s or 0) for w, s in zip(used, scores, strict=True)), Decimal(0))
        derived[tool] = DerivedToolScore(tool, rounded(weighted / sum(used)), equal)
    return derived

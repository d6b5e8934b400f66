"""What a measure's linked indicators did in the following year's assessment, and the sentence
documents write about it ("ในปี พ.ศ. ๒๕๖๘ … มีคะแนนในตัวชี้วัดที่ ๔ … ซึ่งเพิ่มขึ้นจากปี …")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.models import Assessment, IndicatorScore
from itatrack.thai import thai_number, to_thai_digits
from measures.models import Measure


@dataclass
class IndicatorChange:
    number: int
    name: str
    before: Decimal | None
    after: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def score_words(value: Decimal | None) -> str:
    """๑๐๐ rather than ๑๐๐.๐๐, as the documents write whole scores; "-" without one."""
    if value is None:
        return "-"
    return thai_number(value, 0 if value == value.to_integral() else 2)


def linked_indicators(measure: Measure) -> list[int]:
    numbers = {item.indicator.number for item in measure.items.select_related("indicator")}
    numbers |= {f.indicator.number for f in measure.findings.select_related("indicator")}
    return sorted(numbers)


def _scores(assessment: Assessment | None) -> dict[int, tuple[str, Decimal | None]]:
    if assessment is None:
        return {}
    return {
        s.indicator.number: (s.indicator.name, s.score)
        for s in IndicatorScore.objects.filter(assessment=assessment).select_related("indicator")
    }


def next_assessment(measure: Measure) -> Assessment | None:
    """The assessment of the plan's own year: it measures what the plan's measures did."""
    plan = measure.plan
    return Assessment.objects.filter(
        organization_id=plan.organization_id, framework__fiscal_year=plan.fiscal_year
    ).first()


def changes(measure: Measure) -> list[IndicatorChange]:
    after_assessment = next_assessment(measure)
    if after_assessment is None:
        return []
    before, after = _scores(measure.plan.assessment), _scores(after_assessment)
    rows = []
    for number in linked_indicators(measure):
        name = (after.get(number) or before.get(number) or ("", None))[0]
        rows.append(
            IndicatorChange(
                number, name, before.get(number, ("", None))[1], after.get(number, ("", None))[1]
            )
        )
    return rows


def sentence(measure: Measure) -> str:
    """The outcome sentence, or "" while the next assessment is not in."""
    plan = measure.plan
    rows = [row for row in changes(measure) if row.after is not None]
    if not rows:
        return ""
    year = to_thai_digits(plan.fiscal_year)
    before_year = to_thai_digits(plan.assessment.fiscal_year) if plan.assessment else ""
    parts = []
    for row in rows:
        head = _("ตัวชี้วัดที่ %(no)s %(name)s %(score)s คะแนน") % {
            "no": to_thai_digits(row.number),
            "name": row.name,
            "score": score_words(row.after),
        }
        if row.change is None:
            parts.append(head)
        elif row.change > 0:
            parts.append(
                _("%(head)s ซึ่งเพิ่มขึ้นจากปี %(year)s ที่ได้ %(before)s คะแนน")
                % {"head": head, "year": before_year, "before": score_words(row.before)}
            )
        elif row.change < 0:
            parts.append(
                _("%(head)s ซึ่งลดลงจากปี %(year)s ที่ได้ %(before)s คะแนน")
                % {"head": head, "year": before_year, "before": score_words(row.before)}
            )
        else:
            parts.append(_("%(head)s เท่ากับปี %(year)s") % {"head": head, "year": before_year})
    return _("ในปี พ.ศ. %(year)s %(org)s มีคะแนนใน%(parts)s") % {
        "year": year,
        "org": plan.organization.name,
        "parts": " และ".join(parts),
    }

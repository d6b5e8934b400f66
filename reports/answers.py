"""The OIT item a memo answers. A body publishes its measures memo and its results report as
items of the ITA year they are assessed in, which is not the year of the plan: the results
report on the plan of year N is read by ITA N+1's results item; the analysis of ITA N-1 with
the measures for year N, by ITA N's measures item. The memo carries its own choice; these are
the defaults and the choices offered."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.models import Framework, Item, Tool
from assessments.models.frameworks import publication_item
from itatrack.thai import to_thai_digits
from reports.models import Memo


@dataclass(frozen=True)
class Answer:
    year: int | None
    item: Item | None

    @property
    def label(self) -> str:
        if self.year is None:
            return ""
        year = f"ITA {to_thai_digits(self.year)}"
        if self.item is None:
            return year
        return f"{year} {self.item.code} {self.item.wording}".strip()


def default_year(memo: Memo) -> int | None:
    if memo.kind == Memo.Kind.RESULTS and memo.plan is not None:
        return memo.plan.fiscal_year + 1
    if memo.kind == Memo.Kind.ANALYSIS:
        if memo.plan is not None:
            return memo.plan.fiscal_year
        if memo.assessment is not None:
            return memo.assessment.fiscal_year + 1
    return None


def default_answer(memo: Memo) -> Answer:
    year = default_year(memo)
    framework = Framework.objects.filter(fiscal_year=year).first() if year else None
    item = publication_item(framework, memo.kind) if framework else None
    return Answer(year, item)


def answer(memo: Memo) -> Answer:
    """The memo's own choice; a memo that never chose (drafted before it could) takes the
    default."""
    if memo.oit_year is None:
        return default_answer(memo)
    item = (
        Item.objects.filter(framework__fiscal_year=memo.oit_year, code=memo.oit_code).first()
        if memo.oit_code
        else None
    )
    return Answer(memo.oit_year, item)


def choices(memo: Memo) -> list[tuple[str, str]]:
    """ "year:code" choices: the OIT items of the default year and the years either side."""
    around = default_year(memo) or (memo.oit_year or 0)
    years = sorted({y for y in (around - 1, around, around + 1, memo.oit_year) if y}, reverse=True)
    items = (
        Item.objects.active()
        .filter(framework__fiscal_year__in=years, indicator__tool=Tool.OIT)
        .select_related("framework")
        .order_by("-framework__fiscal_year", "order", "code")
    )
    return [
        (
            f"{i.framework.fiscal_year}:{i.code}",
            f"ITA {to_thai_digits(i.framework.fiscal_year)} {i.label(90)}",
        )
        for i in items
    ]


def initial_value(memo: Memo) -> str:
    current = answer(memo)
    if current.year is None or current.item is None:
        return ""
    return f"{current.year}:{current.item.code}"

"""Reading the ระยะเวลาดำเนินการ column of a measures table into dates.

Beyond what itatrack.thai.parse_period reads, tables write "ทุกไตรมาส", "ตลอด งบประมาณ"
(a broken ตลอดปีงบประมาณ), "ไตรมาส 1,2,4" and "แล้วเสร็จภายในเดือนกุมภาพันธ์ 2566". Where the
words say more than two dates can, the words are kept as the phrase to print.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from itatrack import thai

_MONTH = "|".join(thai.FULL_MONTHS)


@dataclass(frozen=True)
class ReadPeriod:
    start: dt.date | None
    end: dt.date | None
    phrase: str = ""  # kept words; "" means the generated phrase says it
    understood: bool = True

    def within(self, first: dt.date, last: dt.date) -> bool:
        """True when no date read falls outside first..last (no dates: nothing to check)."""
        return all(first <= d <= last for d in (self.start, self.end) if d is not None)


def _month_end(year_ce: int, month: int) -> dt.date:
    following = dt.date(year_ce + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _join_quarters(numbers: list[int]) -> str:
    digits = [thai.to_thai_digits(n) for n in numbers]
    if len(digits) == 1:
        return f"ไตรมาส {digits[0]}"
    return f"ไตรมาส {', '.join(digits[:-1])} และ {digits[-1]}"


def read_period(text: str, fiscal_year_be: int) -> ReadPeriod:
    raw = " ".join(text.split())
    if not raw:
        return ReadPeriod(None, None)
    fy_start, fy_end = thai.fiscal_year_bounds(fiscal_year_be)
    if parsed := thai.parse_period(raw, fiscal_year_be=fiscal_year_be):
        return ReadPeriod(parsed.start, parsed.end)
    compact = re.sub(r"\s+", "", thai.to_arabic_digits(raw))
    if match := re.fullmatch(r"ตลอด(?:ปี)?งบประมาณ(?:พ\.?ศ\.?)?(\d{4})?", compact):
        year = int(match.group(1)) if match.group(1) else fiscal_year_be
        return ReadPeriod(*thai.fiscal_year_bounds(year))
    if compact in ("ทุกไตรมาส", "ทุกเดือน", "ตลอดปี"):
        return ReadPeriod(fy_start, fy_end, phrase=raw)
    if match := re.fullmatch(r"ไตรมาส(?:ที่)?((?:\d(?:,|และ)?)+)", compact):
        quarters = sorted({int(q) for q in re.findall(r"\d", match.group(1))})
        if quarters and all(1 <= q <= 4 for q in quarters):
            start = thai.quarter_bounds(fiscal_year_be, quarters[0])[0]
            end = thai.quarter_bounds(fiscal_year_be, quarters[-1])[1]
            contiguous = quarters == list(range(quarters[0], quarters[-1] + 1))
            return ReadPeriod(start, end, phrase="" if contiguous else _join_quarters(quarters))
    if match := re.search(rf"ภายใน(?:เดือน)?({_MONTH})(?:พ\.?ศ\.?)?(\d{{4}})?", compact):
        month = thai.FULL_MONTHS.index(match.group(1)) + 1
        if match.group(2):
            year_ce = thai.ce_year(int(match.group(2)))
        else:  # the month inside the plan's fiscal year
            year_ce = fy_start.year if month >= 10 else fy_end.year
        end = _month_end(year_ce, month)
        phrase = (
            "ภายในเดือน"
            + match.group(1)
            + (f" {thai.to_thai_digits(match.group(2))}" if match.group(2) else "")
        )
        return ReadPeriod(min(fy_start, end), end, phrase=phrase)
    return ReadPeriod(None, None, phrase=raw, understood=False)

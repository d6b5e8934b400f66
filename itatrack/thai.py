"""Thai text helpers for documents and screens: digits, Buddhist-era dates, the Thai fiscal
year (1 Oct – 30 Sep) and the period phrases municipal documents write.

Everything here is pure and offline: only pythainlp's rule-based utilities are used, none of
its corpora, so nothing is ever downloaded at run time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from pythainlp.util import (
    arabic_digit_to_thai_digit,
    bahttext,
    thai_digit_to_arabic_digit,
)
from pythainlp.util.date import thai_abbr_months, thai_full_months

BE_OFFSET = 543
EN_DASH = "–"

__all__ = [
    "ABBR_MONTHS",
    "EN_MONTHS",
    "FULL_MONTHS",
    "Period",
    "ReadPeriod",
    "baht_text",
    "be_year",
    "ce_year",
    "fiscal_quarter",
    "fiscal_year",
    "fiscal_year_bounds",
    "month_range_phrase",
    "official_digits",
    "parse_period",
    "parse_thai_date",
    "period_phrase",
    "quarter_bounds",
    "quarter_range_phrase",
    "read_period",
    "shorten",
    "thai_date",
    "thai_date_abbr",
    "thai_number",
    "to_arabic_digits",
    "to_thai_digits",
]

FULL_MONTHS: tuple[str, ...] = tuple(thai_full_months)
ABBR_MONTHS: tuple[str, ...] = tuple(thai_abbr_months)
# For English screens, which show Christian-era dates.
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def to_thai_digits(value: object) -> str:
    """Arabic → Thai digits (U+0E50–U+0E59); any other character is kept."""
    return arabic_digit_to_thai_digit(str(value)) if value is not None else ""


def to_arabic_digits(value: object) -> str:
    return thai_digit_to_arabic_digit(str(value)) if value is not None else ""


def english_screen() -> bool:
    """The reader chose English: screens show Arabic digits and Christian-era dates."""
    from django.utils.translation import get_language

    return (get_language() or "th").startswith("en")


def screen_digits(value: object) -> str:
    """For screens: Thai digits on Thai pages, Arabic on English ones. Official documents
    always use to_thai_digits."""
    return to_arabic_digits(value) if english_screen() else to_thai_digits(value)


def screen_number(value: Decimal | float | int | None, decimals: int = 2) -> str:
    """thai_number for screens (Arabic digits on English pages)."""
    return thai_number(value, decimals, thai_digits=not english_screen())


def screen_date(value: dt.date | None) -> str:
    """thai_date for screens: "5 December 2026" on English pages."""
    if value is not None and english_screen():
        return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"
    return thai_date(value)


def screen_period(start: dt.date | None, end: dt.date | None, style: str = "auto") -> str:
    """period_phrase for screens: "Oct – Dec 2026" on English pages."""
    if start is None or end is None or not english_screen():
        return period_phrase(start, end, style=style)
    first = f"{EN_MONTHS[start.month - 1][:3]}"
    if start.year != end.year:
        first += f" {start.year}"
    return f"{first} – {EN_MONTHS[end.month - 1][:3]} {end.year}"


def screen_date_abbr(value: dt.date | None) -> str:
    if value is not None and english_screen():
        return f"{value.day} {EN_MONTHS[value.month - 1][:3]} {value.year}"
    return thai_date_abbr(value)


# NACC's question and item codes (O25, I11, E6) are identifiers: NACC and municipal documents
# print them with a Latin letter and Arabic digits, and a search of the PDF must find them.
# Clerks type a zero for the letter O ("0๒๐", "๐๒๐", "028"): a standalone number of three
# characters led by a zero, or of two with a Thai digit in it, is read as the code it means.
_D = "0-9\u0e50-\u0e59"
_CODE_RE = re.compile(rf"(?<![A-Za-z{_D}])([OIEoie])\s?([{_D}]{{1,3}})(?![{_D}])")
_ZERO_FOR_O_RE = re.compile(
    # not part of a longer number: 10.05, 05/10/2567, 081 234 5678, 0-5422-1234
    rf"(?<![{_D}])(?<![{_D}][.,/:\-])[0\u0e50]([{_D}]{{1,2}})(?![{_D}]|[.,/:\-][{_D}])"
)


def _zero_for_o(match: re.Match[str]) -> str:
    whole = match.group(0)
    mixed = bool(re.search("[0-9]", whole)) and bool(re.search("[\u0e50-\u0e59]", whole))
    if not mixed:
        if len(whole) == 2 and whole.isascii():
            return whole  # "05" may be anything; "0๕" is a mistyped O5
        if re.match(r"\s[0-9\u0e50-\u0e59]", match.string[match.end() :]):
            return whole  # a telephone number: 081 234 5678
    return "O" + to_arabic_digits(match.group(1))


def official_digits(text: str) -> str:
    """Text as official documents print it: Thai digits, except in NACC codes, which keep a
    capital Latin letter and Arabic digits (O25, I11, E6; "0๒๐" typed for O20)."""
    text = _ZERO_FOR_O_RE.sub(_zero_for_o, text)
    parts: list[str] = []
    last = 0
    for match in _CODE_RE.finditer(text):
        parts.append(to_thai_digits(text[last : match.start()]))
        parts.append(match.group(1).upper() + to_arabic_digits(match.group(2)))
        last = match.end()
    parts.append(to_thai_digits(text[last:]))
    return "".join(parts)


def shorten(text: str, width: int) -> str:
    """text cut to at most width characters at a word boundary, with "…" when cut: Thai has
    no spaces between words, so the words are found with pythainlp's bundled dictionary."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    from pythainlp.tokenize import word_tokenize

    kept = ""
    for word in word_tokenize(text[: width + 20], engine="newmm", keep_whitespace=True):
        if len(kept) + len(word) > width - 1:
            break
        kept += word
    return (kept.rstrip() or text[: width - 1]) + "…"


def _digits(text: str, thai: bool) -> str:
    return to_thai_digits(text) if thai else text


def be_year(ce: int) -> int:
    return ce + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def thai_date(value: dt.date | None, *, thai_digits: bool = True) -> str:
    """ "๒๘ เมษายน ๒๕๖๙": the form of the วันที่ line in a memo."""
    if value is None:
        return ""
    text = f"{value.day} {FULL_MONTHS[value.month - 1]} {be_year(value.year)}"
    return _digits(text, thai_digits)


def thai_date_abbr(value: dt.date | None, *, thai_digits: bool = True) -> str:
    """ "๙ ธ.ค. ๖๕": the short form used in tables."""
    if value is None:
        return ""
    text = f"{value.day} {ABBR_MONTHS[value.month - 1]} {be_year(value.year) % 100:02d}"
    return _digits(text, thai_digits)


# --- fiscal year -----------------------------------------------------------------------------


def fiscal_year(value: dt.date) -> int:
    """Buddhist-era fiscal year of a date: 1 Oct 2565 – 30 Sep 2566 is fiscal year 2566."""
    ce = value.year + 1 if value.month >= 10 else value.year
    return be_year(ce)


def fiscal_year_bounds(fy_be: int) -> tuple[dt.date, dt.date]:
    ce = ce_year(fy_be)
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


def fiscal_quarter(value: dt.date) -> int:
    """1 = Oct–Dec, 2 = Jan–Mar, 3 = Apr–Jun, 4 = Jul–Sep."""
    return ((value.month - 10) % 12) // 3 + 1


def quarter_bounds(fy_be: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1–4")
    start, _ = fiscal_year_bounds(fy_be)
    first_month = _add_months(start, 3 * (quarter - 1))
    return first_month, _month_end(_add_months(first_month, 2))


def _add_months(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(value: dt.date) -> dt.date:
    return _add_months(value, 1) - dt.timedelta(days=1)


# --- period phrases --------------------------------------------------------------------------


def month_range_phrase(
    start: dt.date, end: dt.date, *, full: bool = False, thai_digits: bool = True
) -> str:
    """ "ม.ค. – มี.ค. ๖๖", "ต.ค. ๖๕ – มี.ค. ๖๖", or in full "ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘".

    The year is written once when both ends fall in the same calendar year, as clerks do.
    """
    months = FULL_MONTHS if full else ABBR_MONTHS

    def year(d: dt.date) -> str:
        return str(be_year(d.year)) if full else f"{be_year(d.year) % 100:02d}"

    first, last = months[start.month - 1], months[end.month - 1]
    if (start.year, start.month) == (end.year, end.month):
        text = f"{first} {year(end)}"
    elif start.year == end.year:
        text = f"{first} {EN_DASH} {last} {year(end)}"
    else:
        text = f"{first} {year(start)} {EN_DASH} {last} {year(end)}"
    return _digits(text, thai_digits)


def quarter_range_phrase(first: int, last: int | None = None, *, thai_digits: bool = True) -> str:
    """ "ไตรมาส ๒" or "ไตรมาส ๒–๔"."""
    last = first if last is None else last
    if not 1 <= first <= last <= 4:
        raise ValueError("quarters must satisfy 1 ≤ first ≤ last ≤ 4")
    text = f"ไตรมาส {first}" if first == last else f"ไตรมาส {first}{EN_DASH}{last}"
    return _digits(text, thai_digits)


def period_phrase(
    start: dt.date | None,
    end: dt.date | None,
    *,
    style: str = "auto",
    thai_digits: bool = True,
) -> str:
    """The phrase a measures table writes for a period.

    style "auto": a whole fiscal year → "ตลอดปีงบประมาณ ๒๕๖๖", otherwise abbreviated months;
    "quarters": "ไตรมาส ๒–๔" when the period is whole quarters of one fiscal year;
    "full": months and years in full.
    """
    if start is None or end is None:
        return ""
    if end < start:
        raise ValueError("end is before start")
    fy = fiscal_year(start)
    if (start, end) == fiscal_year_bounds(fy):
        return _digits(f"ตลอดปีงบประมาณ {fy}", thai_digits)
    if style == "quarters" and fiscal_year(end) == fy:
        q1, q2 = fiscal_quarter(start), fiscal_quarter(end)
        if quarter_bounds(fy, q1)[0] == start and quarter_bounds(fy, q2)[1] == end:
            return quarter_range_phrase(q1, q2, thai_digits=thai_digits)
    return month_range_phrase(start, end, full=(style == "full"), thai_digits=thai_digits)


# --- parsing legacy text ---------------------------------------------------------------------

_ABBR_PATTERN = "|".join(re.escape(m).replace(r"\.", r"\.\s*") for m in ABBR_MONTHS)
_FULL_PATTERN = "|".join(FULL_MONTHS)
_MONTH_RE = rf"(?:{_FULL_PATTERN}|{_ABBR_PATTERN})"
_YEAR_RE = r"(?:พ\.\s*ศ\.\s*)?(\d{4}|\d{2})"
_DATE_RE = re.compile(rf"(\d{{1,2}})\s*({_MONTH_RE})\s*{_YEAR_RE}")
_MONTH_SPAN_RE = re.compile(
    rf"^({_MONTH_RE})\s*(?:{_YEAR_RE})?\s*[-–—]\s*({_MONTH_RE})\s*{_YEAR_RE}$"
)
_WHOLE_YEAR_RE = re.compile(r"^ตลอด\s*ปี\s*งบ\s*ประมาณ\s*(?:พ\.\s*ศ\.\s*)?(\d{4})$")
_QUARTER_RE = re.compile(r"^ไตรมาส(?:ที่)?\s*(\d)(?:\s*[-–—]\s*(\d))?$")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", to_arabic_digits(text)).strip()


def _month_number(name: str) -> int:
    compact = re.sub(r"\s+", "", name)
    if compact in FULL_MONTHS:
        return FULL_MONTHS.index(compact) + 1
    return ABBR_MONTHS.index(compact) + 1


def _year_ce(text: str) -> int:
    """A 4-digit BE year, or a 2-digit one ("๖๖") read as 25xx."""
    value = int(text)
    return ce_year(value if value >= 100 else 2500 + value)


def parse_thai_date(text: str) -> dt.date | None:
    """First date written the Thai way in text ("๑๗ ตุลาคม 2๕๖๒", "13 ธันวาคม พ.ศ.2566")."""
    match = _DATE_RE.search(_clean(text))
    if not match:
        return None
    day, month, year = match.groups()
    try:
        return dt.date(_year_ce(year), _month_number(month), int(day))
    except ValueError:
        return None


_TYPED_DATE_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# A four-digit year from here up is Buddhist era; below it, Christian era (2030 is CE 2030,
# BE 2573, not "BE 2030"). No year a municipality types falls in between.
BE_FROM = 2400


def parse_typed_date(text: str) -> dt.date | None:
    """A date as a person types it in a form: "31/03/2570", "๓๑/๓/๗๐", "31-3-2570",
    "31 มี.ค. 2570", or ISO "2027-03-31" (what a browser's own date field sends). None when
    it is not a date (including 31/02)."""
    clean = _clean(text)
    try:
        if match := _ISO_DATE_RE.match(clean):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(ce_year(year) if year >= BE_FROM else year, month, day)
        if match := _TYPED_DATE_RE.match(clean):
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year += 2500
            return dt.date(ce_year(year) if year >= BE_FROM else year, month, day)
    except ValueError:
        return None
    whole = _DATE_RE.fullmatch(clean)
    return parse_thai_date(clean) if whole else None


def typed_date(value: dt.date | None, *, thai_digits: bool = True) -> str:
    """The form of a date in a date field: "๓๑/๐๓/๒๕๗๐"."""
    if value is None:
        return ""
    return _digits(f"{value.day:02d}/{value.month:02d}/{be_year(value.year)}", thai_digits)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


def parse_period(text: str, *, fiscal_year_be: int | None = None) -> Period | None:
    """Read a period phrase as documents write it ("ก.พ.-มี.ค.66", "ตลอดปีงบประมาณ 2566",
    "ไตรมาส 2-4"). Quarters need the fiscal year they belong to. None when not understood.
    The strict part of read_period, which tables go through."""
    cleaned = _clean(text)
    if match := _WHOLE_YEAR_RE.match(cleaned):
        return Period(*fiscal_year_bounds(int(match.group(1))))
    if match := _QUARTER_RE.match(cleaned):
        if fiscal_year_be is None:
            return None
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if not 1 <= first <= last <= 4:
            return None
        return Period(
            quarter_bounds(fiscal_year_be, first)[0], quarter_bounds(fiscal_year_be, last)[1]
        )
    if match := _MONTH_SPAN_RE.match(cleaned):
        m1, y1, m2, y2 = match.groups()
        end_month = dt.date(_year_ce(y2), _month_number(m2), 1)
        if y1:
            start_year = _year_ce(y1)
        else:
            # "ต.ค. – มี.ค. ๖๖" crosses the new year: the start belongs to the year before.
            start_year = end_month.year - (1 if _month_number(m1) > end_month.month else 0)
        start = dt.date(start_year, _month_number(m1), 1)
        if start > end_month:
            return None
        return Period(start, _month_end(end_month))
    return None


_MONTH = "|".join(FULL_MONTHS)


@dataclass(frozen=True)
class ReadPeriod:
    start: dt.date | None
    end: dt.date | None
    phrase: str = ""  # kept words; "" means the generated phrase says it
    understood: bool = True

    def within(self, first: dt.date, last: dt.date) -> bool:
        """True when no date read falls outside first..last (no dates: nothing to check)."""
        return all(first <= d <= last for d in (self.start, self.end) if d is not None)


def _join_quarters(numbers: list[int]) -> str:
    digits = [to_thai_digits(n) for n in numbers]
    if len(digits) == 1:
        return f"ไตรมาส {digits[0]}"
    return f"ไตรมาส {', '.join(digits[:-1])} และ {digits[-1]}"


def read_period(text: str, fiscal_year_be: int) -> ReadPeriod:
    """The ระยะเวลาดำเนินการ of a measures table: what parse_period reads, and the phrases
    tables add ("ทุกไตรมาส", "ตลอด งบประมาณ", "ไตรมาส 1,2,4", "แล้วเสร็จภายในเดือน …").
    Where the words say more than two dates can, they are kept as the phrase to print."""
    raw = " ".join(text.split())
    if not raw:
        return ReadPeriod(None, None)
    fy_start, fy_end = fiscal_year_bounds(fiscal_year_be)
    if parsed := parse_period(raw, fiscal_year_be=fiscal_year_be):
        return ReadPeriod(parsed.start, parsed.end)
    compact = re.sub(r"\s+", "", to_arabic_digits(raw))
    if match := re.fullmatch(r"ตลอด(?:ปี)?งบประมาณ(?:พ\.?ศ\.?)?(\d{4})?", compact):
        year = int(match.group(1)) if match.group(1) else fiscal_year_be
        return ReadPeriod(*fiscal_year_bounds(year))
    if compact in ("ทุกไตรมาส", "ทุกเดือน", "ตลอดปี"):
        return ReadPeriod(fy_start, fy_end, phrase=raw)
    if match := re.fullmatch(r"ไตรมาส(?:ที่)?((?:\d(?:,|และ)?)+)", compact):
        quarters = sorted({int(q) for q in re.findall(r"\d", match.group(1))})
        if quarters and all(1 <= q <= 4 for q in quarters):
            start = quarter_bounds(fiscal_year_be, quarters[0])[0]
            end = quarter_bounds(fiscal_year_be, quarters[-1])[1]
            contiguous = quarters == list(range(quarters[0], quarters[-1] + 1))
            return ReadPeriod(start, end, phrase="" if contiguous else _join_quarters(quarters))
    if match := _WITHIN_RE.search(compact):
        month = _month_number(match.group(1))
        if match.group(2):
            year_ce = _year_ce(match.group(2))
        else:  # the month inside the plan's fiscal year
            year_ce = fy_start.year if month >= 10 else fy_end.year
        end = _month_end(dt.date(year_ce, month, 1))
        phrase = (
            "ภายในเดือน"
            + FULL_MONTHS[month - 1]
            + (f" {to_thai_digits(be_year(year_ce))}" if match.group(2) else "")
        )
        return ReadPeriod(min(fy_start, end), end, phrase=phrase)
    # "ไตรมาสที่ ๒ (ม.ค. – มี.ค. ๒๕๗๐)": the months say it exactly
    quarter = _QUARTER_WITH_MONTHS_RE.match(_clean(raw))
    if quarter and (parsed := parse_period(quarter.group(1), fiscal_year_be=fiscal_year_be)):
        return ReadPeriod(parsed.start, parsed.end, phrase=raw)
    if match := _MONTHS_NO_YEAR_RE.match(_clean(raw)):
        # "ตุลาคม – ธันวาคม": months of the plan's own fiscal year
        first, last = (_month_number(m) for m in match.groups())
        start = dt.date(fy_start.year if first >= 10 else fy_end.year, first, 1)
        end_month = dt.date(fy_start.year if last >= 10 else fy_end.year, last, 1)
        if start <= end_month:
            return ReadPeriod(start, _month_end(end_month))
    if (day := parse_thai_date(raw)) and _DATE_RE.fullmatch(_clean(raw)):
        # one day: the measure is due that day; the words are kept as typed
        return ReadPeriod(min(fy_start, day), day, phrase=raw)
    return ReadPeriod(None, None, phrase=raw, understood=False)


# Matched against the text without spaces, so the abbreviations are written without them.
_ABBR_COMPACT = "|".join(re.escape(m) for m in ABBR_MONTHS)
_WITHIN_RE = re.compile(
    rf"ภายใน(?:เดือน)?({_FULL_PATTERN}|{_ABBR_COMPACT})(?:พ\.?ศ\.?)?(\d{{4}}|\d{{2}})?"
)
_QUARTER_WITH_MONTHS_RE = re.compile(r"^ไตรมาส(?:ที่)?\s*\d\s*\(\s*(.+?)\s*\)$")
_MONTHS_NO_YEAR_RE = re.compile(rf"^({_MONTH_RE})\s*[-–—]\s*({_MONTH_RE})$")


# --- numbers and money -----------------------------------------------------------------------


def baht_text(amount: Decimal | float | int | str) -> str:
    """ "หนึ่งพันห้าร้อยบาทถ้วน": the amount in words, as written in brackets after figures."""
    return bahttext(float(Decimal(str(amount))))


def thai_number(
    value: Decimal | float | int | None, decimals: int = 2, *, thai_digits: bool = True
) -> str:
    """ "๘๕.๑๕", "๑,๒๐๐.๐๐": grouped figures for documents."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):,.{decimals}f}"
    return _digits(text, thai_digits)

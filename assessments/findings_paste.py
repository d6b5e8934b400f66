"""A findings table pasted from Word or Excel (indicator, finding, cause, recommendation, and
perhaps the questions and the kind), read into draft findings for a preview.

Bodies write the indicator every way: "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ", "4", "9.1",
the name alone, or a number that does not match the name (one body writes "ตัวชี้วัดที่ ๒
การใช้อำนาจ", which is indicator 3). A number and a name that disagree, or a cell not
understood, wait for the user's choice; a blank cell under a merged Word cell continues the
indicator above. A row holding only "จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน" or "ประเด็นที่ต้องพัฒนา"
sets the kind of the rows below it, as the sample memos split them. Nothing here writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import Assessment, Finding, Indicator, Item
from itatrack import pasted
from itatrack.cleantext import MAX_TEXT
from itatrack.thai import to_arabic_digits, to_thai_digits

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_CHARS = 100_000
FIELDS: dict[str, tuple[StrOrPromise, tuple[str, ...]]] = {
    "indicator": (
        gettext_lazy("ตัวชี้วัด"),
        ("ตัวชี้วัด", "ตัวชี้วัดที่", "ประเด็น/ตัวชี้วัด", "ตัวชี้วัด/ประเด็น", "ตัวชี้วัดการประเมิน"),
    ),
    "kind": (gettext_lazy("ประเภท"), ("ประเภท", "ประเภทข้อค้นพบ", "ระดับความสำคัญ")),
    "items": (gettext_lazy("ข้อคำถาม/รายการ"), ("ข้อคำถาม", "ข้อคำถาม/รายการ", "รหัส", "ข้อ")),
    "text": (
        gettext_lazy("ข้อค้นพบ"),
        (
            "ข้อค้นพบ",
            "ประเด็นที่พบ",
            "ประเด็นปัญหา",
            "ประเด็น",
            "ปัญหา",
            "ผลการวิเคราะห์",
            "จุดอ่อน",
            "ประเด็นข้อบกพร่อง",
        ),
    ),
    "cause": (gettext_lazy("สาเหตุ"), ("สาเหตุ", "สาเหตุของปัญหา", "สาเหตุที่เป็นไปได้")),
    "recommendation": (
        gettext_lazy("ข้อเสนอแนะ"),
        (
            "ข้อเสนอแนะ",
            "ข้อเสนอแนะของป.ป.ช.",
            "ข้อเสนอแนะจากผู้ประเมิน",
            "แนวทางแก้ไข",
            "แนวทางการแก้ไข",
            "แนวทางการพัฒนา",
            "ข้อเสนอ",
        ),
    ),
}
# Read in this order when the table has no header row the system knows.
DEFAULT_ORDER = ("indicator", "text", "cause", "recommendation")
LABELS = {pasted.key(label): name for name, (_t, labels) in FIELDS.items() for label in labels}

# Longest first: "ไม่ใช่จุดแข็ง" does not occur, but "จุดอ่อน" must win over "อ่อน" words.
KIND_WORDS = (
    ("จุดแข็ง", Finding.Kind.STRENGTH),
    ("เร่งด่วน", Finding.Kind.URGENT),
    ("ข้อบกพร่อง", Finding.Kind.URGENT),
    ("จุดอ่อน", Finding.Kind.URGENT),
    ("ต้องพัฒนา", Finding.Kind.IMPROVE),
    ("ควรพัฒนา", Finding.Kind.IMPROVE),
    ("พัฒนา", Finding.Kind.IMPROVE),
    ("ปรับปรุง", Finding.Kind.IMPROVE),
)
_NUMBER = re.compile(r"^\s*(?:[IEO]IT\s*)?(?:ตัวชี้วัด\s*(?:ที่)?\s*)?(\d{1,2})(?:\s*\.\s*(\d))?")
_CODE = re.compile(
    r"(?<![A-Za-z])([IEOieo])\s*\.?\s*(\d{1,2})(?:\s*[-–]\s*(?:[IEOieo]\s*\.?\s*)?(\d{1,2}))?"
)
_BARE = re.compile(r"(?<![\w.])(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?(?![\w.])")


@dataclass
class IndicatorChoice:
    key: str
    raw: str
    candidates: list[Indicator]


@dataclass
class DraftFinding:
    row: int
    indicator: Indicator | None = None
    indicator_raw: str = ""
    kind: str = Finding.Kind.IMPROVE
    text: str = ""
    root_cause: str = ""
    recommendation: str = ""
    items: list[Item] = field(default_factory=list)
    choice: IndicatorChoice | None = None
    duplicate: bool = False
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def get_kind_display(self) -> str:
        return str(Finding.Kind(self.kind).label)


@dataclass
class FindingsPreview:
    findings: list[DraftFinding]
    mapping: dict[int, str]
    columns: int
    problems: list[str]

    @property
    def new(self) -> list[DraftFinding]:
        return [f for f in self.findings if not f.duplicate]

    @property
    def ok(self) -> bool:
        return bool(self.new) and not self.problems and not any(f.problems for f in self.findings)

    @property
    def problem_count(self) -> int:
        return len(self.problems) + sum(len(f.problems) for f in self.findings)


def indicator_key(row: int) -> str:
    return f"{row}:ind"


def parse(
    text: str,
    assessment: Assessment,
    mapping: dict[int, str] | None = None,
    resolutions: dict[str, str] | None = None,
) -> FindingsPreview:
    resolutions = resolutions or {}
    if len(text) > MAX_CHARS:
        return FindingsPreview([], {}, 0, [_("ตารางยาวเกินไป กรุณาวางทีละส่วน")])
    try:
        rows = pasted.read_rows(text)
    except pasted.PasteError as exc:
        return FindingsPreview([], {}, 0, [str(exc)])
    columns = max((len(r) for r in rows), default=0)
    if mapping is None:
        mapping = pasted.detect_mapping(rows, LABELS) or dict(enumerate(DEFAULT_ORDER[:columns]))
    if "text" not in mapping.values():
        return FindingsPreview(
            [], mapping, columns, [_("ยังไม่ได้เลือกคอลัมน์ 'ข้อค้นพบ' กรุณาเลือกคอลัมน์ด้านล่าง")]
        )
    reader = _Reader(assessment, resolutions)
    for number, row in enumerate(rows, start=1):
        if pasted.is_header(row, LABELS):
            continue
        cells = {name: row[i] if i < len(row) else "" for i, name in mapping.items()}
        reader.add(number, row, cells)
    return FindingsPreview(reader.drafts, mapping, columns, [])


class _Reader:
    def __init__(self, assessment: Assessment, resolutions: dict[str, str]) -> None:
        framework = assessment.framework
        self.indicators = list(framework.indicators.all())
        self.by_number = {i.number: i for i in self.indicators}
        self.items = {i.code: i for i in framework.items.select_related("indicator")}
        self.year = framework.fiscal_year
        self.pass_mark = framework.pass_mark
        self.scores = {
            s.indicator_id: s.score
            for s in assessment.indicator_scores.all()
            if s.score is not None
        }
        self.existing = {
            (f.indicator_id, pasted.key(f.text))
            for f in assessment.findings.exclude(state=Finding.State.DISCARDED)
        }
        self.resolutions = resolutions
        self.section_kind: str | None = None
        self.previous: Indicator | None = None
        self.drafts: list[DraftFinding] = []

    def add(self, number: int, row: list[str], cells: dict[str, str]) -> None:
        filled = [c for c in row if c.strip()]
        if len(filled) == 1 and not cells.get("cause") and not cells.get("recommendation"):
            kind = _kind_of(filled[0])
            if kind and len(filled[0]) <= 120:
                self.section_kind = kind  # a heading row: the kind of the rows below
                return
        draft = DraftFinding(
            row=number,
            indicator_raw=cells.get("indicator", ""),
            text=cells.get("text", "")[:MAX_TEXT],
            root_cause=cells.get("cause", "")[:MAX_TEXT],
            recommendation=cells.get("recommendation", "")[:MAX_TEXT],
        )
        self._indicator(draft)
        self._items(draft, cells.get("items", ""))
        if draft.indicator is None and draft.choice is None:
            draft.choice = IndicatorChoice(indicator_key(number), "", self.indicators)
            draft.problems.append(_("ยังไม่ระบุตัวชี้วัด กรุณาเลือก"))
        self._kind(draft, cells.get("kind", ""))
        if not draft.text:
            draft.problems.append(_("แถวนี้ไม่มีข้อค้นพบ กรุณาเติมในตาราง หรือลบแถวนี้ออก"))
        if draft.indicator and (draft.indicator.pk, pasted.key(draft.text)) in self.existing:
            draft.duplicate = True
            draft.notices.append(_("มีข้อค้นพบนี้ในตัวชี้วัดเดียวกันแล้ว จะไม่เพิ่มซ้ำ"))
        self.drafts.append(draft)

    def _indicator(self, draft: DraftFinding) -> None:
        raw = draft.indicator_raw
        key = indicator_key(draft.row)
        chosen = self.resolutions.get(key, "")
        if chosen.isdigit() and int(chosen) in self.by_number:
            draft.indicator = self.by_number[int(chosen)]
        elif not raw:
            draft.indicator = self.previous
            if self.previous:
                draft.notices.append(
                    _("ช่องตัวชี้วัดว่าง ใช้ตัวชี้วัดที่ %(n)s เดียวกับแถวก่อน")
                    % {"n": to_thai_digits(self.previous.number)}
                )
        else:
            found = read_indicator(raw, self.indicators)
            if len(found) == 1:
                draft.indicator = found[0]
            else:
                candidates = found or self.indicators
                draft.choice = IndicatorChoice(key, raw, candidates)
                if found:
                    message = _(
                        "ตัวชี้วัด '%(raw)s' มีเลขและชื่อไม่ตรงกัน อาจหมายถึง %(options)s กรุณาเลือก"
                    ) % {
                        "raw": raw[:80],
                        "options": ", ".join(
                            f"{to_thai_digits(i.number)} {i.name}" for i in candidates
                        ),
                    }
                else:
                    message = _("ไม่เข้าใจตัวชี้วัด '%(raw)s' กรุณาเลือก") % {"raw": raw[:80]}
                draft.problems.append(message)
        if draft.indicator:
            self.previous = draft.indicator

    def _items(self, draft: DraftFinding, raw: str) -> None:
        if not raw:
            return
        codes, leftover = read_codes(raw, draft.indicator.tool if draft.indicator else "")
        unknown = [c for c in codes if c not in self.items]
        items = [self.items[c] for c in codes if c in self.items]
        if unknown:
            draft.problems.append(
                _("ไม่มีรหัส %(codes)s ในกรอบการประเมินปี %(year)s")
                % {"codes": ", ".join(unknown), "year": to_thai_digits(self.year)}
            )
        if leftover:
            draft.problems.append(
                _("ไม่เข้าใจ '%(text)s' ในช่องข้อคำถาม ใส่เป็นรหัส เช่น I20, E5, O12")
                % {"text": leftover[:60]}
            )
        if draft.indicator is None and items and not draft.choice:
            owners = {item.indicator for item in items}
            if len(owners) == 1:
                draft.indicator = owners.pop()
                draft.notices.append(
                    _("อ่านตัวชี้วัดที่ %(n)s จากรหัสข้อคำถาม")
                    % {"n": to_thai_digits(draft.indicator.number)}
                )
                self.previous = draft.indicator
        if draft.indicator:
            strays = stray_items(draft.indicator, items)
            if strays:
                draft.problems.append(stray_items_message(draft.indicator, strays))
        draft.items = items

    def _kind(self, draft: DraftFinding, raw: str) -> None:
        kind = _kind_of(raw) if raw else None
        if raw and kind is None:
            draft.notices.append(_("ไม่เข้าใจประเภท '%(raw)s' จะอ่านจากคะแนนแทน") % {"raw": raw[:40]})
        if kind is None:
            kind = self.section_kind
        if kind is None:
            score = self.scores.get(draft.indicator.pk) if draft.indicator else None
            below = score is not None and score < Decimal(self.pass_mark)
            kind = Finding.Kind.URGENT if below else Finding.Kind.IMPROVE
        draft.kind = kind


def _kind_of(text: str) -> str | None:
    flat = pasted.key(text)
    for word, kind in KIND_WORDS:
        if word in flat:
            return kind
    return None


def read_indicator(raw: str, indicators: list[Indicator]) -> list[Indicator]:
    """The indicators raw may mean: one when its number and name agree (or only one is
    given), two when they disagree, none when neither is understood."""
    arabic = to_arabic_digits(raw).strip()
    by_number = None
    match = _NUMBER.match(arabic)
    rest = arabic
    if match:
        by_number = next((i for i in indicators if i.number == int(match.group(1))), None)
        rest = arabic[match.end() :]
    flat = pasted.key(rest)
    by_name = None
    if len(flat) >= 4:
        by_name = next(
            (i for i in indicators if pasted.key(i.name) in flat or flat in pasted.key(i.name)),
            None,
        )
    if by_number and by_name and by_number != by_name:
        return [by_number, by_name]
    found = by_number or by_name
    return [found] if found else []


def read_codes(raw: str, tool: str) -> tuple[list[str], str]:
    """Question codes in a cell ("I19–I24", "i 20, E.5", or bare "19, 20" under an IIT
    indicator), and what was left not understood."""
    arabic = to_arabic_digits(raw)
    codes: list[str] = []

    def take(letter: str, first: str, last: str | None) -> str:
        """Note the codes of a match and blank it out, so that what is left is what was not
        understood."""
        start, end = int(first), int(last or first)
        codes.extend(f"{letter.upper()}{n}" for n in range(start, min(end, start + 60) + 1))
        return " "

    rest = _CODE.sub(lambda m: take(m.group(1), m.group(2), m.group(3)), arabic)
    if tool:
        rest = _BARE.sub(lambda m: take(tool[0], m.group(1), m.group(2)), rest)
    leftover = re.sub(r"(?:\s|,|;|/|และ|ข้อ)+", " ", rest).strip()
    return list(dict.fromkeys(codes)), leftover


def stray_items(indicator: Indicator, items: Iterable[Item]) -> list[Item]:
    """The items that are not questions of indicator: a finding may cite only its own."""
    return [item for item in items if item.indicator_id != indicator.pk]


def stray_items_message(indicator: Indicator, strays: list[Item]) -> str:
    """Why a finding cannot cite questions of another indicator, naming where each belongs."""
    return _(
        "ข้อคำถาม/รายการ %(codes)s ไม่อยู่ในตัวชี้วัดที่ %(number)s %(name)s กรุณาเลือกตัวชี้วัดให้ตรง"
        " หรือเอารหัสนั้นออก"
    ) % {
        "codes": ", ".join(
            f"{item.code} ({_('ตัวชี้วัดที่')} {to_thai_digits(item.indicator.number)})"
            for item in strays
        ),
        "number": to_thai_digits(indicator.number),
        "name": indicator.name,
    }

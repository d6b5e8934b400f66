"""A findings table pasted from Word or Excel (indicator, finding, cause, recommendation, and
perhaps the questions and the kind), read into draft findings for a preview.

Bodies write the indicator every way: "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ", "4", "9.1",
the name alone, or a number that does not match the name (one body writes "ตัวชี้วัดที่ ๒
การใช้อำนาจ", which is indicator 3). A number and a name that disagree, or a cell not
understood, wait for the user's choice; a blank cell under a merged Word cell continues the
indicator above. A row holding only "จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน" or "ประเด็นที่ต้องพัฒนา"
sets the kind of the rows below it, as the sample memos split them.

Analysis tables as offices write them are read too: a row naming a tool ("แบบวัดการรับรู้ของ
ผู้มีส่วนได้ส่วนเสียภายใน IIT") sets the tool; a row holding only an indicator and its score is
context, never a finding; a cell speaking of several indicators ("…ตัวชี้วัดที่ ๑ … ดีเยี่ยม
ควรรักษาไว้ … ควรพัฒนาตัวชี้วัดที่ ๔ … ข้อ ๒ …") becomes one finding per indicator it names;
praise becomes a strength; the codes its words cite are read by the tool in force. Nothing
here writes.
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
from itatrack.nacc_codes import codes_in_text
from itatrack.thai import screen_digits, to_arabic_digits

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_CHARS = 100_000
FIELDS: dict[str, tuple[StrOrPromise, tuple[str, ...]]] = {
    "indicator": (
        gettext_lazy("ตัวชี้วัด"),
        (
            "ตัวชี้วัด",
            "ตัวชี้วัดที่",
            "ประเด็น/ตัวชี้วัด",
            "ตัวชี้วัด/ประเด็น",
            "ตัวชี้วัดการประเมิน",
            "ตัวชี้วัดของการประเมิน ITA",
            "ตัวชี้วัดการประเมิน ITA",
        ),
    ),
    "kind": (gettext_lazy("ประเภท"), ("ประเภท", "ประเภทข้อค้นพบ", "ระดับความสำคัญ")),
    # NACC's analysis form (and the app's own analysis annex) give each kind its column.
    "urgent": (
        gettext_lazy("ประเด็นที่ต้องแก้ไขโดยเร่งด่วน"),
        (
            "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน",
            "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขเร่งด่วน",
            "จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน",
            "ประเด็นเร่งด่วน",
        ),
    ),
    "strength": (gettext_lazy("จุดแข็ง"), ("จุดแข็ง",)),
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
            "ประเด็นที่ต้องพัฒนา",
            "ประเด็นที่ต้องพัฒนาให้ดีขึ้น",
            "ประเด็นที่ควรพัฒนา",
            "ประเด็นที่ต้องปรับปรุง",
            "ข้อเสนอแนะ/ประเด็นที่ต้องพัฒนา",
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
# Words of praise: a sentence of them (and no call to improve) is a strength.
_PRAISE = re.compile(r"ดีเยี่ยม|ดีมาก|ควรรักษา|รักษามาตรฐาน|รักษาระดับ|อยู่ในเกณฑ์ดี")
_IMPROVE = re.compile(r"ควรพัฒนา|ปรับปรุง|ต่ำ|ไม่ผ่าน|ไม่มี|ยังไม่|ควรเพิ่ม|ควรมี|ควรจัด")
_TOOL_WORDS = (
    ("IIT", re.compile(r"\bIIT\b|ส่วนได้ส่วนเสียภายใน")),
    ("EIT", re.compile(r"\bEIT\b|ส่วนได้ส่วนเสียภายนอก")),
    ("OIT", re.compile(r"\bOIT\b|เปิดเผยข้อมูลสาธารณะ")),
)
# "ตัวชี้วัดที่ ๔", "ตัวชี้วัดย่อยที่ ๙.๓" in running text (Arabic digits by then).
_MENTION = re.compile(r"ตัวชี้วัด(?:ย่อย)?\s*(?:ที่)?\s*(\d{1,2})(?:\s*\.\s*\d)?")
_SCORE = re.compile(r"(\d{1,3}\.\d{1,2})\s*(?:คะแนน)?\s*$")
_CONNECTORS = ("ทั้งนี้", "และ", "โดย", "ซึ่ง", "นอกจากนี้")


def tool_of(text: str) -> str | None:
    """The tool a cell names, when it names exactly one."""
    found = [tool for tool, words in _TOOL_WORDS if words.search(text)]
    return found[0] if len(found) == 1 else None


def is_praise(text: str) -> bool:
    return bool(_PRAISE.search(text)) and not _IMPROVE.search(text)


def mentioned_numbers(text: str) -> list[int]:
    """The indicator numbers a text speaks of, in order, each once."""
    arabic = to_arabic_digits(text)
    return list(dict.fromkeys(int(m.group(1)) for m in _MENTION.finditer(arabic)))


def split_by_indicator(text: str) -> list[tuple[int, str]]:
    """(indicator number, words) for each part of a text that speaks of several indicators:
    each part runs from the phrase naming its indicator (cut at the space before it) to the
    next one; words before the first go with it; connectors left dangling are dropped."""
    arabic = to_arabic_digits(text)
    starts = []
    for match in _MENTION.finditer(arabic):
        space = text.rfind(" ", 0, match.start())
        starts.append((space + 1 if space >= 0 else 0, int(match.group(1))))
    parts: list[tuple[int, str]] = []
    for index, (start, number) in enumerate(starts):
        begin = 0 if index == 0 else start
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        words = text[begin:end].strip()
        for connector in _CONNECTORS:
            words = words.removesuffix(connector).strip()
        if parts and parts[-1][0] == number:
            parts[-1] = (number, f"{parts[-1][1]} {words}")
        elif words:
            parts.append((number, words))
    return parts


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
    code_problems: list[str] = field(default_factory=list)  # the codes' share of problems
    part: int = 0  # several findings may come from one row
    skipped: bool = False  # left out by the person in the preview

    @property
    def key(self) -> str:
        """Names the row's fields in the preview, where the person fixes it in place."""
        return f"{self.row}-{self.part}"

    def get_kind_display(self) -> str:
        return str(Finding.Kind(self.kind).label)


@dataclass
class FindingsPreview:
    findings: list[DraftFinding]
    mapping: dict[int, str]
    columns: int
    problems: list[str]
    context: list[str] = field(default_factory=list)  # rows read as context, said once

    @property
    def new(self) -> list[DraftFinding]:
        return [f for f in self.findings if not f.duplicate and not f.skipped]

    @property
    def ok(self) -> bool:
        return bool(self.new) and not self.problems and not any(f.problems for f in self.new)

    @property
    def problem_count(self) -> int:
        return len(self.problems) + sum(len(f.problems) for f in self.findings if not f.skipped)

    @property
    def summary(self) -> list[tuple[str, str, int]]:
        """(tool, kind label, how many) of the new findings, for the preview's first line."""
        counts: dict[tuple[str, str], int] = {}
        for draft in self.new:
            tool = draft.indicator.tool if draft.indicator else "—"
            key = (tool, draft.get_kind_display())
            counts[key] = counts.get(key, 0) + 1
        return [(tool, kind, n) for (tool, kind), n in sorted(counts.items())]

    @property
    def code_count(self) -> int:
        return sum(len(f.items) for f in self.new)


def indicator_key(row: int) -> str:
    return f"{row}:ind"


@dataclass
class RowFix:
    """What the person changed of one finding in the preview."""

    kind: str = ""
    text: str | None = None
    codes: str | None = None
    skip: bool = False


def parse(
    text: str,
    assessment: Assessment,
    mapping: dict[int, str] | None = None,
    resolutions: dict[str, str] | None = None,
    fixes: dict[str, RowFix] | None = None,
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
        # a lone heading cell ("ประเด็นที่เป็นข้อบกพร่อง…") is a section, not a header row
        headed = [row for row in rows if sum(1 for c in row if c.strip()) > 1]
        mapping = pasted.detect_mapping(headed, LABELS) or dict(enumerate(DEFAULT_ORDER[:columns]))
    if not {"text", "urgent", "strength"} & set(mapping.values()):
        return FindingsPreview(
            [], mapping, columns, [_("ยังไม่ได้เลือกคอลัมน์ 'ข้อค้นพบ' กรุณาเลือกคอลัมน์ด้านล่าง")]
        )
    reader = _Reader(assessment, resolutions)
    for number, row in enumerate(rows, start=1):
        # a lone cell that is also a column name ("ประเด็นที่ต้องพัฒนาให้ดีขึ้น") is a heading row
        if pasted.is_header(row, LABELS) and sum(1 for c in row if c.strip()) > 1:
            continue
        cells = {name: row[i] if i < len(row) else "" for i, name in mapping.items()}
        by_kind = [
            (word, cells[name])
            for name, word in (("urgent", "เร่งด่วน"), ("strength", "จุดแข็ง"))
            if cells.get(name, "").strip()
        ]
        for word, text in by_kind:  # one finding per kind column the row fills
            reader.add(number, row, {**cells, "text": text, "kind": cells.get("kind") or word})
        if cells.get("text", "").strip() or not by_kind:
            reader.add(number, row, cells)
    for draft in reader.drafts:
        if fix := (fixes or {}).get(draft.key):
            apply_fix(draft, fix, reader.items, reader.year)
    return FindingsPreview(reader.drafts, mapping, columns, [], reader.context)


NO_TEXT = gettext_lazy("แถวนี้ไม่มีข้อค้นพบ กรุณาเติมในตาราง หรือลบแถวนี้ออก")


UNKNOWN_CODES = gettext_lazy(
    "ไม่มีรหัส %(codes)s ในกรอบการประเมินปี %(year)s กรุณาแก้รหัสที่ “แก้ไขแถวนี้” (ข้อความยังอยู่ครบ)"
)


def apply_fix(draft: DraftFinding, fix: RowFix, items: dict[str, Item], year: int) -> None:
    """The person's word over what was read: the kind, the words, the codes, or leaving the
    row out."""
    draft.skipped = fix.skip
    if fix.kind in Finding.Kind.values:
        draft.kind = fix.kind
    if fix.text is not None and fix.text.strip() and fix.text.strip() != draft.text:
        draft.text = fix.text.strip()[:MAX_TEXT]
        draft.problems = [p for p in draft.problems if p != str(NO_TEXT)]
    if fix.codes is not None and fix.codes.strip() != ", ".join(i.code for i in draft.items):
        # the codes field is a question cell: read as the table's own question column is
        codes, leftover = read_codes(fix.codes, draft.indicator.tool if draft.indicator else "")
        draft.items = [items[c] for c in codes if c in items]
        draft.problems = [p for p in draft.problems if p not in draft.code_problems]
        draft.code_problems = []
        unknown = [c for c in codes if c not in items]
        if unknown:
            draft.code_problems.append(
                str(UNKNOWN_CODES) % {"codes": ", ".join(unknown), "year": screen_digits(year)}
            )
        if leftover:
            draft.code_problems.append(_not_a_code(leftover))
        if draft.indicator and (strays := stray_items(draft.indicator, draft.items)):
            draft.code_problems.append(stray_items_message(draft.indicator, strays))
        draft.problems += draft.code_problems


def _not_a_code(leftover: str) -> str:
    return _("ไม่เข้าใจ '%(text)s' ในช่องข้อคำถาม ใส่เป็นรหัส เช่น I20, E5, O12") % {"text": leftover[:60]}


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
        self.tool: str | None = None
        self.drafts: list[DraftFinding] = []
        self.context: list[str] = []

    def add(self, number: int, row: list[str], cells: dict[str, str]) -> None:
        filled = [c for c in row if c.strip()]
        raw_indicator = cells.get("indicator", "")
        text = cells.get("text", "")
        lone = len(filled) == 1 and not cells.get("cause") and not cells.get("recommendation")
        if lone and len(filled[0]) <= 150 and (tool := tool_of(filled[0])):
            self.tool, self.previous = tool, None  # a tool row: the indicators below are its
            self.context.append(_("แถว %(row)s: %(tool)s") % {"row": number, "tool": tool})
            return
        if lone:
            kind = _kind_of(filled[0])
            if kind and len(filled[0]) <= 120:
                self.section_kind = kind  # a heading row: the kind of the rows below
                return
        indicator_tool = tool_of(raw_indicator) if raw_indicator else None
        numbered = _NUMBER.match(to_arabic_digits(raw_indicator))
        if indicator_tool and not numbered:
            # the indicator cell names a tool: its text speaks of that tool's indicators
            self.tool, self.previous = indicator_tool, None
            self.context.append(
                _("แถว %(row)s: %(tool)s") % {"row": number, "tool": indicator_tool}
            )
            raw_indicator = ""
            cells = {**cells, "indicator": ""}
            if not text.strip():
                return
        context_only = raw_indicator and not text.strip() and not cells.get("cause")
        if context_only and self._context_row(number, raw_indicator):
            return
        mentioned = mentioned_numbers(text)
        if not raw_indicator and (len(mentioned) > 1 or (mentioned and self.tool)):
            for indicator_number, words in split_by_indicator(text):
                self._add_draft(
                    number,
                    {**cells, "indicator": str(indicator_number), "text": words},
                    split_from=len(mentioned),
                )
            return
        self._add_draft(number, cells)

    def _context_row(self, number: int, raw: str) -> bool:
        """A row holding only an indicator (and perhaps its score): it sets the indicator of
        the rows below and is checked against the score, never saved as a finding."""
        found = read_indicator(raw, self.indicators)
        if len(found) != 1:
            return False
        indicator = found[0]
        self.previous = indicator
        score = _SCORE.search(to_arabic_digits(raw))
        known = self.scores.get(indicator.pk)
        said = _("แถว %(row)s: ตัวชี้วัดที่ %(n)s") % {
            "row": number,
            "n": screen_digits(indicator.number),
        }
        if score and known is not None and Decimal(score.group(1)) != known:
            said += " " + _("(ตารางเขียน %(typed)s คะแนน ผลการประเมินบันทึกไว้ %(known)s)") % {
                "typed": screen_digits(score.group(1)),
                "known": screen_digits(known),
            }
        self.context.append(said)
        return True

    def _add_draft(self, number: int, cells: dict[str, str], *, split_from: int = 0) -> None:
        draft = DraftFinding(
            row=number,
            indicator_raw=cells.get("indicator", ""),
            text=cells.get("text", "")[:MAX_TEXT],
            root_cause=cells.get("cause", "")[:MAX_TEXT],
            recommendation=cells.get("recommendation", "")[:MAX_TEXT],
        )
        self._indicator(draft)
        if split_from > 1:
            draft.notices.append(
                _("แยกจากข้อความของแถวนี้ที่กล่าวถึง %(n)s ตัวชี้วัด") % {"n": screen_digits(split_from)}
            )
        self._items(draft, cells.get("items", ""))
        self._codes_in_words(draft)
        if draft.indicator is None and draft.choice is None:
            draft.choice = IndicatorChoice(indicator_key(number), "", self.indicators)
            draft.problems.append(_("ยังไม่ระบุตัวชี้วัด กรุณาเลือก"))
        self._kind(draft, cells.get("kind", ""))
        if not draft.text:
            draft.problems.append(str(NO_TEXT))
        if draft.indicator and (draft.indicator.pk, pasted.key(draft.text)) in self.existing:
            draft.duplicate = True
            draft.notices.append(_("มีข้อค้นพบนี้ในตัวชี้วัดเดียวกันแล้ว จะไม่เพิ่มซ้ำ"))
        draft.part = sum(1 for d in self.drafts if d.row == number)
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
                    % {"n": screen_digits(self.previous.number)}
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
                            f"{screen_digits(i.number)} {i.name}" for i in candidates
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
                % {"codes": ", ".join(unknown), "year": screen_digits(self.year)}
            )
        if leftover:
            draft.problems.append(_not_a_code(leftover))
        if draft.indicator is None and items and not draft.choice:
            owners = {item.indicator for item in items}
            if len(owners) == 1:
                draft.indicator = owners.pop()
                draft.notices.append(
                    _("อ่านตัวชี้วัดที่ %(n)s จากรหัสข้อคำถาม")
                    % {"n": screen_digits(draft.indicator.number)}
                )
                self.previous = draft.indicator
        if draft.indicator:
            strays = stray_items(draft.indicator, items)
            if strays:
                draft.problems.append(stray_items_message(draft.indicator, strays))
        draft.items = items

    def _codes_in_words(self, draft: DraftFinding) -> None:
        """Codes the finding's words cite ("ข้อ ๒", "I25", "0๑๕"), read by the tool of its
        indicator, join the questions; one of another indicator stays in the words only."""
        tool = draft.indicator.tool if draft.indicator else (self.tool or "")
        cited = codes_in_text(draft.text, tool)
        known = [c for c in cited if c in self.items]
        unknown = [c for c in cited if c not in self.items]
        own = [self.items[c] for c in known]
        if draft.indicator:
            elsewhere = stray_items(draft.indicator, own)
            own = [item for item in own if item not in elsewhere]
            if elsewhere:
                draft.notices.append(
                    _("ข้อความอ้างถึง %(codes)s ของตัวชี้วัดอื่น จึงไม่ผูกกับข้อค้นพบนี้ (ข้อความยังอยู่ครบ)")
                    % {"codes": ", ".join(item.code for item in elsewhere)}
                )
        if unknown:  # asked, never dropped: the person gives the right code or none
            problem = str(UNKNOWN_CODES) % {
                "codes": ", ".join(unknown),
                "year": screen_digits(self.year),
            }
            draft.code_problems.append(problem)
            draft.problems.append(problem)
        merged = list(dict.fromkeys([*draft.items, *own]))
        draft.items = sorted(merged, key=lambda item: (item.code[0], int(item.code[1:] or 0)))

    def _kind(self, draft: DraftFinding, raw: str) -> None:
        kind = _kind_of(raw) if raw else None
        if raw and kind is None:
            draft.notices.append(_("ไม่เข้าใจประเภท '%(raw)s' จะอ่านจากคะแนนแทน") % {"raw": raw[:40]})
        if kind is None and is_praise(draft.text):
            kind = Finding.Kind.STRENGTH
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
            f"{item.code} ({_('ตัวชี้วัดที่')} {screen_digits(item.indicator.number)})" for item in strays
        ),
        "number": screen_digits(indicator.number),
        "name": indicator.name,
    }

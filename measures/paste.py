"""A measures table pasted from Word or Excel, read into draft measures for a preview.

The table is read by itatrack.pasted. Nothing here writes: the preview shows what was
understood, ambiguous question codes and owners wait for the user's choice, and
do_import_measures saves only after confirmation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from itertools import pairwise
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from itatrack import pasted
from itatrack.models import Department
from itatrack.nacc_codes import CodeMatch, codes_after_kho, codes_in_line, resolve
from itatrack.pasted import PasteError, read_rows
from itatrack.thai import (
    ReadPeriod,
    fiscal_year_bounds,
    read_period,
    screen_date,
    screen_digits,
    to_arabic_digits,
)
from measures.models import IssueArea

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_CHARS = 200_000
FIELDS: dict[str, tuple[StrOrPromise, tuple[str, ...]]] = {
    "issue_area": (gettext_lazy("ประเด็น"), ("ประเด็น",)),
    "question": (gettext_lazy("ข้อคำถาม"), ("ข้อคำถาม", "ข้อคำถาม/รายการ")),
    "finding": (gettext_lazy("ข้อค้นพบ"), ("ข้อค้นพบ",)),
    "title": (
        gettext_lazy("มาตรการ/แนวทาง"),
        ("มาตรการ/แนวทาง", "มาตรการ", "แนวทาง", "มาตรการ/กิจกรรม", "โครงการ/กิจกรรม"),
    ),
    "steps": (
        gettext_lazy("วิธีการดำเนินการ/ขั้นตอน"),
        (
            "ขั้นตอน/วิธีการปฏิบัติ",
            "วิธีการดำเนินการ",
            "ขั้นตอน",
            "วิธีการปฏิบัติ",
            "ขั้นตอน/วิธีการดำเนินการ",
            "การกำหนดขั้นตอนและแนวทางปฏิบัติ",
        ),
    ),
    "owners": (
        gettext_lazy("ผู้รับผิดชอบ"),
        ("ผู้รับผิดชอบ", "ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง", "การมอบหมายส่วนราชการ/เจ้าหน้าที่ผู้รับผิดชอบ"),
    ),
    "period": (gettext_lazy("ระยะเวลาดำเนินการ"), ("ระยะเวลาดำเนินการ", "ระยะเวลา")),
    "follow_up": (gettext_lazy("การติดตามผล"), ("การติดตามผล", "แนวทางการกำกับติดตามรายงานผล")),
    "note": (gettext_lazy("หมายเหตุ"), ("หมายเหตุ",)),
    "budget": (gettext_lazy("งบประมาณ (บาท)"), ("งบประมาณ", "งบประมาณ(บาท)")),
}
ALL_DEPARTMENTS = ("ทุกสำนัก/กอง", "ทุกสำนัก", "ทุกกอง", "ทุกส่วนราชการ", "ทุกหน่วยงาน")


_key = pasted.key
_LABELS = {_key(label): name for name, (_title, labels) in FIELDS.items() for label in labels}


def _is_header(row: list[str]) -> bool:
    return pasted.is_header(row, _LABELS)


def detect_mapping(rows: list[list[str]]) -> dict[int, str]:
    return pasted.detect_mapping(rows, _LABELS)


_NUMBERED = re.compile(r"(?:^|(?<=\s))(?=\d{1,2}\s*[.)]\s*\D)")
_BULLET = re.compile(r"(?:^|(?<=\s))(?=[-•]\s*\S)")
_MARKER = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[-•])\s*")
_STARTS_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)]\s*\D")


@dataclass
class _Piece:
    kind: str  # "number", "bullet" or "plain"
    written: str  # as typed, marker included
    body: str  # without its marker


def _pieces(line: str) -> list[_Piece]:
    """One line of a cell cut at its list markers. Word flattens a cell's lines, so a line may
    hold a whole list, or a preamble and a list, or numbered items with bullets under them."""
    # Thai digits map one to one onto Arabic ones, so positions found in the Arabic copy cut
    # the original line, which keeps its own digits.
    arabic = to_arabic_digits(line)
    numbers = [m.start() for m in _NUMBERED.finditer(arabic)]
    bullets = [m.start() for m in _BULLET.finditer(arabic)]
    if _STARTS_NUMBERED.match(arabic):
        under = [b for b in bullets if b > numbers[0]]
        # Two bullets or more under numbered items are a nested list; one is likely a dash.
        cuts = numbers + (under if len(under) >= 2 else [])
    elif re.match(r"^\s*[-•]", arabic):
        cuts = bullets
    elif len(numbers) >= 2:  # a preamble, then a numbered list ("…ดังนี้ ๑) … ๒) …")
        cuts = numbers + [b for b in bullets if b > numbers[0]]
    else:
        cuts = bullets
    pieces = []
    for start, end in pairwise(sorted({0, *cuts, len(line)})):
        written = line[start:end].strip()
        if not written:
            continue
        marker = _MARKER.match(arabic[start:end])
        kind = "plain"
        if marker:
            kind = "bullet" if arabic[start:end].lstrip()[0] in "-•" else "number"
        body = line[start + (marker.end() if marker else 0) : end].strip()
        if body:
            pieces.append(_Piece(kind, written, body))
    return pieces


def split_method(text: str) -> tuple[str, list[str]]:
    """(preamble, steps) of a method cell.

    A flat list ("-ปรับปรุง… -เผยแพร่…", "1.จัดตั้ง… 2.จัดทำ…", one step per line) gives one
    step per item, its marker left to the step numbering. A nested one keeps its shape: numbered
    items with bullets under them give a step per item with its bullets as lines, as written.
    Words before the list ("เพื่อให้… ดำเนินการดังนี้") are the preamble, and the items after
    them keep their own markers (๑), (๒) …), as written."""
    pieces = [piece for line in text.split("\n") for piece in _pieces(line)]
    if len({piece.kind for piece in pieces}) <= 1:
        return "", [piece.body for piece in pieces]
    preamble: list[str] = []
    while pieces and pieces[0].kind == "plain":
        preamble.append(pieces.pop(0).written)
    top = pieces[0].kind
    keep_marker = bool(preamble)
    steps: list[list[str]] = []
    for piece in pieces:
        if piece.kind == top or not steps:
            steps.append([piece.written if keep_marker else piece.body])
        else:
            steps[-1].append(piece.written)
    return "\n".join(preamble), ["\n".join(lines) for lines in steps]


def split_steps(text: str) -> list[str]:
    """The steps of a method cell, its preamble (if any) put before the first."""
    preamble, steps = split_method(text)
    return [preamble, *steps] if preamble else steps


@dataclass
class DraftMeasure:
    rows: list[int] = field(default_factory=list)
    number: int | None = None
    issue_area: IssueArea | None = None
    issue_area_text: str = ""
    title: str = ""
    method_preamble: str = ""
    steps: list[str] = field(default_factory=list)
    codes: list[CodeMatch] = field(default_factory=list)
    finding_lines: list[str] = field(default_factory=list)
    owners_text: str = ""
    departments: list[Department] = field(default_factory=list)
    owner_choices: list[OwnerChoice] = field(default_factory=list)
    owner_note: str = ""
    period_raw: str = ""
    period: ReadPeriod = field(default_factory=lambda: ReadPeriod(None, None))
    no_due_date: bool = False
    follow_up: str = ""
    note: str = ""
    budget: Decimal | None = None
    budget_source: str = ""
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def item_codes(self) -> list[str]:
        return list(dict.fromkeys(c.code for c in self.codes if c.code))

    @property
    def finding_text(self) -> str:
        return "\n".join(self.finding_lines)


@dataclass
class PastePreview:
    measures: list[DraftMeasure]
    mapping: dict[int, str]
    columns: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return (
            bool(self.measures) and not self.problems and not any(m.problems for m in self.measures)
        )

    @property
    def problem_count(self) -> int:
        return len(self.problems) + sum(len(m.problems) for m in self.measures)


class PasteContext:
    """What the rows are read against: the plan's year, the framework of the assessment it
    answers, the organisation's departments and issue areas, and the user's choices."""

    def __init__(
        self,
        fiscal_year: int,
        known_codes: dict[str, str],
        departments: list[Department],
        issue_areas: list[IssueArea],
        resolutions: dict[str, str] | None = None,
    ) -> None:
        self.fiscal_year = fiscal_year
        self.known_codes = known_codes
        self.departments = departments
        self.issue_areas = issue_areas
        self.resolutions = resolutions or {}


def due_key(measure_index: int) -> str:
    """Where the preview keeps a due date typed for a period it could not read."""
    return f"{measure_index}:due"


def resolution_key(measure_index: int, raw: str) -> str:
    return f"{measure_index}:{_key(to_arabic_digits(raw)).upper()}"


def parse(
    text: str,
    context: PasteContext,
    mapping: dict[int, str] | None = None,
    *,
    first_row_is_header: bool = False,
) -> PastePreview:
    if len(text) > MAX_CHARS:
        return PastePreview([], {}, 0, [_("ข้อความยาวเกินไป กรุณาวางทีละส่วน")])
    try:
        rows = read_rows(text)
    except PasteError as exc:
        return PastePreview([], {}, 0, [str(exc)])
    if first_row_is_header and rows and not _is_header(rows[0]):
        rows = rows[1:]
    if not rows:
        return PastePreview([], {}, 0, [_("ไม่มีข้อมูล กรุณาวางตารางที่คัดลอกจาก Word หรือ Excel")])
    columns = max(len(row) for row in rows)
    mapping = mapping if mapping is not None else detect_mapping(rows)
    problems = []
    if "title" not in mapping.values() and "steps" not in mapping.values():
        problems.append(_("กรุณาเลือกว่าคอลัมน์ใดคือ มาตรการ/แนวทาง หรือ วิธีการดำเนินการ"))
        return PastePreview([], mapping, columns, problems)
    by_field = {name: index for index, name in mapping.items()}
    measures: list[DraftMeasure] = []
    for number, row in enumerate(rows, start=1):
        if _is_header(row):
            continue
        cells = {name: row[i] if i < len(row) else "" for name, i in by_field.items()}
        starts = (
            cells.get("title")
            if "title" in by_field
            else (cells.get("steps") or cells.get("issue_area"))
        )
        if starts or not measures:
            measures.append(DraftMeasure())
        _add_row(measures[-1], number, cells, context)
    for index, draft in enumerate(measures):
        _finish(draft, index, context)
    if not measures:
        problems.append(_("ไม่พบแถวมาตรการใต้หัวตาราง"))
    return PastePreview(measures, mapping, columns, problems)


def _add_row(
    draft: DraftMeasure, number: int, cells: dict[str, str], context: PasteContext
) -> None:
    draft.rows.append(number)  # a cell past MAX_TEXT was refused by read_rows, with its place
    if cells.get("issue_area") and not draft.issue_area_text:
        draft.issue_area_text = cells["issue_area"]
    if cells.get("title") and not draft.title:
        draft.title = cells["title"]
    if cells.get("steps"):
        preamble, steps = split_method(cells["steps"])
        if preamble and not draft.method_preamble and not draft.steps:
            draft.method_preamble = preamble
        elif preamble:
            steps = [preamble, *steps]
        draft.steps += steps
    for line in cells.get("question", "").split("\n"):
        for raw, words in codes_in_line(line):
            draft.codes.append(resolve(raw, context.known_codes, words))
    for name in ("note", "finding", "title"):
        for raw in codes_after_kho(cells.get(name, "")):
            draft.codes.append(resolve(raw, context.known_codes))
    if cells.get("finding"):
        draft.finding_lines += [
            re.sub(r"^\s*[-•]\s*", "", line) for line in cells["finding"].split("\n")
        ]
    for name in ("owners", "follow_up", "note"):
        value = cells.get(name, "")
        target = "owners_text" if name == "owners" else name
        if value and not getattr(draft, target):
            setattr(draft, target, value)
    if cells.get("period") and not draft.period_raw:
        draft.period_raw = cells["period"]
    if cells.get("budget") and draft.budget is None and not draft.budget_source:
        _read_budget(draft, cells["budget"])


def _read_budget(draft: DraftMeasure, raw: str) -> None:
    text = re.sub(r"[,\s]|บาท", "", to_arabic_digits(raw))
    try:
        draft.budget = Decimal(text)
    except InvalidOperation:
        draft.budget_source = raw  # "ไม่ใช้งบประมาณ", "งบปกติ": kept as words
        return
    if draft.budget < 0:
        draft.problems.append(_("งบประมาณ '%(raw)s' ติดลบ กรุณาแก้ในตาราง") % {"raw": raw[:30]})


def _finish(draft: DraftMeasure, index: int, context: PasteContext) -> None:
    title = draft.title or (draft.steps[0] if draft.steps else "")
    arabic = to_arabic_digits(title)
    if numbered := re.match(r"^\s*(\d{1,3})\s*[.)]\s*", arabic):
        draft.number = int(numbered.group(1))
        title = title[numbered.end() :]
    draft.title = title.strip()
    if not draft.title:
        draft.problems.append(_("ไม่มีชื่อมาตรการ"))
    _match_issue_area(draft, context)
    _match_owners(draft, index, context)
    draft.period = read_period(draft.period_raw, context.fiscal_year)
    typed_due = context.resolutions.get(due_key(index), "")
    if not draft.period.understood and typed_due:
        end = dt.date.fromisoformat(typed_due)
        start = min(fiscal_year_bounds(context.fiscal_year)[0], end)
        draft.period = ReadPeriod(start, end, phrase=draft.period_raw)
        draft.notices.append(
            _("ใช้วันครบกำหนด %(date)s ที่ระบุ และเก็บระยะเวลา '%(text)s' ไว้ตามที่เขียน")
            % {"date": screen_date(end), "text": draft.period_raw}
        )
    elif not draft.period.understood:
        draft.no_due_date = True
        draft.notices.append(
            _(
                "อ่านระยะเวลา '%(text)s' เป็นวันที่ไม่ได้: มาตรการนี้จะไม่มีวันครบกำหนด จึงไม่แสดงว่า"
                "เลยกำหนดและไม่มีการแจ้งเตือน ระบุวันครบกำหนดได้ด้านล่าง"
            )
            % {"text": draft.period_raw}
        )
    elif not draft.period.within(*fiscal_year_bounds(context.fiscal_year)):
        # Last year's table pasted again is the usual cause; the dates are kept as written.
        draft.notices.append(
            _("ระยะเวลา '%(text)s' ไม่อยู่ในปีงบประมาณ %(year)s ของแผนนี้ ตรวจว่าวางตารางของปีที่ถูกต้อง")
            % {"text": draft.period_raw, "year": screen_digits(context.fiscal_year)}
        )
    # A code resolved elsewhere in the measure (usually its question column) settles the same
    # ambiguous number written in a note: "29" next to I29 means I29.
    settled = {match.code for match in draft.codes if match.code}
    for match in draft.codes:
        if match.ambiguous and len(settled & set(match.candidates)) == 1:
            match.code = (settled & set(match.candidates)).pop()
    seen = set()
    for match in draft.codes:
        key = resolution_key(index, match.raw)
        if match.ambiguous and key in context.resolutions:
            choice = context.resolutions[key]
            if choice in match.candidates:
                match.code = choice
            elif choice == "-":
                continue
        if match.ambiguous and key not in seen:
            draft.problems.append(
                _("รหัส '%(raw)s' อาจหมายถึง %(options)s กรุณาเลือก")
                % {"raw": match.raw, "options": ", ".join(match.candidates)}
            )
        elif match.unknown and key not in seen:
            draft.notices.append(
                _("ไม่พบรหัส '%(raw)s' ในกรอบการประเมิน จะไม่เชื่อมกับข้อคำถาม") % {"raw": match.raw}
            )
        seen.add(key)


def _match_issue_area(draft: DraftMeasure, context: PasteContext) -> None:
    text = draft.issue_area_text
    if not text:
        return
    arabic = to_arabic_digits(text)
    if match := re.match(r"^\s*\(?(\d{1,2})[).]", arabic):
        number = int(match.group(1))
        draft.issue_area = next((a for a in context.issue_areas if a.number == number), None)
    if draft.issue_area is None:
        name = _key(re.sub(r"^\s*\(?\d{1,2}[).]\s*", "", arabic))
        scored = sorted(
            (
                (SequenceMatcher(None, name, _key(a.name)).ratio(), a.number, a)
                for a in context.issue_areas
            ),
            reverse=True,
        )
        if scored and scored[0][0] >= 0.6:
            draft.issue_area = scored[0][2]
    if draft.issue_area is None:
        draft.notices.append(
            _("ไม่พบประเด็น '%(text)s' ในรายการประเด็นของหน่วยงาน") % {"text": text[:60]}
        )


# Short forms clerks write for the usual departments of a local government.
SHORT_FORMS = {
    "สป": "สำนักปลัด",
    "สนป": "สำนักปลัด",
    "กค": "กองคลัง",
    "กช": "กองช่าง",
    "กศ": "กองการศึกษา",
    "กสธ": "กองสาธารณสุข",
    "กยผ": "กองยุทธศาสตร์และงบประมาณ",
}
_TITLES = re.compile(r"^(?:ผอ\.?|ผู้อำนวยการ|หัวหน้า|หน\.)(?=สำนัก|กอง|ส่วน|งาน)")


def owner_key(token: str) -> str:
    """A written owner, compared without spaces, ฯ (the abbreviation mark), a final dot or a
    head's title: "ผอ.กองช่าง" is กองช่าง, "สำนักปลัดฯ" and "สป." are สำนักปลัด…"""
    key = _TITLES.sub("", _key(token)).replace("ฯ", "").rstrip(".")
    return SHORT_FORMS.get(key.replace(".", ""), key)


def owner_resolution_key(measure_index: int, token: str) -> str:
    return f"{measure_index}:owner:{owner_key(token)}"


@dataclass
class OwnerChoice:
    raw: str
    key: str
    candidates: list[Department]
    chosen: Department | None = None


def _match_owners(draft: DraftMeasure, index: int, context: PasteContext) -> None:
    text = draft.owners_text
    if not text:
        return
    if _key(text) in {_key(p) for p in ALL_DEPARTMENTS}:
        draft.departments = list(context.departments)
        return
    unmatched = []
    for token in _owner_tokens(text, context.departments):
        found = candidates(token, context.departments)
        if len(found) > 1:
            choice = OwnerChoice(token, owner_resolution_key(index, token), found)
            picked = context.resolutions.get(choice.key)
            choice.chosen = next((d for d in found if str(d.pk) == picked), None)
            draft.owner_choices.append(choice)
            if choice.chosen:
                found = [choice.chosen]
            elif picked == "-":
                found = []
            else:
                draft.problems.append(
                    _("ผู้รับผิดชอบ '%(raw)s' อาจหมายถึง %(options)s กรุณาเลือก")
                    % {"raw": token, "options": ", ".join(d.name for d in found)}
                )
                continue
        if found:
            if found[0] not in draft.departments:
                draft.departments.append(found[0])
        else:
            unmatched.append(token)
    draft.owner_note = ", ".join(unmatched)
    if unmatched:
        draft.notices.append(
            _(
                "ไม่พบส่วนราชการ '%(text)s' ของหน่วยงาน จะบันทึกเป็นข้อความ "
                "ตัวกรองส่วนราชการและการแจ้งเตือนจะไม่พบมาตรการนี้จนกว่าจะเลือกส่วนราชการ"
            )
            % {"text": draft.owner_note}
        )


def _owner_tokens(text: str, departments: list[Department]) -> list[str]:
    """The owners of a cell: split at / , ; and line breaks, and at และ only where the pieces
    are departments (กองการศึกษา ศาสนาและวัฒนธรรม is one)."""
    tokens = []
    for piece in re.split(r"\s*(?:/|,|\n|;)\s*", text):
        piece = re.sub(r"^\s*[-•]\s*", "", piece).strip()
        if not piece:
            continue
        parts = [p.strip() for p in re.split(r"\s*และ\s*", piece) if p.strip()]
        named = any(owner_key(d.name) == owner_key(piece) for d in departments)
        if len(parts) > 1 and not named and all(candidates(p, departments) for p in parts):
            tokens += parts
        else:
            tokens.append(piece)
    return tokens


def candidates(token: str, departments: list[Department]) -> list[Department]:
    """The departments a written owner may be: the one of that name, else those it abbreviates
    ("สำนักปลัด" for สำนักปลัดเทศบาล) or that it names with more words."""
    key = owner_key(token)
    if not key:
        return []
    keys = [(owner_key(d.name), d) for d in departments]
    exact = [d for k, d in keys if k == key]
    if exact:
        return exact[:1]
    return [d for k, d in keys if k.startswith(key) or key.startswith(k)]

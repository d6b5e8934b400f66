"""A yearly results table pasted from Word or Excel (the app's own results annex, or the usual
variants: measure | activities | owner | period | results | outcome, with issue-area rows),
read onto the plan's existing measures: the results become follow-ups, the outcome the
measure's outcome. Rows are matched to measures by their number and title, and asked when the
two disagree or nothing matches. What is already there is not added again. Nothing here
writes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from itatrack import pasted
from itatrack.thai import screen_digits, to_arabic_digits
from measures.models import Measure, Plan

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_CHARS = 200_000
FIELDS: dict[str, tuple[StrOrPromise, tuple[str, ...]]] = {
    "number": (gettext_lazy("ลำดับ"), ("ลำดับ", "ลำดับที่", "ที่", "มาตรการที่")),
    "measure": (
        gettext_lazy("มาตรการ"),
        (
            "วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ",
            "มาตรการ",
            "มาตรการ/แนวทาง",
            "ชื่อมาตรการ",
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        ),
    ),
    "activities": (
        gettext_lazy("กิจกรรม"),
        ("มาตรการ/กิจกรรม", "กิจกรรม", "โครงการ/กิจกรรม", "วิธีการดำเนินการ", "ขั้นตอน"),
    ),
    "owners": (
        gettext_lazy("ผู้รับผิดชอบ"),
        ("ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง", "ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ"),
    ),
    "period": (
        gettext_lazy("ระยะเวลา"),
        (
            "ระยะเวลาดำเนินการ",
            "ระยะเวลา",
            "วัน/เดือน/ปีที่ดำเนินการ",
            "ระยะเวลาที่ดำเนินการ",
        ),
    ),
    "results": (
        gettext_lazy("ผลการดำเนินการ"),
        ("ผลการดำเนินการ", "ผลการดำเนินงาน", "ผลการปฏิบัติงาน"),
    ),
    "outcome": (
        gettext_lazy("ผลลัพธ์"),
        (
            "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
            "ผลลัพธ์",
            "ผลสัมฤทธิ์",
            "ผลลัพธ์ที่ได้รับ",
            "ความสำเร็จของการดำเนินการ",
        ),
    ),
}
LABELS = {pasted.key(label): name for name, (_t, labels) in FIELDS.items() for label in labels}
_AREA = re.compile(r"^\s*(?:ประเด็น(?:ที่)?\s*(\d{1,2})|\((\d{1,2})\))\s*(.*)$", re.S)
_NUMBERED = re.compile(r"^\s*(\d{1,3})\s*[.)]\s*")
SURE = 0.6  # a title this close to a measure's is that measure
UNSURE = 0.35  # below this a numbered row's title is not its number's measure


@dataclass
class ResultRow:
    row: int
    raw_title: str
    results: str = ""
    outcome: str = ""
    area: str = ""
    measure: Measure | None = None
    candidates: list[Measure] = field(default_factory=list)
    adds_follow_up: bool = False
    sets_outcome: bool = False
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.row}:m"

    @property
    def adds_nothing(self) -> bool:
        return not (self.adds_follow_up or self.sets_outcome)


@dataclass
class ResultsPreview:
    rows: list[ResultRow]
    mapping: dict[int, str]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return (
            not self.problems
            and not any(r.problems for r in self.rows)
            and any(not r.adds_nothing for r in self.rows)
        )

    @property
    def follow_up_count(self) -> int:
        return sum(r.adds_follow_up for r in self.rows)

    @property
    def outcome_count(self) -> int:
        return sum(r.sets_outcome for r in self.rows)


def _similar(a: str, b: str) -> float:
    a, b = pasted.key(a)[:160], pasted.key(b)[:160]
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def parse(text: str, plan: Plan, resolutions: dict[str, str] | None = None) -> ResultsPreview:
    resolutions = resolutions or {}
    if len(text) > MAX_CHARS:
        return ResultsPreview([], {}, [_("ตารางยาวเกินไป กรุณาวางทีละส่วน")])
    try:
        rows = pasted.read_rows(text)
    except pasted.PasteError as exc:
        return ResultsPreview([], {}, [str(exc)])
    mapping = pasted.detect_mapping(rows, LABELS)
    missing = [str(FIELDS[f][0]) for f in ("measure", "results") if f not in mapping.values()]
    if "outcome" in mapping.values() and "results" not in mapping.values():
        missing = [str(FIELDS["measure"][0])] if "measure" not in mapping.values() else []
    if missing:
        return ResultsPreview(
            [],
            mapping,
            [
                _("ไม่พบคอลัมน์ %(columns)s ในหัวตาราง กรุณาวางตารางพร้อมแถวหัวตาราง")
                % {"columns": ", ".join(missing)}
            ],
        )
    measures = list(plan.measures.prefetch_related("follow_ups").order_by("number"))
    found: list[ResultRow] = []
    area = ""
    for number, row in enumerate(rows, start=1):
        if pasted.is_header(row, LABELS):
            continue
        cells = {name: row[i] if i < len(row) else "" for i, name in mapping.items()}
        filled = [c for c in row if c.strip()]
        if len(filled) == 1 and _AREA.match(to_arabic_digits(filled[0])):
            area = filled[0]  # an issue-area row: the measures below belong to it
            continue
        title = cells.get("measure", "").strip()
        written_number = to_arabic_digits(cells.get("number", "")).strip().rstrip(".")
        if title and written_number.isdigit() and not _NUMBERED.match(to_arabic_digits(title)):
            title = f"{written_number}. {title}"  # the number in a column of its own
        if not title:
            if found and (cells.get("results") or cells.get("outcome")):
                _continue(found[-1], cells)  # a merged measure cell: more of the row above
            continue
        result = ResultRow(
            row=number,
            raw_title=title,
            results=cells.get("results", "").strip(),
            outcome=cells.get("outcome", "").strip(),
            area=area,
        )
        _match(result, measures, resolutions)
        found.append(result)
    for result in found:
        _plan_changes(result)
    if not found:
        return ResultsPreview([], mapping, [_("ไม่พบแถวของมาตรการใต้หัวตาราง")])
    return ResultsPreview(found, mapping, [])


def _continue(result: ResultRow, cells: dict[str, str]) -> None:
    for name in ("results", "outcome"):
        more = cells.get(name, "").strip()
        if more:
            current = getattr(result, name)
            setattr(result, name, f"{current}\n{more}" if current else more)


def _match(result: ResultRow, measures: list[Measure], resolutions: dict[str, str]) -> None:
    chosen = resolutions.get(result.key, "")
    if chosen.isdigit():
        result.measure = next((m for m in measures if m.pk == int(chosen)), None)
        if result.measure:
            return
    arabic = to_arabic_digits(result.raw_title)
    numbered = _NUMBERED.match(arabic)
    title = result.raw_title[numbered.end() :] if numbered else result.raw_title
    scored = sorted(((_similar(title, m.title), m) for m in measures), key=lambda p: -p[0])
    by_number = (
        next((m for m in measures if m.number == int(numbered.group(1))), None)
        if numbered
        else None
    )
    if by_number is not None and _similar(title, by_number.title) >= UNSURE:
        result.measure = by_number
    elif (
        scored and scored[0][0] >= SURE and (len(scored) == 1 or scored[0][0] - scored[1][0] > 0.1)
    ):
        result.measure = scored[0][1]
    if result.measure is None:
        result.candidates = [m for _score, m in scored[:5]] or measures
        result.problems.append(
            _("ไม่แน่ใจว่าแถว '%(title)s' คือมาตรการใดของแผน กรุณาเลือก")
            % {"title": result.raw_title[:80]}
        )


def _plan_changes(result: ResultRow) -> None:
    measure = result.measure
    if measure is None:
        return
    said = {pasted.key(f.text) for f in measure.follow_ups.all()}
    if result.results and pasted.key(result.results) not in said:
        if measure.is_open:
            result.adds_follow_up = True
        else:
            result.notices.append(
                _("มาตรการที่ %(n)s ปิดแล้ว ผลการดำเนินการจะไม่ถูกเพิ่ม")
                % {"n": screen_digits(measure.number)}
            )
    elif result.results:
        result.notices.append(_("มีผลการดำเนินการนี้แล้ว จะไม่เพิ่มซ้ำ"))
    if result.outcome and pasted.key(result.outcome) != pasted.key(measure.outcome_text):
        result.sets_outcome = True
        if measure.outcome_text:
            result.notices.append(_("จะแทนที่ผลลัพธ์เดิมของมาตรการนี้"))

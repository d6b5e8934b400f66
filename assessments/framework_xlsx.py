"""A year's framework as a workbook an operator can fill from NACC's manual, and back.

Five sheets, each a header row and one row per thing: the year's settings (label, value), the
level bands, the indicators, the sub-indicators and the items. Reading is lenient about what
people type (Thai digits, "o25" for O25, a title row above the header, blank lines) and strict
about what the framework needs; every problem names its sheet and row, in Thai.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from assessments.importing import Cell, ImportFileError, normalise_code, read_workbook
from assessments.models import Framework, Item
from itatrack.cleantext import MAX_TEXT
from itatrack.spreadsheets import formula_safe
from itatrack.thai import screen_number, to_arabic_digits
from itatrack.uploads import too_large

SETTINGS = "กรอบการประเมิน"
BANDS = "ระดับ"
INDICATORS = "ตัวชี้วัด"
SUBS = "ตัวชี้วัดย่อย"
ITEMS = "รายการ"

SETTING_LABELS = {
    "fiscal_year": "ปีงบประมาณ (พ.ศ.)",
    "pass_mark": "เกณฑ์ผ่าน",
    "IIT": "น้ำหนัก IIT (%)",
    "EIT": "น้ำหนัก EIT (%)",
    "OIT": "น้ำหนัก OIT (%)",
    "notes": "ที่มาและข้อที่ยังไม่ยืนยัน",
}
HEADERS = {
    BANDS: ["ระดับ", "คะแนนขั้นต่ำ"],
    INDICATORS: ["ตัวชี้วัดที่", "ชื่อตัวชี้วัด", "เครื่องมือ", "น้ำหนักในเครื่องมือ (%)"],
    SUBS: ["ตัวชี้วัดที่", "รหัสตัวชี้วัดย่อย", "ชื่อตัวชี้วัดย่อย"],
    ITEMS: ["ลำดับ", "รหัส", "ตัวชี้วัดที่", "ตัวชี้วัดย่อย", "ข้อคำถาม/รายการ", "มาตรวัด", "สถานะ"],
}
SCALE_WORDS = {
    "๔ ระดับ": Item.Scale.FOUR_LEVEL,
    "4 ระดับ": Item.Scale.FOUR_LEVEL,
    "มี/ไม่มี": Item.Scale.YES_NO,
    "ผ่าน/ไม่ผ่าน": Item.Scale.PASS_FAIL,
}
RETIRED = "เลิกใช้"
IN_USE = "ใช้"
CODE = re.compile(r"^([IEO])0*([1-9][0-9]{0,2})$")
TOOLS = ("IIT", "EIT", "OIT")


# --- writing -----------------------------------------------------------------------------------


def export(framework: Framework) -> bytes:
    """The year as the workbook `parse` reads: what an operator downloads, corrects and loads."""
    workbook = Workbook()
    values = workbook.active
    values.title = SETTINGS
    values.append(["รายการ", "ค่า"])
    weights = {
        "IIT": framework.iit_weight,
        "EIT": framework.eit_weight,
        "OIT": framework.oit_weight,
    }
    values.append([SETTING_LABELS["fiscal_year"], framework.fiscal_year])
    values.append([SETTING_LABELS["pass_mark"], framework.pass_mark])
    for tool in TOOLS:
        values.append([SETTING_LABELS[tool], weights[tool]])
    values.append([SETTING_LABELS["notes"], formula_safe(framework.notes)])
    sheets = {name: workbook.create_sheet(name) for name in (BANDS, INDICATORS, SUBS, ITEMS)}
    for name, sheet in sheets.items():
        sheet.append(HEADERS[name])
    for band in framework.bands.all():
        sheets[BANDS].append([band.level, band.min_score])
    indicators = list(framework.indicators.prefetch_related("subs"))
    for indicator in indicators:
        sheets[INDICATORS].append(
            [indicator.number, formula_safe(indicator.name), indicator.tool, indicator.weight]
        )
        for sub in indicator.subs.all():
            sheets[SUBS].append([indicator.number, sub.code, formula_safe(sub.name)])
    scale_labels = dict(Item.Scale.choices)
    items = framework.items.select_related("indicator", "sub_indicator")
    for order, item in enumerate(items, start=1):
        sheets[ITEMS].append(
            [
                order,
                item.code,
                item.indicator.number,
                item.sub_indicator.code if item.sub_indicator else None,
                formula_safe(item.text),
                str(scale_labels[item.scale]),
                RETIRED if item.retired else IN_USE,
            ]
        )
    _dress(workbook, len(items))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _dress(workbook: Workbook, item_count: int) -> None:
    widths = {
        SETTINGS: [28, 60],
        BANDS: [10, 14],
        INDICATORS: [12, 40, 12, 22],
        SUBS: [12, 18, 60],
        ITEMS: [8, 8, 12, 14, 80, 14, 10],
    }
    for sheet in workbook.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, width in enumerate(widths[sheet.title]):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        sheet.freeze_panes = "A2"
    items = workbook[ITEMS]
    for row in items.iter_rows(min_row=2, min_col=5, max_col=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = max(item_count + 200, 300)
    scales = DataValidation(type="list", formula1='"๔ ระดับ,มี/ไม่มี,ผ่าน/ไม่ผ่าน"', allow_blank=True)
    state = DataValidation(type="list", formula1=f'"{IN_USE},{RETIRED}"', allow_blank=True)
    tools = DataValidation(type="list", formula1='"IIT,EIT,OIT"', allow_blank=False)
    items.add_data_validation(scales)
    items.add_data_validation(state)
    workbook[INDICATORS].add_data_validation(tools)
    scales.add(f"F2:F{last}")
    state.add(f"G2:G{last}")
    tools.add("C2:C40")


# --- reading -----------------------------------------------------------------------------------


@dataclass
class RowProblem:
    sheet: str
    row: int
    problems: list[str]


@dataclass
class FrameworkFile:
    spec: dict[str, Any]
    problems: list[str] = field(default_factory=list)  # of the file as a whole
    rows: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.rows

    @property
    def fiscal_year(self) -> int | None:
        return self.spec.get("fiscal_year")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _number(value: Any) -> Decimal | None:
    """A number as typed: Thai or Arabic digits, a comma or a stray space; None when blank."""
    text = to_arabic_digits(_text(value)).replace(",", "").replace(" ", "").rstrip("%")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


def _sheet(sheets: dict[str, list[list[Cell]]], name: str) -> list[list[Cell]] | None:
    for title, rows in sheets.items():
        if title == name:
            return rows
    for title, rows in sheets.items():  # "รายการ (แก้ไข)", "ตัวชี้วัด 2570"
        if title.startswith(name) and not (name == INDICATORS and title.startswith(SUBS)):
            return rows
    return None


def _table(
    rows: list[list[Cell]], header: list[str]
) -> tuple[dict[str, int], list[tuple[int, list[Any]]]] | None:
    """(column of each header name, [(row number, values)]) below the header row, found as the
    first row that names the first column; None when there is none."""
    for index, row in enumerate(rows):
        names = [_text(c.value) for c in row]
        if header[0] not in names:
            continue
        columns: dict[str, int] = {}
        for name in header:
            for column, typed in enumerate(names):
                if typed == name or (typed and name.startswith(typed.split(" (")[0])):
                    columns.setdefault(name, column)
                    break
        body = []
        for number, cells in enumerate(rows[index + 1 :], start=index + 2):
            values = [c.value for c in cells]
            if any(_text(v) for v in values):
                body.append((number, values))
        return columns, body
    return None


class _Reader:
    def __init__(self, sheets: dict[str, list[list[Cell]]]) -> None:
        self.sheets = sheets
        self.result = FrameworkFile(spec={})

    def problem(self, message: str) -> None:
        self.result.problems.append(message)

    def row_problems(self, sheet: str, number: int, problems: list[str]) -> None:
        if problems:
            self.result.rows.append(RowProblem(sheet, number, problems))

    def table(self, name: str, *, required: bool = True) -> list[tuple[int, dict[str, Any]]]:
        rows = _sheet(self.sheets, name)
        header = HEADERS[name]
        if rows is None:
            if required:
                self.problem(_("ไม่พบแผ่นงาน “%(sheet)s” ในไฟล์") % {"sheet": name})
            return []
        found = _table(rows, header)
        if found is None:
            self.problem(
                _("แผ่นงาน “%(sheet)s” ไม่มีแถวหัวตารางที่มีช่อง “%(column)s”")
                % {"sheet": name, "column": header[0]}
            )
            return []
        columns, body = found
        missing = [name for name in header if name not in columns and name != "สถานะ"]
        if missing:
            self.problem(
                _("แผ่นงาน “%(sheet)s” ไม่มีคอลัมน์ %(columns)s")
                % {"sheet": name, "columns": ", ".join(f"“{m}”" for m in missing)}
            )
            return []
        return [
            (
                number,
                {
                    key: values[column] if column < len(values) else None
                    for key, column in columns.items()
                },
            )
            for number, values in body
        ]

    # --- each sheet

    def read(self) -> FrameworkFile:
        spec = self.result.spec
        self.read_settings(spec)
        spec["bands"] = self.read_bands()
        spec["indicators"], spec["indicator_weights"] = self.read_indicators()
        self.read_subs(spec["indicators"])
        spec["items"] = self.read_items(spec["indicators"])
        return self.result

    def read_settings(self, spec: dict[str, Any]) -> None:
        rows = _sheet(self.sheets, SETTINGS)
        if rows is None:
            self.problem(_("ไม่พบแผ่นงาน “%(sheet)s” ในไฟล์") % {"sheet": SETTINGS})
            return
        typed: dict[str, tuple[int, Any]] = {}
        for number, row in enumerate(rows, start=1):
            label = _text(row[0].value) if row else ""
            for key, wanted in SETTING_LABELS.items():
                if label and (label == wanted or wanted.startswith(label.split(" (")[0])):
                    typed.setdefault(key, (number, row[1].value if len(row) > 1 else None))
        year_row, year = typed.get("fiscal_year", (0, None))
        try:
            value = _number(year)
        except ValueError:
            value = None
        if value is None or value != int(value) or not 2560 <= value <= 2700:
            self.problem(
                _("แผ่นงาน “%(sheet)s” ต้องมีปีงบประมาณ (พ.ศ.) เช่น ๒๕๗๐") % {"sheet": SETTINGS}
            )
        else:
            spec["fiscal_year"] = int(value)
        spec["pass_mark"] = str(self.setting(typed, "pass_mark", default=Decimal("85")))
        weights = {tool: self.setting(typed, tool) for tool in TOOLS}
        known = [w for w in weights.values() if w is not None]
        if known and (len(known) != 3 or sum(known) != 100):
            self.problem(_("น้ำหนักของ IIT, EIT และ OIT ต้องใส่ครบทั้งสามและรวมกันได้ ๑๐๐ หรือเว้นว่างทั้งหมด"))
        spec["weights"] = {t: str(w) for t, w in weights.items()} if len(known) == 3 else None
        notes = typed.get("notes", (0, None))[1]
        spec["notes"] = ("" if notes is None else str(notes).replace("\r\n", "\n").strip())[
            :MAX_TEXT
        ]
        spec["fiscal_year_row"] = year_row

    def setting(
        self, typed: dict[str, tuple[int, Any]], key: str, default: Decimal | None = None
    ) -> Decimal | None:
        number, raw = typed.get(key, (0, None))
        try:
            value = _number(raw)
        except ValueError:
            self.row_problems(
                SETTINGS,
                number,
                [_("%(label)s ต้องเป็นตัวเลข") % {"label": SETTING_LABELS[key]}],
            )
            return default
        if value is None:
            return default
        if not 0 <= value <= 100:
            self.row_problems(
                SETTINGS,
                number,
                [_("%(label)s ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐") % {"label": SETTING_LABELS[key]}],
            )
            return default
        return value

    def read_bands(self) -> list[dict[str, str]]:
        bands = []
        for number, row in self.table(BANDS):
            problems = []
            level = _text(row["ระดับ"]).upper()
            try:
                minimum = _number(row["คะแนนขั้นต่ำ"])
            except ValueError:
                minimum = None
            if not level or len(level) > 4:
                problems.append(_("ระดับต้องเป็นตัวอักษรไม่เกิน ๔ ตัว เช่น AA"))
            if minimum is None or not 0 <= minimum <= 100:
                problems.append(_("คะแนนขั้นต่ำต้องเป็นตัวเลข ๐ ถึง ๑๐๐"))
            self.row_problems(BANDS, number, problems)
            if not problems:
                bands.append({"level": level, "min": f"{minimum:.2f}"})
        minimums = [Decimal(b["min"]) for b in bands]
        levels = [b["level"] for b in bands]
        if not bands:
            self.problem(_("แผ่นงาน “%(sheet)s” ไม่มีระดับผลการประเมิน") % {"sheet": BANDS})
        elif len(set(levels)) != len(levels):
            self.problem(_("ระดับซ้ำกัน"))
        elif minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
            self.problem(_("คะแนนขั้นต่ำต้องเรียงจากมากไปน้อยและไม่ซ้ำกัน"))
        elif minimums[-1] != 0:
            self.problem(_("ระดับต่ำสุดต้องเริ่มที่ ๐ คะแนน"))
        return bands

    def read_indicators(self) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
        indicators: list[dict[str, Any]] = []
        weights: dict[str, Decimal] = {}
        seen: set[int] = set()
        for number, row in self.table(INDICATORS):
            problems = []
            try:
                value = _number(row["ตัวชี้วัดที่"])
            except ValueError:
                value = None
            name = _text(row["ชื่อตัวชี้วัด"])
            tool = _text(row["เครื่องมือ"]).upper()
            if value is None or value != int(value) or not 1 <= value <= 99:
                problems.append(_("ตัวชี้วัดที่ต้องเป็นเลขจำนวนเต็ม ๑ ถึง ๙๙"))
            elif int(value) in seen:
                problems.append(
                    _("ตัวชี้วัดที่ %(n)s ซ้ำกับแถวก่อนหน้า") % {"n": screen_number(int(value), 0)}
                )
            if not name:
                problems.append(_("ต้องมีชื่อตัวชี้วัด"))
            elif len(name) > 200:
                problems.append(_("ชื่อตัวชี้วัดยาวเกิน ๒๐๐ ตัวอักษร"))
            if tool not in TOOLS:
                problems.append(_("เครื่องมือต้องเป็น IIT, EIT หรือ OIT"))
            try:
                weight = _number(row["น้ำหนักในเครื่องมือ (%)"])
            except ValueError:
                weight = None
                problems.append(_("น้ำหนักต้องเป็นตัวเลข"))
            if weight is not None and not 0 < weight <= 100:
                problems.append(_("น้ำหนักต้องมากกว่า ๐ และไม่เกิน ๑๐๐"))
            self.row_problems(INDICATORS, number, problems)
            if problems or value is None:
                continue
            seen.add(int(value))
            indicators.append({"number": int(value), "name": name, "tool": tool, "subs": []})
            if weight is not None:
                weights[str(int(value))] = weight
        for tool in TOOLS:
            numbers = [str(i["number"]) for i in indicators if i["tool"] == tool]
            given = [weights[n] for n in numbers if n in weights]
            if given and (len(given) != len(numbers) or sum(given) != 100):
                self.problem(
                    _("น้ำหนักของตัวชี้วัดใน %(tool)s ต้องใส่ครบทุกตัวและรวมกันได้ ๑๐๐ หรือเว้นว่างทั้งหมด")
                    % {"tool": tool}
                )
        if not indicators and not any(p.sheet == INDICATORS for p in self.result.rows):
            self.problem(_("แผ่นงาน “%(sheet)s” ไม่มีตัวชี้วัด") % {"sheet": INDICATORS})
        return indicators, ({n: f"{w:.2f}" for n, w in weights.items()} or None)

    def read_subs(self, indicators: list[dict[str, Any]]) -> None:
        by_number = {i["number"]: i for i in indicators}
        seen: set[str] = set()
        for number, row in self.table(SUBS, required=False):
            problems = []
            try:
                value = _number(row["ตัวชี้วัดที่"])
            except ValueError:
                value = None
            code = to_arabic_digits(_text(row["รหัสตัวชี้วัดย่อย"]))
            name = _text(row["ชื่อตัวชี้วัดย่อย"])
            indicator = by_number.get(int(value)) if value is not None else None
            if indicator is None:
                problems.append(_("ไม่มีตัวชี้วัดที่นี้ในแผ่นงาน “%(sheet)s”") % {"sheet": INDICATORS})
            if not code or len(code) > 10:
                problems.append(_("รหัสตัวชี้วัดย่อยต้องมีและยาวไม่เกิน ๑๐ ตัวอักษร เช่น 9.1"))
            elif code in seen:
                problems.append(_("รหัสตัวชี้วัดย่อย %(code)s ซ้ำ") % {"code": code})
            if not name:
                problems.append(_("ต้องมีชื่อตัวชี้วัดย่อย"))
            elif len(name) > 200:
                problems.append(_("ชื่อตัวชี้วัดย่อยยาวเกิน ๒๐๐ ตัวอักษร"))
            self.row_problems(SUBS, number, problems)
            if problems or indicator is None:
                continue
            seen.add(code)
            indicator["subs"].append({"code": code, "name": name})

    def read_items(self, indicators: list[dict[str, Any]]) -> list[dict[str, Any]]:
        by_number = {i["number"]: i for i in indicators}
        items: list[tuple[Decimal, int, dict[str, Any]]] = []
        seen: set[str] = set()
        for number, row in self.table(ITEMS):
            problems = []
            code = normalise_code(row["รหัส"])
            match = CODE.match(code)
            if match:
                code = match.group(1) + match.group(2)
            try:
                value = _number(row["ตัวชี้วัดที่"])
            except ValueError:
                value = None
            indicator = by_number.get(int(value)) if value is not None else None
            sub = to_arabic_digits(_text(row["ตัวชี้วัดย่อย"]))
            text = str(row["ข้อคำถาม/รายการ"] or "").strip()
            scale_typed = _text(row["มาตรวัด"])
            state = _text(row.get("สถานะ"))
            if not match:
                problems.append(
                    _("รหัส “%(code)s” ต้องเป็น I, E หรือ O ตามด้วยเลข เช่น I12 หรือ O25")
                    % {"code": code or "—"}
                )
            elif code in seen:
                problems.append(_("รหัส %(code)s ซ้ำกับแถวก่อนหน้า") % {"code": code})
            if indicator is None:
                problems.append(_("ไม่มีตัวชี้วัดที่นี้ในแผ่นงาน “%(sheet)s”") % {"sheet": INDICATORS})
            elif match and indicator["tool"][0] != code[0]:
                problems.append(
                    _("รหัส %(code)s ไม่ใช่ของเครื่องมือ %(tool)s ของตัวชี้วัดที่ %(n)s")
                    % {
                        "code": code,
                        "tool": indicator["tool"],
                        "n": screen_number(indicator["number"], 0),
                    }
                )
            if sub and indicator is not None and sub not in {s["code"] for s in indicator["subs"]}:
                problems.append(
                    _("ไม่มีตัวชี้วัดย่อย %(sub)s ในตัวชี้วัดที่ %(n)s")
                    % {"sub": sub, "n": screen_number(indicator["number"], 0)}
                )
            if len(text) > MAX_TEXT:
                problems.append(_("ข้อความยาวเกิน %(n)s ตัวอักษร") % {"n": screen_number(MAX_TEXT, 0)})
            scale = self.scale(scale_typed, indicator)
            if scale is None:
                problems.append(_("มาตรวัดต้องเป็น “๔ ระดับ” “มี/ไม่มี” หรือ “ผ่าน/ไม่ผ่าน”"))
            if state not in ("", IN_USE, RETIRED):
                problems.append(_("สถานะต้องเป็น “ใช้” หรือ “เลิกใช้”"))
            try:
                order = _number(row["ลำดับ"])
            except ValueError:
                order = None
            self.row_problems(ITEMS, number, problems)
            if problems or indicator is None:
                continue
            seen.add(code)
            item = {
                "code": code,
                "indicator": indicator["number"],
                "sub": sub or None,
                "text": text,
                "scale": scale,
                "retired": state == RETIRED,
            }
            items.append((order if order is not None else Decimal(number), number, item))
        if not items and not any(p.sheet == ITEMS for p in self.result.rows):
            self.problem(_("แผ่นงาน “%(sheet)s” ไม่มีรายการ") % {"sheet": ITEMS})
        return [item for _order, _number, item in sorted(items, key=lambda t: (t[0], t[1]))]

    @staticmethod
    def scale(typed: str, indicator: dict[str, Any] | None) -> str | None:
        if not typed:
            if indicator is None:
                return Item.Scale.FOUR_LEVEL
            return Item.Scale.PASS_FAIL if indicator["tool"] == "OIT" else Item.Scale.FOUR_LEVEL
        if typed in Item.Scale.values:
            return typed
        return SCALE_WORDS.get(typed.replace(" / ", "/"))


def parse(name: str, content: bytes) -> FrameworkFile:
    """The workbook's framework and every problem found; raises ImportFileError (Thai) when
    the file as a whole cannot be read."""
    if not name.lower().endswith(".xlsx"):
        raise ImportFileError(_("รับเฉพาะไฟล์ .xlsx ที่ดาวน์โหลดจากหน้ากรอบการประเมิน"))
    if not content.strip():
        raise ImportFileError(_("ไฟล์ว่าง ไม่มีข้อมูล"))
    if len(content) > settings.MAX_SCORE_FILE_BYTES:
        raise ImportFileError(too_large(settings.MAX_SCORE_FILE_BYTES))
    result = _Reader(read_workbook(content)).read()
    result.rows.sort(
        key=lambda r: (list(HEADERS).index(r.sheet) if r.sheet in HEADERS else -1, r.row)
    )
    return result

"""The CSV/XLSX template the app offers for a year, and reading a filled one back.

Reading never writes: it returns a score sheet and every problem found, each tied to its row,
in Thai. Saving is do_save_scores, after the user has seen the preview and confirmed.
"""

from __future__ import annotations

import csv
import io
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from assessments import workbook_limits
from assessments.models import Framework
from assessments.scoresheet import (
    ScoreError,
    ScoreSheet,
    check_level,
    fill_blanks,
    item_value,
    parse_score,
)
from itatrack.spreadsheets import csv_bytes, formula_safe
from itatrack.thai import screen_digits, screen_number, to_arabic_digits
from itatrack.uploads import too_large

MAX_ROWS = 2000
# The template has five columns; a few more are tolerated (notes typed beside it).
MAX_COLUMNS = 30
MAX_CELLS = MAX_ROWS * 10
MAX_CELL_CHARS = 5000
COLUMNS = {
    "code": ("รหัส", "code"),
    "label": ("รายการ", "label", "item"),
    "score": ("คะแนน", "score"),
    "passed": ("ผ่าน/ไม่ผ่าน", "ผลการตรวจ", "passed", "pass/fail"),
    "remark": ("ความเห็นผู้ประเมิน", "หมายเหตุ", "remark"),
}
REQUIRED = ("code", "score")
HEADER = ["รหัส", "รายการ", "คะแนน", "ผ่าน/ไม่ผ่าน", "ความเห็นผู้ประเมิน"]


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is Thai."""


@dataclass
class Cell:
    value: Any
    formula: bool = False


@dataclass
class PreviewRow:
    number: int
    code: str
    label: str
    value: str
    problems: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    sheet: ScoreSheet
    rows: list[PreviewRow]
    problems: list[str]  # file-level
    notices: list[str] = field(default_factory=list)  # what was filled in, what is missing

    @property
    def ok(self) -> bool:
        return not self.problems and not any(row.problems for row in self.rows)

    @property
    def problem_count(self) -> int:
        return len(self.problems) + sum(len(row.problems) for row in self.rows)


# --- template ----------------------------------------------------------------------------


def _number(value: Decimal | None) -> Decimal | str:
    return "" if value is None else value


def template_rows(framework: Framework, values: ScoreSheet | None = None) -> list[list[Any]]:
    """The template's rows; with values, the same rows filled in (the export), so an exported
    file imports back unchanged."""
    v = values or ScoreSheet()
    rows: list[list[Any]] = [
        ["YEAR", _("ปีงบประมาณ (พ.ศ.)"), framework.fiscal_year, "", ""],
        ["TOTAL", _("คะแนนรวม"), _number(v.total), "", ""],
        ["LEVEL", _("ระดับผลการประเมิน (AA, A, B …) ตามที่ประกาศ"), v.level, "", ""],
    ]
    rows += [
        [tool, _("คะแนน %(tool)s") % {"tool": tool}, _number(v.tools.get(tool)), "", ""]
        for tool in ("IIT", "EIT", "OIT")
    ]
    rows += [
        [
            f"IND{i.number}",
            _("ตัวชี้วัดที่ %(no)s %(name)s") % {"no": i.number, "name": i.name},
            _number(v.indicators.get(i.number)),
            "",
            "",
        ]
        for i in framework.indicators.all()
    ]
    for item in framework.items.all():
        value = v.items.get(item.code)
        passed = (
            "" if value is None or value.passed is None else ("ผ่าน" if value.passed else "ไม่ผ่าน")
        )
        rows.append(
            [
                item.code,
                formula_safe(item.text),
                _number(value.score) if value else "",
                passed,
                formula_safe(value.remark) if value else "",
            ]
        )
    return rows


def rows_csv(rows: list[list[Any]]) -> bytes:
    return csv_bytes(HEADER, rows)


def rows_xlsx(title: str, rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for column, width in zip("ABCDE", (10, 70, 12, 14, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    passed = DataValidation(type="list", formula1='"ผ่าน,ไม่ผ่าน"', allow_blank=True)
    sheet.add_data_validation(passed)
    passed.add(f"D2:D{sheet.max_row}")
    sheet.freeze_panes = "C2"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never let a text cell become a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading -----------------------------------------------------------------------------


def read_table(name: str, content: bytes) -> list[list[Cell]]:
    """Rows of cells from a CSV or XLSX upload, formulas marked, within the size limits."""
    if not content.strip():
        raise ImportFileError(_("ไฟล์ว่าง ไม่มีข้อมูล"))
    if len(content) > settings.MAX_SCORE_FILE_BYTES:
        raise ImportFileError(too_large(settings.MAX_SCORE_FILE_BYTES))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        rows = _read_xlsx(content)
    elif lower.endswith(".csv"):
        rows = _read_csv(content)
    else:
        raise ImportFileError(_("รับเฉพาะไฟล์ .csv หรือ .xlsx"))
    if not any(any(_text(c.value) for c in row) for row in rows):
        raise ImportFileError(_("ไฟล์ว่าง ไม่มีข้อมูล"))
    return rows


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("ไฟล์มีมากกว่า %(n)s แถว ไม่ใช่แบบฟอร์มผลการประเมิน") % {"n": screen_number(MAX_ROWS, 0)}
    )


class _Limits:
    """Counts what has been read so far and refuses, in Thai, the first thing past a limit."""

    def __init__(self, deadline: float | None = None) -> None:
        self.cells = 0
        self.deadline = deadline

    def check_time(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ImportFileError(
                _("ไฟล์นี้ใช้เวลาอ่านนานเกินไป ไม่ใช่แบบฟอร์มผลการประเมิน กรุณาใช้แบบฟอร์มจากหน้านี้")
            )

    def row(self, number: int, values: list[Any]) -> int:
        """How many of the row's cells to keep (empty trailing cells, as a formatted but empty
        column leaves, are dropped and cost nothing)."""
        if number > MAX_ROWS:
            raise _too_many_rows()
        self.check_time()
        values = list(values)
        while values and _text(values[-1]) == "":
            values.pop()
        if len(values) > MAX_COLUMNS:
            raise ImportFileError(
                _("แถวที่ %(row)s มีมากกว่า %(n)s คอลัมน์ ไม่ใช่แบบฟอร์มผลการประเมิน")
                % {"row": screen_number(number, 0), "n": screen_number(MAX_COLUMNS, 0)}
            )
        self.cells += len(values)
        if self.cells > MAX_CELLS:
            raise ImportFileError(
                _("ไฟล์มีข้อมูลมากกว่า %(n)s ช่อง ไม่ใช่แบบฟอร์มผลการประเมิน")
                % {"n": screen_number(MAX_CELLS, 0)}
            )
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise ImportFileError(
                    _("แถวที่ %(row)s คอลัมน์ที่ %(col)s ยาวเกิน %(n)s ตัวอักษร")
                    % {
                        "row": screen_number(number, 0),
                        "col": screen_number(column, 0),
                        "n": screen_number(MAX_CELL_CHARS, 0),
                    }
                )
        return len(values)


def _read_csv(content: bytes) -> list[list[Cell]]:
    for encoding in ("utf-8-sig", "cp874"):  # cp874: Thai Windows, as old Excel saves CSV
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("อ่านไฟล์ไม่ได้ กรุณาบันทึกเป็น CSV แบบ UTF-8"))
    # Old Mac Excel ends lines with CR alone, which csv reads as one endless row.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    limits = _Limits(deadline=time.monotonic() + settings.XLSX_PARSE_SECONDS)
    rows = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            kept = row[: limits.row(number, row)]
            rows.append([Cell(v, formula=v.strip().startswith("=")) for v in kept])
    except csv.Error as exc:
        # A field past csv's own limit (131,072 characters), a stray quote, a NUL byte.
        raise ImportFileError(
            _("อ่านไฟล์ CSV ไม่ได้ (แถวที่ %(row)s) กรุณาบันทึกจาก Excel เป็น CSV UTF-8 อีกครั้ง")
            % {"row": screen_number(len(rows) + 1, 0)}
        ) from exc
    return rows


def _unreadable(exc: BaseException) -> ImportFileError:
    """openpyxl wraps what defusedxml refused (entities: XXE, billion laughs) in a ValueError."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return ImportFileError(_("ไฟล์ Excel นี้มีโครงสร้าง XML ที่ไม่ปลอดภัย จึงไม่อ่าน"))
        cause = cause.__cause__ or cause.__context__
    return ImportFileError(_("ไฟล์ .xlsx เสียหายหรือไม่ใช่ไฟล์ Excel"))


def _read_xlsx(content: bytes) -> list[list[Cell]]:
    return next(iter(read_workbook(content, first_only=True).values()))


def read_workbook(content: bytes, *, first_only: bool = False) -> dict[str, list[list[Cell]]]:
    """Each sheet's rows of cells by the sheet's title, formulas marked, within the limits
    (counted over the whole workbook)."""
    try:
        workbook_limits.check_workbook(content)
    except workbook_limits.WorkbookRefused as exc:
        raise ImportFileError(str(exc)) from exc
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl fails on a malformed part in many ways (TypeError …)
        raise _unreadable(exc) from exc
    limits = _Limits(deadline=time.monotonic() + settings.XLSX_PARSE_SECONDS)
    sheets: dict[str, list[list[Cell]]] = {}
    try:
        for sheet in workbook.worksheets[:1] if first_only else workbook.worksheets:
            rows = sheets.setdefault(sheet.title.strip(), [])
            # The <dimension> a file declares is not trusted: openpyxl would pad every row to it.
            sheet.reset_dimensions()
            for number, row in enumerate(sheet.iter_rows(), start=1):
                cells = row[: limits.row(number, [c.value for c in row])]
                rows.append(
                    [
                        Cell(
                            c.value,
                            formula=getattr(c, "data_type", None) == "f"
                            or (isinstance(c.value, str) and c.value.startswith("=")),
                        )
                        for c in cells
                    ]
                )
    except ImportFileError:
        raise
    except Exception as exc:
        raise _unreadable(exc) from exc
    finally:
        workbook.close()
    if not sheets:
        raise ImportFileError(_("ไฟล์ว่าง ไม่มีข้อมูล"))
    return sheets


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def normalise_code(raw: Any) -> str:
    """A code or number as typed: no spaces, Arabic digits, capitals."""
    return re.sub(r"\s+", "", to_arabic_digits(_text(raw))).upper()


def _find_header(rows: list[list[Cell]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows):
        names = [_text(c.value).lower() for c in row]
        if not any(names):
            continue
        columns = {}
        for key, accepted in COLUMNS.items():
            positions = [p for p, name in enumerate(names) if name in {a.lower() for a in accepted}]
            if len(positions) > 1:
                raise ImportFileError(
                    _("แถวหัวตารางมีคอลัมน์ '%(name)s' มากกว่าหนึ่งคอลัมน์ ไม่ทราบว่าจะใช้คอลัมน์ใด")
                    % {"name": COLUMNS[key][0]}
                )
            if positions:
                columns[key] = positions[0]
        return index, columns
    return 0, {}


def parse(framework: Framework, rows: list[list[Cell]]) -> ImportResult:
    sheet = ScoreSheet()
    try:
        header_index, columns = _find_header(rows)
    except ImportFileError as exc:
        return ImportResult(sheet, [], [str(exc)])
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in columns]
    if missing:
        return ImportResult(
            sheet,
            [],
            [
                _("ไม่พบคอลัมน์ %(names)s ในแถวหัวตาราง (ดาวน์โหลดแบบฟอร์มจากหน้านี้)")
                % {"names": ", ".join(f"'{m}'" for m in missing)}
            ],
        )
    items = {item.code: item for item in framework.items.select_related("indicator")}
    indicators = {f"IND{i.number}": i for i in framework.indicators.all()}
    seen: dict[str, int] = {}
    preview: list[PreviewRow] = []
    file_problems: list[str] = []

    def cell(row: list[Cell], key: str) -> Cell:
        position = columns.get(key)
        return row[position] if position is not None and position < len(row) else Cell(None)

    for index, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        values = {key: cell(row, key) for key in COLUMNS}
        if not any(_text(c.value) for c in row):
            continue
        code = normalise_code(values["code"].value)
        line = PreviewRow(
            index,
            code,
            _text(values["label"].value)[:120],
            _text(values["score"].value) or _text(values["passed"].value),
        )
        preview.append(line)
        formulas = [k for k in ("score", "passed") if values[k].formula]
        if formulas:
            line.problems.append(_("มีสูตรคำนวณ กรุณาวางเป็นค่า (Paste Values) แทนสูตร"))
            continue
        if not code:
            line.problems.append(_("ไม่มีรหัส"))
            continue
        if code in seen:
            line.problems.append(
                _("รหัส %(code)s ซ้ำกับแถว %(row)s") % {"code": code, "row": seen[code]}
            )
            continue
        seen[code] = index
        try:
            _apply_row(framework, sheet, code, values, items, indicators, line)
        except ScoreError as exc:
            line.problems.append(str(exc))
    if not preview:
        file_problems.append(_("ไม่มีแถวข้อมูลใต้หัวตาราง"))
        return ImportResult(sheet, preview, file_problems)
    return ImportResult(sheet, preview, file_problems, fill_blanks(framework, sheet))


def _apply_row(
    framework: Framework,
    sheet: ScoreSheet,
    code: str,
    values: dict[str, Cell],
    items: dict,
    indicators: dict,
    line: PreviewRow,
) -> None:
    raw_score = values["score"].value
    if code == "YEAR":
        year = normalise_code(raw_score)
        if year and year != str(framework.fiscal_year):
            message = _("ไฟล์นี้เป็นของปี %(file)s แต่กำลังนำเข้าผลปี %(year)s") % {
                "file": screen_digits(year),
                "year": screen_digits(framework.fiscal_year),
            }
            line.problems.append(message)
        return
    if code == "TOTAL":
        sheet.total = parse_score(raw_score)
    elif code == "LEVEL":
        sheet.level = check_level(
            framework, raw_score if _text(raw_score) else values["passed"].value
        )
    elif code in ("IIT", "EIT", "OIT"):
        sheet.tools[code] = parse_score(raw_score)
    elif code in indicators:
        sheet.indicators[indicators[code].number] = parse_score(raw_score)
    elif code in items:
        item = items[code]
        passed = values["passed"].value
        if item.is_pass_fail and not _text(passed) and _text(raw_score):
            passed = {"100": "ผ่าน", "0": "ไม่ผ่าน"}.get(normalise_code(raw_score), raw_score)
        sheet.items[code] = item_value(item, raw_score, passed, values["remark"].value)
        line.label = line.label or item.text[:120]
    else:
        line.problems.append(
            _("ไม่รู้จักรหัส '%(code)s' ในกรอบการประเมินปี %(year)s")
            % {"code": code[:20], "year": screen_digits(framework.fiscal_year)}
        )

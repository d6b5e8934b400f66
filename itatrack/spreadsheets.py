"""What every CSV and XLSX export shares: formula escaping, the encoding Excel expects, and
the download response."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.http import HttpResponse

T = TypeVar("T")

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES = {"csv": CSV, "xlsx": XLSX}
# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: T) -> T | str:
    """Text that a spreadsheet would run as a formula, written as plain text instead."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Thai as Thai; None as an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def download(content: bytes, filename: str) -> HttpResponse:
    """The file as an attachment; its type from its extension (csv or xlsx)."""
    response = HttpResponse(content, content_type=TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_bytes(
    title: str,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    heading: str | None = None,
) -> bytes:
    """One sheet (written as it streams), with a heading line above the header when given."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    if heading:
        sheet.append([heading])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Tables pasted from Word or Excel, read into rows of clean cells.

Word pastes cells separated by tabs with the line breaks of a cell flattened (or left as <p>
fragments); Excel quotes cells that hold line breaks. Headers may span two rows and repeat on
every page. Each paste import (measures, findings) names its own columns; reading the table
and finding its header row are the same for all of them.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Mapping

from django.utils.translation import gettext as _

from itatrack.cleantext import MAX_TEXT
from itatrack.thai import screen_number


def key(text: str) -> str:
    """A header or name compared without its spaces (Word breaks Thai words with them)."""
    return re.sub(r"\s+", "", text)


def clean_cell(raw: str) -> str:
    """Word's <p> fragments become lines, list items from a web page's <ul>/<ol> become "- "
    lines; tags and entities (&nbsp;) go; spaces are tidied."""
    text = re.sub(r"</p>\s*<p[^>]*>|<br\s*/?>", "\n", raw, flags=re.I)
    text = re.sub(r"<li[^>]*>", "\n- ", text, flags=re.I)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


class PasteError(ValueError):
    """The pasted text cannot be read as a table; the message is Thai."""


def read_rows(text: str) -> list[list[str]]:
    """The pasted rows, without empty rows and rows of dashes. Any line ending is read (Windows
    CR LF, Unix LF, old Mac CR alone); a cell longer than any field takes is refused."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    rows: list[list[str]] = []
    try:
        for row in reader:
            for column, cell in enumerate(row, start=1):
                if len(cell) > MAX_TEXT:
                    raise PasteError(_too_long(len(rows) + 1, column))
            rows.append([clean_cell(cell) for cell in row])
    except csv.Error as exc:  # a cell past csv's own limit (131,072 characters), a NUL byte
        raise PasteError(_too_long(len(rows) + 1, None)) from exc
    return [row for row in rows if any(row) and not all(set(c) <= set("-–— ") for c in row)]


def _too_long(row: int, column: int | None) -> str:
    where = {"row": screen_number(row, 0), "n": screen_number(MAX_TEXT, 0)}
    if column is None:
        return _("อ่านตารางไม่ได้ที่แถวที่ %(row)s: มีช่องที่ยาวเกิน %(n)s ตัวอักษร หรือมีอักขระที่อ่านไม่ได้") % where
    return _("แถวที่ %(row)s คอลัมน์ที่ %(col)s ยาวเกิน %(n)s ตัวอักษร กรุณาตัดให้สั้นลงหรือวางทีละส่วน") % {
        **where,
        "col": screen_number(column, 0),
    }


def column_count(text: str) -> int:
    """How many columns the mapping form offers (0 for text that is no table: the preview
    says why)."""
    try:
        return max((len(row) for row in read_rows(text)), default=0)
    except PasteError:
        return 0


def is_header(row: list[str], labels: Mapping[str, str]) -> bool:
    """At least half the row's cells are known header labels (keyed by key())."""
    cells = [key(c) for c in row if c.strip()]
    return bool(cells) and sum(c in labels for c in cells) * 2 >= len(cells)


def detect_mapping(rows: list[list[str]], labels: Mapping[str, str]) -> dict[int, str]:
    """Column → field, from the header row(s) at the top (a second row names sub-columns)."""
    headers: list[list[str]] = []
    for row in rows:
        if is_header(row, labels) or (not headers and any(key(c) in labels for c in row)):
            headers.append(row)
        elif headers:
            break
    mapping: dict[int, str] = {}
    for row in reversed(headers):  # the lower row is the more specific
        for index, cell in enumerate(row):
            name = labels.get(key(cell))
            if name and index not in mapping and name not in mapping.values():
                mapping[index] = name
    return mapping

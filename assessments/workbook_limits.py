"""What an uploaded workbook may hold, judged from its zip before openpyxl parses anything.

A workbook is a zip of XML parts, and a few kilobytes of zip can unpack into a million shared
strings or a sheet as wide as Excel allows: openpyxl then spends seconds and hundreds of
megabytes on a file that cannot be a score sheet. So the zip's own directory (each part's
unpacked size) is checked first, then the shared strings, rows, cells and the furthest column
are counted by streaming each part through a regular expression, which costs milliseconds. What
passes is small enough for openpyxl to read well within XLSX_PARSE_SECONDS.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from itatrack.thai import screen_number

CHUNK = 256 * 1024
# Tags with or without a namespace prefix (some generators write <x:row>).
SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
CELL_COLUMN = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Za-z]{1,3})[0-9]+\"")


class WorkbookRefused(ValueError):
    """The workbook cannot be a score sheet, or is damaged; the message is Thai."""


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter - ord("A") + 1)
    return number


def _tags(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes in pieces that never split a tag: each piece ends before the last '<'
    read so far, and the rest goes on to the next."""
    carry = b""
    with archive.open(info) as handle:
        while chunk := handle.read(CHUNK):
            buffer = carry + chunk
            cut = buffer.rfind(b"<")
            if cut <= 0:
                carry = buffer
                continue
            carry = buffer[cut:]
            yield buffer[:cut]
    if carry:
        yield carry


def _refuse(message: str) -> WorkbookRefused:
    return WorkbookRefused(message + _(" ไม่ใช่แบบฟอร์มผลการประเมิน"))


def check_workbook(content: bytes) -> None:
    """Refuse, in Thai, what cannot be a score sheet, before any of it is parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            _check_sizes(infos)
            for info in infos:
                name = info.filename.lower()
                if name.endswith("sharedstrings.xml"):
                    _check_shared_strings(archive, info)
                elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _check_sheet(archive, info)
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise WorkbookRefused(_("ไฟล์ .xlsx เสียหายหรือไม่ใช่ไฟล์ Excel")) from exc


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    unpacked = sum(info.file_size for info in infos)
    if unpacked > settings.MAX_SCORE_FILE_UNPACKED_BYTES:
        raise _refuse(
            _("ไฟล์ Excel นี้เมื่อขยายแล้วใหญ่เกิน %(limit)s")
            % {"limit": filesizeformat(settings.MAX_SCORE_FILE_UNPACKED_BYTES)}
        )
    for info in infos:
        if info.file_size > settings.XLSX_MAX_PART_BYTES:
            raise _refuse(
                _("ส่วน %(part)s ของไฟล์ใหญ่เกิน %(limit)s")
                % {
                    "part": info.filename[:80],
                    "limit": filesizeformat(settings.XLSX_MAX_PART_BYTES),
                }
            )


def _check_shared_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    limit = settings.XLSX_MAX_SHARED_STRINGS
    count = 0
    for piece in _tags(archive, info):
        count += len(SHARED_STRING.findall(piece))
        if count > limit:
            raise _refuse(_("ไฟล์มีข้อความมากกว่า %(n)s รายการ") % {"n": screen_number(limit, 0)})


def _check_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    rows = cells = 0
    for piece in _tags(archive, info):
        rows += len(ROW.findall(piece))
        cells += len(CELL.findall(piece))
        if rows > settings.XLSX_MAX_ROWS:
            raise _refuse(
                _("แผ่นงานมีมากกว่า %(n)s แถว") % {"n": screen_number(settings.XLSX_MAX_ROWS, 0)}
            )
        if cells > settings.XLSX_MAX_CELLS:
            raise _refuse(
                _("แผ่นงานมีมากกว่า %(n)s ช่อง") % {"n": screen_number(settings.XLSX_MAX_CELLS, 0)}
            )
        furthest = max((column_number(m) for m in CELL_COLUMN.findall(piece)), default=0)
        if furthest > settings.XLSX_MAX_COLUMN:
            raise _refuse(
                _("แผ่นงานมีข้อมูลถึงคอลัมน์ที่ %(col)s (รับได้ไม่เกิน %(n)s คอลัมน์)")
                % {
                    "col": screen_number(furthest, 0),
                    "n": screen_number(settings.XLSX_MAX_COLUMN, 0),
                }
            )

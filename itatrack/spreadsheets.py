"""What every CSV and XLSX export shares."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: T) -> T | str:
    """Text that a spreadsheet would run as a formula, written as plain text instead."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

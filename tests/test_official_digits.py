"""Official text: Thai digits, with NACC codes kept as NACC prints them."""

from __future__ import annotations

import pytest

from itatrack.thai import official_digits


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("ข้อ O25 และ I11, E6", "ข้อ O25 และ I11, E6"),
        ("ข้อ I๑๙ และ o1", "ข้อ I19 และ O1"),
        ("ข้อ I25 - I30", "ข้อ I25 - I30"),
        ("ลพ 52999/237 วันที่ 7", "ลพ ๕๒๙๙๙/๒๓๗ วันที่ ๗"),
        ("IIT 80.5 คะแนน", "IIT ๘๐.๕ คะแนน"),
        # a zero typed for the letter O, as clerks do
        ("ข้อ 0๒๐", "ข้อ O20"),
        ("ข้อ ๐๐๑, ๐๐๒ และ 028", "ข้อ O01, O02 และ O28"),
        ("ข้อ ๐01 ๐02 ๐11", "ข้อ O01 O02 O11"),
        # and numbers that only look like it
        ("โทร 081 234 5678", "โทร ๐๘๑ ๒๓๔ ๕๖๗๘"),
        ("วันที่ 05/10/2567", "วันที่ ๐๕/๑๐/๒๕๖๗"),
        ("ร้อยละ 10.05", "ร้อยละ ๑๐.๐๕"),
        ("ร้อยละ 05", "ร้อยละ ๐๕"),
    ],
)
def test_it_prints_thai_digits_and_keeps_nacc_codes(typed, printed):
    assert official_digits(typed) == printed

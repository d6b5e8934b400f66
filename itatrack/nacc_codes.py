"""Question and item codes as legacy documents write them, read against one year's framework.

Pasted from Word or Excel, codes come as I19, 119 (I read as 1), i๓๐, ๐๒๐ or 0๒๔ (O written as
a zero), O 20, O.15, i 22, ข้อ ๔๒, several to a line ("I 22, O.15 และ o16"). Each raw code
becomes the framework codes it could mean; one candidate is a match, several are ambiguous
(shown to the user, never guessed), none is unknown (said in the preview).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from itatrack.thai import to_arabic_digits

LETTERS = ("I", "E", "O")
# A letter code, with the space, dot or dash people put after the letter (O.15, I 22, E-5).
_LETTER_CODE = r"[IiEeOo]\s?[.\-]?\s?\d{1,2}"
_TOKEN = rf"{_LETTER_CODE}|\d{{1,3}}"
# A code at the start of a cell or line: optional ข้อ, then a letter code or 1–3 digits.
_LEADING = re.compile(rf"^\s*[-•]?\s*(?:ข้อ\s*)?({_TOKEN})(?![\d.])")
# Another code of the list: after a comma, และ, หรือ or a slash; after a bare space only a letter
# code (a number after a space is more often a count in the question's words).
_MORE = re.compile(rf"(?:\s*(?:,|และ|หรือ|/)\s*(?:ข้อ\s*)?({_TOKEN})|\s+({_LETTER_CODE}))(?![\d.])")
_ANY_LETTER_CODE = re.compile(rf"(?<![A-Za-z])({_LETTER_CODE})(?![\d.])")
# Codes listed after the word ข้อ ("ข้อ ๐1,๐2,๐28 และ ๐20"); not ข้อเสนอแนะ, ข้อมูล …
_AFTER_KHO = re.compile(r"ข้อ\s*(?=[IiEeOo]?\s?\d)")
_LIST_TOKEN = re.compile(rf"\s*({_TOKEN})(?![\d.])")
_SEPARATOR = re.compile(r"\s*(?:,|และ|หรือ|โดยอ้างอิง(?:ข้อ)?|/)\s*|\s+(?=[IiEeOo]?\s?\d)")


# A range of codes of one tool: "E6 - E10", "ข้อ I25 - I30", "I13 – I18", "O 20-23".
_RANGE = re.compile(
    r"(?<![A-Za-z])([IiEeOo])\s?[.\-]?\s?(\d{1,2})\s*[-–—]\s*(?:ข้อ\s*)?"
    r"(?:([IiEeOo])\s?[.\-]?\s?)?(\d{1,2})(?![\d.])"
)
MAX_RANGE = 60


def expand_ranges(text: str) -> str:
    """Write each range of codes out in full ("E6, E7, E8, E9, E10"), so that every code between
    its ends is read (and a missing one said) rather than only the two ends. Arabic digits."""

    def write_out(match: re.Match[str]) -> str:
        letter, first, other, last = match.groups()
        start, end = int(first), int(last)
        if (other and other.upper() != letter.upper()) or not start < end <= start + MAX_RANGE:
            return match.group(0)
        return ", ".join(f"{letter.upper()}{n}" for n in range(start, end + 1))

    return _RANGE.sub(write_out, text)


@dataclass
class CodeMatch:
    raw: str
    candidates: list[str] = field(default_factory=list)
    code: str = ""  # set when exactly one candidate, or resolved by the question's text
    by_text: bool = False

    @property
    def ambiguous(self) -> bool:
        return not self.code and len(self.candidates) > 1

    @property
    def unknown(self) -> bool:
        return not self.candidates


def candidates(raw: str) -> list[str]:
    """Every code raw could stand for, before looking at a framework."""
    text = re.sub(r"[\s.\-]+", "", to_arabic_digits(raw)).upper().removeprefix("ข้อ")
    if match := re.fullmatch(r"([IEO])(\d+)", text):
        return [f"{match.group(1)}{int(match.group(2))}"]
    if not text.isdigit():
        return []
    found = []
    if len(text) > 1 and text[0] == "0":  # ๐๒๐, 0๒๔: a zero standing for the letter O
        found.append(f"O{int(text[1:])}")
        return found
    if len(text) > 1 and text[0] == "1":  # 119: the letter I read as the digit 1
        found.append(f"I{int(text[1:])}")
    found += [f"{letter}{int(text)}" for letter in LETTERS]
    return found


def resolve(raw: str, known: dict[str, str], context: str = "") -> CodeMatch:
    """Match raw against known {code: text}; context (the words after the code) settles an
    ambiguity only when it clearly resembles one candidate's text."""
    options = [c for c in dict.fromkeys(candidates(raw)) if c in known]
    match = CodeMatch(raw=raw.strip(), candidates=options)
    if len(options) == 1:
        match.code = options[0]
    elif len(options) > 1 and context.strip():
        scored = sorted(
            ((_similarity(context, known[c]), c) for c in options if known[c]), reverse=True
        )
        if (
            scored
            and scored[0][0] >= 0.45
            and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.15)
        ):
            match.code, match.by_text = scored[0][1], True
    return match


def _similarity(a: str, b: str) -> float:
    a, b = re.sub(r"\s+", "", a)[:120], re.sub(r"\s+", "", b)[:120]
    return SequenceMatcher(None, a, b).ratio()


def codes_in_line(line: str) -> list[tuple[str, str]]:
    """(raw code, the words after it) for every code of a question cell's line: the list it
    starts with ("I 22, O.15 และ o16 ท่านรู้…") and any letter code further on, so that no
    code in the cell is passed over without being matched or said to be unknown. A range
    counts every code between its ends."""
    line = arabic = expand_ranges(to_arabic_digits(line))
    match = _LEADING.match(arabic)
    if not match:
        return [(m.group(1), "") for m in _ANY_LETTER_CODE.finditer(arabic)]
    raws, position = [match.group(1)], match.end()
    while more := _MORE.match(arabic, position):
        raws.append(more.group(1) or more.group(2))
        position = more.end()
    rest = line[position:].strip()
    later = [(m.group(1), "") for m in _ANY_LETTER_CODE.finditer(to_arabic_digits(rest))]
    return [(raw, rest) for raw in raws] + later


def codes_after_kho(text: str) -> list[str]:
    """The raw codes listed after each ข้อ in text ("ข้อ i30 โดยอ้างอิง 29 และ ๐30")."""
    arabic = expand_ranges(to_arabic_digits(text))
    found: list[str] = []
    for start in _AFTER_KHO.finditer(arabic):
        position = start.end()
        while token := _LIST_TOKEN.match(arabic, position):
            found.append(token.group(1))
            separator = _SEPARATOR.match(arabic, token.end())
            if not separator:
                break
            position = separator.end()
    return found


# Codes in running text: a letter code anywhere; a zero (Arabic or Thai) standing for the
# letter O ("0๑๕", "๐29"); and the numbers listed after ข้อ ("ข้อ ๒, 2๓"), which are questions
# of the tool the text speaks of.
_ZERO_O = re.compile(r"(?<![\d.,/])0(\d{1,2})(?![\d.,/])(?!\s?\d{3})")


def codes_in_text(text: str, tool: str) -> list[str]:
    """The framework codes a finding's words cite, in order, each once. tool ("IIT", "EIT",
    "OIT" or "") gives the letter of bare numbers after ข้อ; without one they are left out
    (they could be anything)."""
    arabic = expand_ranges(to_arabic_digits(text))
    found: list[str] = []
    for raw in codes_after_kho(arabic):
        compact = re.sub(r"[\s.\-]+", "", raw).upper()
        if re.fullmatch(r"[IEO]\d+", compact):
            found.append(f"{compact[0]}{int(compact[1:])}")
        elif re.fullmatch(r"0\d{1,2}", compact):
            found.append(f"O{int(compact)}")
        elif compact.isdigit() and tool:
            found.append(f"{tool[0]}{int(compact)}")
    for match in _ANY_LETTER_CODE.finditer(arabic):
        compact = re.sub(r"[\s.\-]+", "", match.group(1)).upper()
        found.append(f"{compact[0]}{int(compact[1:])}")
    found += [f"O{int(m.group(1))}" for m in _ZERO_O.finditer(arabic)]
    return list(dict.fromkeys(found))

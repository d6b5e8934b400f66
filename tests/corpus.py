"""The corpus of messy tables (tests/data/corpus): each read by its paste import and scored
field by field against what a person reading it would enter.

Fields, per expected row:
- analysis tables (findings): the indicator, the kind (เร่งด่วน / ต้องพัฒนา / จุดแข็ง) and the
  set of question codes;
- measures tables: the title (its first words), the set of codes, the due date, the number
  of steps;
- results tables: the measure the row goes to, the results text (a follow-up) and the
  outcome.
A field is correct when the import gives what is expected, wrong when it gives something
else, lost when the row is not there at all. A row the import makes that is not expected
counts one wrong. Used by the corpus test and, run on an older checkout, for the before
figures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "data" / "corpus"


@dataclass
class Score:
    correct: int = 0
    wrong: int = 0
    lost: int = 0

    def add(self, ok: bool) -> None:
        if ok:
            self.correct += 1
        else:
            self.wrong += 1


def expected() -> dict[str, list[dict[str, Any]]]:
    return json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def text_of(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def score_findings(found: list[Any], wanted: list[dict[str, Any]]) -> Score:
    score, used = Score(), set()
    for want in wanted:
        match = next(
            (
                i
                for i, f in enumerate(found)
                if i not in used and f.indicator and f.indicator.number == want["indicator"]
            ),
            None,
        )
        if match is None:
            score.lost += 3
            continue
        used.add(match)
        got = found[match]
        score.correct += 1  # the indicator
        score.add(str(got.kind) == want["kind"])
        score.add(sorted(i.code for i in got.items) == sorted(want["codes"]))
    score.wrong += len(found) - len(used)
    return score


def score_measures(found: list[Any], wanted: list[dict[str, Any]]) -> Score:
    score = Score()
    for index, want in enumerate(wanted):
        if index >= len(found):
            score.lost += 4
            continue
        got = found[index]
        score.add(got.title.startswith(want["title"]))
        score.add(sorted(got.item_codes) == sorted(want["codes"]))
        end = got.period.end.isoformat() if got.period.end else None
        score.add(end == want["due"])
        score.add(len(got.steps) == want["steps"])
    score.wrong += max(0, len(found) - len(wanted))
    return score


def score_results(found: list[Any], wanted: list[dict[str, Any]]) -> Score:
    score = Score()
    for index, want in enumerate(wanted):
        if index >= len(found):
            score.lost += 3
            continue
        got = found[index]
        score.add(got.measure is not None and got.measure.number == want["measure"])
        score.add(got.results == want["results"])
        score.add(got.outcome == want["outcome"])
    score.wrong += max(0, len(found) - len(wanted))
    return score

"""Nothing internal on paper: no sentence of the app's screens (its translation catalogue)
appears in a generated memo, whatever annexes it carries. Explanations for staff belong on the
memo page."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from reports import pdf
from reports.annexes import MEASURES_NAME
from reports.capacity import Capacity
from reports.models import Attachment, Memo, Verb
from reports.notes import screen_notes
from tests.memo_helpers import approved_memo, needs_official_font, read_pdf

pytestmark = needs_official_font

CATALOGUE = Path(settings.BASE_DIR) / "itatrack" / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Words that belong on paper as well as on screen: the names of the annexes, the closing
# phrases, the capacities, the decisions, the kinds of memo.
PAPER_WORDS = {
    *Attachment.labels,
    *Memo.Closing.values,
    *Memo.Kind.labels,
    *Capacity.values,
    *Verb.labels,
    MEASURES_NAME,
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "รายงานผลการดำเนินการ",
}
MSGID = re.compile(r'^msgid "(.*)"$')


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def screen_sentences() -> list[str]:
    """Each Thai msgid of some length (shorter ones are words any document uses), without its
    placeholders (split at them)."""
    found = set()
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        match = MSGID.match(line)
        if not match:
            continue
        for piece in re.split(r"%\(\w+\)s|\{\{[^}]*\}\}|%s|<[^>]+>", match.group(1)):
            piece = squeeze(piece)
            if len(re.findall(r"[\u0e00-\u0e7f]", piece)) >= 20:
                found.add(piece)
    allowed = {squeeze(str(w)) for w in PAPER_WORDS}
    return sorted(found - allowed)


def test_the_catalogue_is_read():
    assert len(screen_sentences()) > 300


def test_no_screen_sentence_is_printed_in_a_memo(personas, frameworks):
    memo = approved_memo(personas, measures=3)
    notes = screen_notes(memo)
    assert notes, "the memo has things to tell staff"
    with memo.pdf.open("rb") as handle:
        kept = handle.read()
    draft = pdf.render(memo, use_cache=False)
    texts = []
    for content in (kept, draft):
        with read_pdf(content) as document:
            texts.append(squeeze("".join(page.extract_text() or "" for page in document.pages)))
    printed = "".join(texts)
    found = [sentence for sentence in screen_sentences() if sentence in printed]
    assert found == []
    for note in notes:
        for piece in re.split(r"[“”,]", note):
            if len(squeeze(piece)) >= 10:
                assert squeeze(piece) not in printed, piece


def test_no_screen_sentence_is_printed_in_a_results_report(personas, frameworks):
    from reports.actions import do_create_memo
    from tests.test_memo_drafting import finished_plan

    plan = finished_plan(personas, 3)
    memo = do_create_memo(personas.org, Memo.Kind.RESULTS, actor=personas.clerk, plan=plan)
    with read_pdf(pdf.render(memo, use_cache=False)) as document:
        printed = squeeze("".join(page.extract_text() or "" for page in document.pages))
    assert "ผลลัพธ์หรือความสำเร็จ" in printed  # the annex is there
    assert [sentence for sentence in screen_sentences() if sentence in printed] == []

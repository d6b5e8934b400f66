"""The first draft in the office's own structure, with sentences that agree with the data."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from django.urls import reverse
from pythainlp.tokenize import word_tokenize

from measures.actions import EvidenceInput, do_add_follow_up
from reports import drafting, pdf
from reports.actions import do_create_memo, do_update_memo
from reports.drafting import HEADINGS
from reports.models import Memo
from tests.memo_helpers import analysis_memo, edit_page_post, plan_with_measures, read_pdf

ORIGINAL = Path(__file__).parent / "data" / "results-memo-original.txt"


def finished_plan(personas, count: int = 4):
    plan = plan_with_measures(personas.org, count)
    for measure in plan.measures.all():
        do_add_follow_up(
            measure,
            date=dt.date(2023, 9, 1),
            text="ดำเนินการครบถ้วนแล้ว",
            progress=100,
            evidence=EvidenceInput(),
            actor=personas.clerk,
        )
    return plan


def test_a_results_draft_counts_what_the_follow_ups_say(personas, frameworks):
    plan = finished_plan(personas)
    memo = do_create_memo(personas.org, Memo.Kind.RESULTS, actor=personas.clerk, plan=plan)
    sections = dict((s.heading, s.text) for s in memo.sections.all())
    assert list(sections) == list(HEADINGS)
    assert "ดำเนินการแล้วเสร็จครบทั้ง ๔ มาตรการ" in sections[HEADINGS[1]]
    assert "อยู่ระหว่างดำเนินการ" not in sections[HEADINGS[1]]
    assert memo.closing == "จึงเรียนมาเพื่อโปรดทราบ"


def test_a_part_finished_plan_says_only_the_counts_it_has(personas, frameworks):
    plan = plan_with_measures(personas.org, 3)
    first = plan.measures.order_by("number").first()
    do_add_follow_up(
        first,
        date=dt.date(2023, 5, 1),
        text="ดำเนินการแล้วครึ่งหนึ่ง",
        progress=50,
        evidence=EvidenceInput(),
        actor=personas.clerk,
    )
    counts = drafting.progress_counts(plan)
    assert (counts["done"], counts["doing"], counts["waiting"]) == (0, 1, 2)
    sentence = drafting._progress_sentence(counts)
    assert sentence == (
        "จากมาตรการทั้งหมด ๓ มาตรการ อยู่ระหว่างดำเนินการ ๑ มาตรการ และยังไม่เริ่มดำเนินการ ๒ มาตรการ"
    )


def test_each_weak_indicator_is_named_once(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    facts = memo.sections.get(heading=HEADINGS[1]).text
    for line in facts.split("\n"):
        assert line.count("ในปี พ.ศ.") <= 1
    names = [
        s.indicator.name
        for s in memo.assessment.indicator_scores.all()
        if s.score is not None and s.score < memo.assessment.framework.pass_mark
    ]
    for name in names:
        assert facts.count(name) == 1


def test_the_closing_line_and_the_annex_words_are_the_offices_own(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    own = "จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบโปรดลงนามในหนังสือที่เสนอมาพร้อมนี้"
    do_update_memo(
        memo,
        {
            "closing": own,
            "annex_texts": {
                "measures": {
                    "title": "มาตรการส่งเสริมคุณธรรมของเทศบาลตำบลบ้านทดสอบ",
                    "intro": "ตามมติที่ประชุมพนักงานเทศบาล ครั้งที่ ๒/๒๕๖๖",
                }
            },
        },
        None,
        actor=personas.clerk,
    )
    memo.refresh_from_db()
    with read_pdf(pdf.render(memo, use_cache=False)) as document:
        text = "\n".join(page.extract_text() for page in document.pages)
    squeezed = text.replace(" ", "").replace("\n", "")
    assert own.replace(" ", "") in squeezed
    assert "มาตรการส่งเสริมคุณธรรมของเทศบาลตำบลบ้านทดสอบ" in squeezed
    assert "ตามมติที่ประชุมพนักงานเทศบาลครั้งที่๒/๒๕๖๖" in squeezed


def test_the_edit_page_offers_the_common_closing_phrases_and_removes_a_section(
    personas, frameworks
):
    memo = analysis_memo(personas, measures=1)
    client = personas.client_for(personas.clerk)
    url = reverse("memo_edit", args=[personas.org.slug, memo.pk])
    page = client.get(url)
    html = page.content.decode()
    assert 'list="closing-phrases"' in html
    assert "หากเห็นชอบโปรดลงนามในหนังสือที่เสนอมาพร้อมนี้" in html
    form = page.context["form"]
    sections = list(memo.sections.all())
    data = edit_page_post(
        personas,
        memo,
        form,
        **{"s-TOTAL_FORMS": str(len(sections)), "s-INITIAL_FORMS": str(len(sections))},
    )
    for n, section in enumerate(sections):
        data[f"s-{n}-heading"] = section.heading
        data[f"s-{n}-text"] = section.text
    data["s-2-DELETE"] = "on"  # no ข้อพิจารณา in this memo
    assert client.post(url, data).status_code == 302
    assert [s.heading for s in memo.sections.all()] == [HEADINGS[0], HEADINGS[1], HEADINGS[3]]


def body_words(text: str) -> list[str]:
    return [w for w in word_tokenize(text, engine="newmm") if w.strip()]


def share_from_draft(original: str, draft: str) -> float:
    """Of the original's words, the share found in the draft in the same order."""
    want, have = body_words(original), body_words(draft)
    matcher = difflib.SequenceMatcher(a=want, b=have, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(want)


def original_sections() -> dict[str, str]:
    found: dict[str, str] = {}
    heading = ""
    for line in ORIGINAL.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:]
            found[heading] = ""
        elif heading and line.strip():
            found[heading] += line.strip() + "\n"
    return found


def test_most_words_of_a_real_looking_results_memo_come_from_the_draft(personas, frameworks):
    """Issue 29 measured 14 % before the office structure and data-true sentences."""
    plan = finished_plan(personas)
    memo = do_create_memo(personas.org, Memo.Kind.RESULTS, actor=personas.clerk, plan=plan)
    drafted = "\n".join(s.text for s in memo.sections.all())
    original = "\n".join(original_sections().values())
    assert list(original_sections()) == [s.heading for s in memo.sections.all()]
    assert share_from_draft(original, drafted) >= 0.6


def test_a_heading_left_without_words_is_not_printed(personas, frameworks):
    memo = do_create_memo(personas.org, Memo.Kind.GENERAL, actor=personas.clerk)
    do_update_memo(
        memo,
        {"subject": "ขออนุมัติจัดประชุม"},
        [(HEADINGS[0], "ตามที่เทศบาลมีกำหนดจัดประชุมพนักงาน"), (HEADINGS[2], "")],
        actor=personas.clerk,
    )
    html = pdf.render_html(memo, with_attachments=False)
    assert "เรื่องเดิม" in html and "ข้อพิจารณา" not in html

"""What keeps the paper a memo: a one-page memo stays one page with its verification code
beside the signature; the signature never stands alone, cut from its closing line."""

from __future__ import annotations

from reports import pdf
from reports.actions import (
    do_create_memo,
    do_set_route,
    do_update_memo,
)
from reports.models import Memo, Verb
from tests.memo_helpers import approve_through, kept_bytes, needs_official_font, read_pdf

pytestmark = needs_official_font

PARAGRAPH = (
    "เทศบาลตำบลบ้านทดสอบได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
    "โดยมอบหมายให้ทุกส่วนราชการรายงานผลการดำเนินการเป็นรายไตรมาส"
)


def general_memo(personas, paragraphs: int) -> Memo:
    memo = do_create_memo(personas.org, Memo.Kind.GENERAL, actor=personas.clerk)
    do_update_memo(
        memo,
        {"subject": "รายงานผลการดำเนินการ"},
        [("๑. เรื่องเดิม", "\n".join([PARAGRAPH] * paragraphs))],
        actor=personas.clerk,
    )
    do_set_route(memo, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    return memo


def test_a_one_page_memo_stays_one_page_with_its_verification_code(personas, frameworks):
    memo = approve_through(personas, general_memo(personas, 6), [personas.executive])
    with read_pdf(kept_bytes(memo)) as document:
        text = document.pages[0].extract_text()
        assert len(document.pages) == 1
    assert "ตรวจสอบความถูกต้องของเอกสารนี้ได้ที่" in text
    assert f"({personas.clerk.display_name})" in text
    assert f"({personas.executive.display_name})" in text  # the decision block fits too


def test_the_signature_is_never_cut_from_the_closing_line(personas, frameworks):
    memo = general_memo(personas, 1)
    name = f"({personas.clerk.display_name})"
    seen_break = False
    for count in range(14, 26):
        do_update_memo(
            memo, {}, [("๑. เรื่องเดิม", "\n".join([PARAGRAPH] * count))], actor=personas.clerk
        )
        memo.refresh_from_db()
        with read_pdf(pdf.render(memo, use_cache=False)) as document:
            pages = [page.extract_text() for page in document.pages]
        closing = next(i for i, text in enumerate(pages) if memo.closing in text)
        signed = next(i for i, text in enumerate(pages) if name in text)
        assert closing == signed, count
        seen_break = seen_break or closing > 0
    assert seen_break, "some length must push the ending onto page 2"

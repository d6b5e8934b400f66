"""The rendered memo, read back with pdfplumber, against the memo layout spec."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from itatrack import fonts
from reports import pdf
from reports.actions import do_update_memo
from reports.models import Memo
from tests.memo_helpers import CM, analysis_memo, read_pdf

A4_W, A4_H = 595.28, 841.89
TOL = 2.0


@pytest.fixture(autouse=True)
def official_font():
    if fonts.find_pdf_fonts() is None or not fonts.find_pdf_fonts().is_official:
        pytest.skip("TH SarabunPSK is not installed (make setup installs it)")


@pytest.fixture
def memo(personas, frameworks):
    from itatrack.actions import do_update_organization
    from tests.helpers import image_upload

    do_update_organization(
        personas.org, {"emblem": image_upload("e.png", size=(200, 200))}, actor=None
    )
    return analysis_memo(personas, measures=6)


@pytest.fixture
def document(memo):
    with read_pdf(pdf.render(memo, use_cache=False)) as doc:
        yield doc


def chars(page, text_filter=None):
    return [c for c in page.chars if c["text"].strip() and (text_filter is None or text_filter(c))]


def test_page_one_has_the_margins_of_the_regulation(document):
    page = document.pages[0]
    body = [c for c in chars(page) if c["top"] > 4 * CM]
    assert min(c["x0"] for c in body) >= 3 * CM - TOL  # left 3 cm
    assert max(c["x1"] for c in body) <= A4_W - 2 * CM + TOL  # right 2 cm
    assert max(c["bottom"] for c in body) <= A4_H - 2 * CM + TOL  # bottom 2 cm


def test_the_emblem_is_one_and_a_half_centimetres_at_the_top_left(document):
    image = next(i for i in document.pages[0].images if i["top"] < 3 * CM)
    assert image["height"] == pytest.approx(1.5 * CM, abs=1)
    assert image["x0"] == pytest.approx(3 * CM, abs=1)
    assert image["top"] == pytest.approx(1.5 * CM, abs=1)


def test_title_labels_and_body_have_their_sizes(document):
    page = document.pages[0]
    words = page.extract_words(extra_attrs=["size", "fontname"])
    sizes = {w["text"]: round(w["size"]) for w in words}
    assert sizes["บันทึกข้อความ"] == 29
    assert sizes["ส่วนราชการ"] == 20 and sizes["เรื่อง"] == 20
    body = [w for w in words if w["top"] > 7 * CM and "Bold" not in w["fontname"]]
    assert {round(w["size"]) for w in body} == {16}


def test_paragraphs_start_two_and_a_half_centimetres_in(document):
    page = document.pages[0]
    lines = {}
    for c in chars(page, lambda c: c["top"] > 7 * CM and round(c["size"]) == 16):
        lines.setdefault(round(c["top"]), []).append(c["x0"])
    starts = {round(min(xs) - 3 * CM) for xs in lines.values()}
    assert any(abs(s - 2.5 * CM) <= 2 for s in starts)  # first lines indented 2.5 cm
    assert any(abs(s) <= 2 for s in starts)  # continuation lines at the margin


def test_page_numbers_start_on_page_two(document):
    first_top = (
        document.pages[0].crop((0, 0, document.pages[0].width, 1.5 * CM)).extract_text() or ""
    )
    assert "-" not in first_top
    second = document.pages[1]
    header = second.crop((0, 0, second.width, 2.5 * CM)).extract_text()
    assert header.strip() == "- ๒ -"


def test_attachment_tables_are_on_landscape_pages_with_repeated_headers(document):
    landscape = [p for p in document.pages if p.width > p.height]
    assert len(landscape) >= 2
    headed = [p for p in landscape if "มาตรการ/แนวทาง" in (p.extract_text() or "")]
    assert headed, "the measures table has its header row"
    assert document.pages[0].width < document.pages[0].height


def test_every_digit_in_the_text_layer_is_thai_except_in_nacc_codes(document):
    text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert re.findall(r"[0-9]", re.sub(r"\b[OIE][0-9]{1,3}\b", "", text)) == []
    assert re.search(r"[๐-๙]", text)


def test_the_text_layer_reads_back_words_with_sara_am_and_tone_marks(personas, memo):
    words = ["ตำบล", "ดำเนินการ", "ข้อ", "น้ำ", "ผู้บริหาร", "คุณธรรม", "ความโปร่งใส", "ที่ไม่ได้"]
    do_update_memo(memo, {}, [("๑. เรื่องทดสอบ", " ".join(words))], actor=personas.clerk)
    with read_pdf(pdf.render(memo, use_cache=False)) as doc:
        text = doc.pages[0].extract_text()
    for word in words:
        assert word in text, word


def test_a_long_paragraph_without_spaces_breaks_between_words(personas, memo):
    from pythainlp.corpus.common import thai_words

    words = thai_words()

    def between_words(text: str, at: int) -> bool:
        """A dictionary word ends at `at` and another starts there."""
        return any(text[i:at] in words for i in range(max(0, at - 20), at)) and any(
            text[at:j] in words for j in range(at + 1, min(len(text), at + 20) + 1)
        )

    pieces = ["สวัสดี"] + [
        "การประเมิน",
        "คุณธรรม",
        "และ",
        "ความโปร่งใส",
        "ใน",
        "การดำเนินงาน",
        "ของ",
        "หน่วยงาน",
        "ภาครัฐ",
        "ประจำปี",
        "งบประมาณ",
        "ผู้บริหาร",
        "ท้องถิ่น",
    ] * 4
    paragraph = "".join(pieces)
    do_update_memo(memo, {}, [("", paragraph)], actor=personas.clerk)
    with read_pdf(pdf.render(memo, use_cache=False)) as doc:
        text = doc.pages[0].extract_text()
    start = text.index(pieces[0])
    lines = []
    for line in text[start:].split("\n"):
        lines.append(line.strip())
        if sum(len(x) for x in lines) >= len(paragraph):
            break
    assert "".join(lines)[: len(paragraph)] == paragraph  # nothing lost or reordered
    assert len(lines) >= 3
    offset = 0
    for line in lines[:-1]:
        offset += len(line)
        assert between_words(paragraph, offset), f"broken inside a word after {line[-12:]!r}"


def test_a_draft_carries_the_watermark_outside_the_text_layer(memo):
    with read_pdf(pdf.render(memo, use_cache=False)) as doc:
        draft_images = len(doc.pages[0].images)
        assert "ร่าง" not in doc.pages[0].extract_text()  # the words stay searchable
    memo.status = Memo.Status.APPROVED
    with read_pdf(pdf.render(memo, use_cache=False)) as doc:
        assert len(doc.pages[0].images) == draft_images - 1


def test_the_renderer_reads_only_the_apps_own_files(tmp_path):
    fetcher = pdf.RestrictedFetcher(pdf.allowed_roots())
    allowed = settings.BASE_DIR / "static" / "css" / "itatrack.css"
    assert fetcher(allowed.as_uri()).status == 200
    for url in [
        "http://127.0.0.1:8000/",
        "https://example.org/x.png",
        "file:///etc/passwd",
        (settings.BASE_DIR / "static" / ".." / "manage.py").as_uri(),
        "data:text/plain,hello",
        "ftp://example.org/a",
    ]:
        with pytest.raises(ValueError):
            fetcher(url)


def test_markup_in_a_memo_is_text_not_an_instruction_to_fetch(personas, memo, caplog):
    hostile = '<img src="file:///etc/passwd"><link rel=stylesheet href="http://evil.example/x">'
    do_update_memo(memo, {"subject": hostile}, [("", hostile)], actor=personas.clerk)
    html = pdf.render_html(memo)
    assert '<img src="file:///etc/passwd">' not in html and "&lt;img" in html
    with read_pdf(pdf.render(memo, use_cache=False)) as doc:
        assert "evil.example" in doc.pages[0].extract_text()  # shown as words
    assert Path("/etc/passwd").exists()


def test_an_unchanged_memo_is_served_from_the_cache(memo):
    first = pdf.render(memo)
    assert pdf.render(memo) is not None
    assert pdf.render(memo) == first


def test_nacc_codes_print_as_nacc_prints_them_and_a_search_finds_them(personas, memo):
    do_update_memo(
        memo,
        {},
        [("๑. เรื่องเดิม", "คะแนนต่ำในข้อ O25 ข้อ I11 และข้อ 0๒๐ ส่วนคะแนนรวม 85.15 คะแนน")],
        actor=personas.clerk,
    )
    with read_pdf(pdf.render(memo, use_cache=False, with_attachments=False)) as doc:
        text = doc.pages[0].extract_text()
    for code in ("O25", "I11", "O20"):
        assert code in text, code
    assert "๘๕.๑๕" in text and "O๒๕" not in text

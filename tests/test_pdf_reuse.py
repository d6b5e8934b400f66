"""What the memo renderer makes once and reuses, and what it avoids drawing the slow way: the
parsed stylesheet with its fonts (per thread, anew when the fonts or the readable folders
change), a draft watermark that goes into the PDF without being decoded and re-encoded, and
dotted lines drawn as one pattern."""

from __future__ import annotations

import threading

import pytest

from reports import pdf
from tests.memo_helpers import analysis_memo, read_pdf


@pytest.fixture
def memo(personas, frameworks):
    return analysis_memo(personas, measures=1)


def test_it_parses_the_stylesheet_once_per_thread(memo):
    first = pdf.render(memo, use_cache=False)
    shared = pdf.styles(pdf.fonts.find_pdf_fonts())
    again = pdf.render(memo, use_cache=False)
    assert pdf.styles(pdf.fonts.find_pdf_fonts()) is shared
    assert pdf.page_count(first) == pdf.page_count(again)


def test_another_thread_gets_its_own_font_configuration(memo):
    pdf.render(memo, use_cache=False)
    mine = pdf.styles(pdf.fonts.find_pdf_fonts())
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(pdf.styles(mine.key[0])))
    thread.start()
    thread.join()
    assert theirs[0] is not mine and theirs[0].font_config is not mine.font_config
    assert theirs[0].text == mine.text


def test_a_new_media_folder_starts_afresh(memo, settings, tmp_path):
    pdf.render(memo, use_cache=False)
    before = pdf.styles(pdf.fonts.find_pdf_fonts())
    settings.MEDIA_ROOT = str(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    after = pdf.styles(pdf.fonts.find_pdf_fonts())
    assert after is not before
    assert str((tmp_path / "elsewhere").resolve()) in [str(root) for root in after.key[1]]


def test_the_draft_watermark_is_a_jpeg_that_the_pdf_carries_as_it_is(memo):
    with read_pdf(pdf.render(memo, use_cache=False)) as doc:
        filters = [image["stream"].get("Filter") for image in doc.pages[0].images]
    # /DCTDecode: the JPEG's bytes as they are; a PNG would be split and re-encoded (Flate).
    assert any("DCTDecode" in str(f) for f in filters), filters


def curve_operators(page) -> int:
    """Bézier segments ("c" operators) in the page's own content streams."""
    from pdfminer.pdftypes import resolve1

    streams = resolve1(page.page_obj.attrs["Contents"])
    streams = streams if isinstance(streams, list) else [streams]
    data = b"".join(resolve1(stream).get_data() for stream in streams)
    return data.count(b" c\n")


def test_the_dotted_lines_are_one_pattern_not_a_curve_per_dot(memo):
    with read_pdf(pdf.render(memo, use_cache=False)) as doc:
        # A dotted border is drawn as one circle of four curves per dot: thousands on a head.
        assert curve_operators(doc.pages[0]) < 200

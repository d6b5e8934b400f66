"""lines_of: a rendered memo as plain lines for the public text version."""

from __future__ import annotations

from reports.plaintext import lines_of


def test_it_keeps_inline_words_together_and_ends_lines_at_blocks():
    html = "<head><style>p { color: red }</style></head><p><b>เรียน</b> นายก</p><div>จบ<br>ต่อ</div>"
    assert lines_of(html) == ["เรียน นายก", "จบ", "ต่อ"]


def test_it_puts_the_cells_of_a_table_row_on_one_line():
    html = (
        "<table><tr><th>ที่</th><th>มาตรการ</th></tr>"
        "<tr><td>๑</td><td><p>ขั้นตอน ก</p><p>ขั้นตอน ข</p></td></tr></table>"
    )
    assert lines_of(html) == ["ที่ · มาตรการ", "๑ · ขั้นตอน ก ขั้นตอน ข"]


def test_it_writes_the_tick_boxes_as_characters():
    html = '<p><span class="box checked"></span>เห็นชอบ <span class="box"></span>ไม่เห็นชอบ</p>'
    assert lines_of(html) == ["☑ เห็นชอบ ☐ ไม่เห็นชอบ"]

"""The words of a rendered memo as lines of plain text, for the public HTML version: search
engines and screen readers cannot rely on the PDF's text layer for Thai."""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "tr", "br", "table", "section", "thead"}
CELLS = {"td", "th"}
SKIP = {"style", "script", "head", "title"}


class _Lines(HTMLParser):
    """Block elements end a line; the cells of a table row share one line, joined by " · "."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.segments: list[str] = []
        self.text: list[str] = []
        self.cell_depth = 0
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skip_depth += 1
        elif tag in CELLS:
            self._end_segment()
            self.cell_depth += 1
        elif tag == "span" and "box" in (classes := (dict(attrs).get("class") or "").split()):
            # The memo's tick boxes are drawn with CSS; in text they are ☑ and ☐.
            self.text.append("☑ " if "checked" in classes else "☐ ")
        elif tag == "span" and {"no", "date"} & set(classes):
            self._end_segment()  # ที่ … · วันที่ …: two fields of one printed line
        elif tag == "span" and "v" in classes:
            self.text.append(" ")  # a label (ส่วนราชการ, ที่, วันที่) and its value, apart
        elif tag in BLOCKS and self.cell_depth:
            self.text.append(" ")  # a paragraph inside a cell: keep the words apart
        elif tag in BLOCKS:
            self.end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in CELLS:
            self._end_segment()
            self.cell_depth = max(0, self.cell_depth - 1)
        elif tag in BLOCKS and not self.cell_depth:
            self.end_line()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.text.append(data)

    def _end_segment(self) -> None:
        segment = " ".join("".join(self.text).split())
        if segment:
            self.segments.append(segment)
        self.text = []

    def end_line(self) -> None:
        self._end_segment()
        if self.segments:
            self.lines.append(" · ".join(self.segments))
        self.segments = []


def lines_of(html: str) -> list[str]:
    parser = _Lines()
    parser.feed(html)
    parser.close()
    parser.end_line()
    return parser.lines

"""Geometry for the server-rendered SVG charts: the ten indicators against earlier years and the
pass mark, and the total's trend. Templates draw what these compute; no script, printable."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from itatrack.thai import screen_digits, shorten

# Colours for up to three years, oldest first; the current year is the strongest.
YEAR_COLOURS = ("#b8c7d9", "#7f9cc0", "#1f4e79")


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str  # for the <title> tooltip


@dataclass
class Tick:
    x: float
    y: float
    text: str


@dataclass
class PhoneRow:
    """One indicator on a phone: its label, then one horizontal bar per year."""

    label: Tick
    bars: list[Bar] = field(default_factory=list)
    values: list[Tick] = field(default_factory=list)


@dataclass
class PhoneChart:
    """The same scores for a narrow screen: indicators down the page, so nothing is hidden
    beyond the right edge and nobody has to scroll sideways."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    rows: list[PhoneRow] = field(default_factory=list)
    pass_x: float = 0
    pass_label: str = ""


PHONE_WIDTH = 340
PHONE_PLOT = 270  # the bars' full length at 100; the rest holds the value
PHONE_BAR = 10
PHONE_LABEL = 18


def phone_chart(
    numbers: list[int],
    names: dict[int, str],
    years: list[tuple[int, dict[int, Decimal | None]]],
    colours: tuple[str, ...],
    pass_mark: Decimal,
) -> PhoneChart:
    left = 2.0
    chart = PhoneChart(PHONE_WIDTH, 0, left, left + PHONE_PLOT)
    y = 4.0
    for number in numbers:
        name = shorten(names.get(number, ""), 38)
        row = PhoneRow(Tick(left, y + 12, f"{screen_digits(number)} {name}".strip()))
        y += PHONE_LABEL
        for (year, scores), colour in zip(years, colours, strict=True):
            value = scores.get(number)
            length = PHONE_PLOT * float(value) / 100 if value is not None else 0
            shown = screen_digits(value) if value is not None else "—"
            row.bars.append(
                Bar(left, y, length, PHONE_BAR, colour, f"ปี {screen_digits(year)}: {shown}")
            )
            row.values.append(Tick(left + length + 4, y + PHONE_BAR - 1, shown))
            y += PHONE_BAR + 2
        y += 6
        chart.rows.append(row)
    chart.height = int(y) + 4
    chart.pass_x = left + PHONE_PLOT * float(pass_mark) / 100
    chart.pass_label = f"เกณฑ์ {screen_digits(int(pass_mark))}"
    return chart


@dataclass
class IndicatorChart:
    width: int
    height: int
    plot_top: float
    plot_bottom: float
    plot_left: float
    plot_right: float
    bars: list[Bar] = field(default_factory=list)
    x_labels: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    pass_y: float = 0
    pass_label: str = ""
    legend: list[tuple[str, str]] = field(default_factory=list)
    phone: PhoneChart | None = None


def _y(value: Decimal | float, top: float, bottom: float) -> float:
    return bottom - (bottom - top) * float(value) / 100


def indicator_chart(
    numbers: list[int],
    years: list[tuple[int, dict[int, Decimal | None]]],
    pass_mark: Decimal,
    width: int = 760,
    height: int = 300,
    names: dict[int, str] | None = None,
) -> IndicatorChart:
    """Grouped bars: for each indicator number, one bar per year (oldest first); and the same
    as horizontal rows for a phone."""
    years = years[-len(YEAR_COLOURS) :]
    left, right, top, bottom = 40.0, width - 10.0, 16.0, height - 30.0
    chart = IndicatorChart(width, height, top, bottom, left, right)
    group = (right - left) / max(len(numbers), 1)
    bar_width = group * 0.8 / max(len(years), 1)
    colours = YEAR_COLOURS[-len(years) :] if years else ()
    for index, number in enumerate(numbers):
        start = left + index * group + group * 0.1
        for position, ((year, scores), colour) in enumerate(zip(years, colours, strict=True)):
            value = scores.get(number)
            if value is None:
                continue
            y = _y(value, top, bottom)
            chart.bars.append(
                Bar(
                    start + position * bar_width,
                    y,
                    bar_width * 0.92,
                    bottom - y,
                    colour,
                    f"ตัวชี้วัดที่ {screen_digits(number)} ปี {screen_digits(year)}: "
                    f"{screen_digits(value)}",
                )
            )
        chart.x_labels.append(
            Tick(left + index * group + group / 2, bottom + 18, screen_digits(number))
        )
    chart.y_ticks = [
        Tick(left - 6, _y(v, top, bottom), screen_digits(v)) for v in (0, 25, 50, 75, 100)
    ]
    chart.pass_y = _y(pass_mark, top, bottom)
    chart.pass_label = f"เกณฑ์ {screen_digits(int(pass_mark))}"
    chart.legend = [
        (screen_digits(year), colour)
        for (year, _scores), colour in zip(years, colours, strict=True)
    ]
    chart.phone = phone_chart(numbers, names or {}, years, tuple(colours), pass_mark)
    return chart


@dataclass
class TrendPoint:
    x: float
    y: float
    year: str
    value: str


@dataclass
class TrendChart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    points: list[TrendPoint]
    polyline: str
    pass_y: float
    pass_label: str
    y_ticks: list[Tick]
    phone: PhoneChart | None = None


def trend_phone(totals: list[tuple[int, Decimal]], pass_mark: Decimal) -> PhoneChart:
    """The totals for a phone: one year per row."""
    years = [(year, {0: total}) for year, total in totals]
    chart = PhoneChart(PHONE_WIDTH, 0, 2.0, 2.0 + PHONE_PLOT)
    y = 4.0
    for year, scores in years:
        row = PhoneRow(Tick(2.0, y + 12, f"ปี {screen_digits(year)}"))
        y += PHONE_LABEL
        value = scores[0]
        length = PHONE_PLOT * float(value) / 100
        row.bars.append(Bar(2.0, y, length, PHONE_BAR, YEAR_COLOURS[-1], screen_digits(value)))
        row.values.append(Tick(2.0 + length + 4, y + PHONE_BAR - 1, screen_digits(value)))
        y += PHONE_BAR + 8
        chart.rows.append(row)
    chart.height = int(y) + 4
    chart.pass_x = 2.0 + PHONE_PLOT * float(pass_mark) / 100
    chart.pass_label = f"เกณฑ์ {screen_digits(int(pass_mark))}"
    return chart


def trend_chart(
    totals: list[tuple[int, Decimal]], pass_mark: Decimal, width: int = 760, height: int = 220
) -> TrendChart:
    left, right, top, bottom = 40.0, width - 20.0, 20.0, height - 30.0
    step = (right - left) / max(len(totals) - 1, 1)
    points = [
        TrendPoint(
            left + i * step if len(totals) > 1 else (left + right) / 2,
            _y(total, top, bottom),
            screen_digits(year),
            screen_digits(total),
        )
        for i, (year, total) in enumerate(totals)
    ]
    return TrendChart(
        width,
        height,
        left,
        right,
        points,
        " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points),
        _y(pass_mark, top, bottom),
        f"เกณฑ์ {screen_digits(int(pass_mark))}",
        [Tick(left - 6, _y(v, top, bottom), screen_digits(v)) for v in (0, 50, 100)],
        trend_phone(totals, pass_mark),
    )


@dataclass
class LevelChart:
    width: int
    height: int
    plot_bottom: float
    bars: list[Bar]
    x_labels: list[Tick]
    values: list[Tick]


def level_chart(counts: list[tuple[str, int]], width: int = 460, height: int = 200) -> LevelChart:
    """How many bodies sit at each level (AA … F, then "no score"): one bar a level."""
    left, right, top, bottom = 10.0, width - 10.0, 22.0, height - 26.0
    slot = (right - left) / max(len(counts), 1)
    highest = max((n for _level, n in counts), default=0) or 1
    chart = LevelChart(width, height, bottom, [], [], [])
    for index, (level, n) in enumerate(counts):
        x = left + index * slot + slot * 0.15
        bar_height = (bottom - top) * n / highest
        chart.bars.append(
            Bar(x, bottom - bar_height, slot * 0.7, bar_height, "", f"{level}: {screen_digits(n)}")
        )
        middle = left + index * slot + slot / 2
        chart.x_labels.append(Tick(middle, bottom + 18, level))
        chart.values.append(Tick(middle, bottom - bar_height - 5, screen_digits(n)))
    return chart

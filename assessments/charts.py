"""Geometry for the server-rendered SVG charts: the ten indicators against earlier years and the
pass mark, and the total's trend. Templates draw what these compute; no script, printable."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from itatrack.thai import screen_digits

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


def _y(value: Decimal | float, top: float, bottom: float) -> float:
    return bottom - (bottom - top) * float(value) / 100


def indicator_chart(
    numbers: list[int],
    years: list[tuple[int, dict[int, Decimal | None]]],
    pass_mark: Decimal,
    width: int = 760,
    height: int = 300,
) -> IndicatorChart:
    """Grouped bars: for each indicator number, one bar per year (oldest first)."""
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

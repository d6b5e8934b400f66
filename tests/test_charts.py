"""The SVG charts' geometry: bars, gridlines and the pass line on one scale."""

from __future__ import annotations

from decimal import Decimal

from assessments.charts import indicator_chart


def test_a_full_score_bar_reaches_the_100_gridline_and_an_empty_one_the_0_line():
    chart = indicator_chart([1, 2], [(2569, {1: Decimal(100), 2: Decimal(0)})], Decimal(85))
    grid = {tick.text: tick.y for tick in chart.y_ticks}
    full, empty = chart.bars
    assert full.y == grid["๑๐๐"]
    assert empty.y == grid["๐"] == chart.plot_bottom


def test_the_pass_line_sits_between_the_75_and_100_gridlines_in_proportion():
    chart = indicator_chart([1], [(2569, {1: Decimal(90)})], Decimal(85))
    grid = {tick.text: tick.y for tick in chart.y_ticks}
    assert abs(chart.pass_y - (grid["๗๕"] + (grid["๑๐๐"] - grid["๗๕"]) * 10 / 25)) < 1e-9

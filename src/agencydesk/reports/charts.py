"""Charts as inline SVG geometry, computed on the server (no script, no external CDN).

The templates ``reports/_trend_chart.html`` and ``reports/_bar_chart.html`` draw what these
functions return; labels stay text, so the template escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from agencydesk.reports.durations import HOUR, duration_human
from agencydesk.reports.queries import ReportRow

WIDTH = 720
PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT = 16, 196, 48, 672
BAR_ROW = 28
MAX_TICKS = 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    tick: bool = True  # whether the axis shows this bar's label (every n-th one when many)


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    bars: list[Bar]
    line_points: str
    dots: list[tuple[float, float, str]]
    max_count: int
    max_median: str
    axis_y: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    label_x: int


def trend_chart(rows: list[ReportRow]) -> TrendChart | None:
    """Ticket volume as bars, median resolution time as a line, one slot per period."""
    if not rows:
        return None
    max_count = max(max(row.ticket_count for row in rows), 1)
    medians = [row.resolution.median for row in rows]
    max_median = max((m for m in medians if m is not None), default=0.0) or HOUR
    slot = (PLOT_RIGHT - PLOT_LEFT) / len(rows)
    tick_every = -(-len(rows) // MAX_TICKS)
    plot_height = PLOT_BOTTOM - PLOT_TOP
    bars: list[Bar] = []
    dots: list[tuple[float, float, str]] = []
    for index, row in enumerate(rows):
        height = plot_height * row.ticket_count / max_count
        x = PLOT_LEFT + index * slot
        bars.append(
            Bar(
                x=round(x + slot * 0.15, 1),
                y=round(PLOT_BOTTOM - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=row.label,
                value=str(row.ticket_count),
                tick=index % tick_every == 0,
            )
        )
        if row.resolution.median is not None:
            y = PLOT_BOTTOM - plot_height * row.resolution.median / max_median
            dots.append(
                (round(x + slot / 2, 1), round(y, 1), duration_human(row.resolution.median))
            )
    return TrendChart(
        width=WIDTH,
        height=PLOT_BOTTOM + 40,
        bars=bars,
        line_points=" ".join(f"{x},{y}" for x, y, _label in dots),
        dots=dots,
        max_count=max_count,
        max_median=duration_human(max_median),
        axis_y=PLOT_BOTTOM,
    )


def bar_chart(rows: list[ReportRow]) -> BarChart | None:
    """Median resolution time per group as horizontal bars (groups without one show none)."""
    if not rows:
        return None
    label_x = 200
    longest = max((row.resolution.median or 0.0 for row in rows), default=0.0) or HOUR
    span = WIDTH - label_x - 140
    bars = [
        Bar(
            x=label_x,
            y=index * BAR_ROW + 4,
            width=round(span * (row.resolution.median or 0.0) / longest, 1),
            height=BAR_ROW - 10,
            label=row.label,
            value=duration_human(row.resolution.median),
        )
        for index, row in enumerate(rows)
    ]
    return BarChart(width=WIDTH, height=len(rows) * BAR_ROW + 8, bars=bars, label_x=label_x)

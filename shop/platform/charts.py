"""Bar charts drawn on the server as inline SVG: readable without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]


def bar_chart(
    labelled_values: list[tuple[str, int]], *, width: int = 640, height: int = 220
) -> BarChart:
    """The geometry of a bar chart (one bar per value), scaled to the largest value."""
    top, bottom = 20, 30  # room for the value above a bar and the label below it
    plot = height - top - bottom
    largest = max((value for _, value in labelled_values), default=0) or 1
    slot = width / max(len(labelled_values), 1)
    bars = []
    for i, (label, value) in enumerate(labelled_values):
        bar_height = plot * value / largest
        bars.append(
            Bar(
                x=round(i * slot + slot * 0.15, 1),
                y=round(top + plot - bar_height, 1),
                width=round(slot * 0.7, 1),
                height=round(bar_height, 1),
                value=value,
                label=label,
            )
        )
    return BarChart(width=width, height=height, baseline=top + plot, bars=bars)

"""Bar charts drawn on the server as SVG: geometry here, markup in `templates/survey/includes/chart.html`.

Each bar has its label above it and its number beside it in words, and a <title>, so the chart reads without
colour and without the picture; the same numbers are in a table next to it. No style attributes (the CSP forbids
them): the stylesheet colours the classes.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 560
BAR_MAX = 400
ROW = 46
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
TOP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    title: str
    label_y: int
    bar_y: int
    width: float
    value_x: float
    value_y: int
    # The 95% interval as x positions, with the y of its line.
    interval: tuple[float, float] | None = None
    interval_y: float = 0
    missing: bool = False


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    height: int
    width: int = WIDTH
    bar_max: int = BAR_MAX


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: list[dict],
) -> Chart:
    """`rows`: dicts with `label`, `fraction` (0–1, or None when not shown), `value_text`, `title`, and optionally
    `interval` (low, high) as fractions."""
    bars = []
    for index, row in enumerate(rows):
        top = TOP + index * ROW
        fraction = row.get("fraction")
        width = 0.0 if fraction is None else max(fraction * BAR_MAX, 1.5 if fraction > 0 else 0)
        interval = row.get("interval")
        end = max(width, interval[1] * BAR_MAX if interval else 0)
        bars.append(
            Bar(
                label=row["label"],
                value_text=row["value_text"],
                title=row["title"],
                label_y=top + 14,
                bar_y=top + LABEL_HEIGHT + 2,
                width=round(width, 1),
                value_x=round(end + 8, 1),
                value_y=top + LABEL_HEIGHT + 15,
                interval=(round(interval[0] * BAR_MAX, 1), round(interval[1] * BAR_MAX, 1)) if interval else None,
                interval_y=top + LABEL_HEIGHT + 2 + BAR_HEIGHT / 2,
                missing=fraction is None,
            )
        )
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        bars=tuple(bars),
        height=TOP + len(rows) * ROW + 4,
    )

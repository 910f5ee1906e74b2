"""The progress chart drawn on the server as SVG: geometry here, markup in `templates/survey/diary/chart.html`.

Like the survey's bar charts: a <title> and <desc>, a <title> on every point and marker, no style attributes (the
stylesheet colours the classes), and the same numbers in a table beside it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

WIDTH = 560
HEIGHT = 260
LEFT = 40
RIGHT = 16
TOP = 16
BOTTOM = 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Marker:
    x: float
    kind: str
    title: str
    label_y: float


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    description: str
    points: tuple[Point, ...]
    markers: tuple[Marker, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    path: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _day(moment) -> datetime.date:
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment


def line_chart(
    *, chart_id: str, title: str, description: str, points: list[dict], changes: list, maximum: int
) -> LineChart:
    """`points`: dicts with `at` and `score` (oldest first); `changes`: entries with a treatment change."""
    days = [_day(point["at"]) for point in points] + [_day(entry.recorded_at) for entry in changes]
    start, end = (min(days), max(days)) if days else (timezone.localdate(), timezone.localdate())
    span = max((end - start).days, 1)
    inner_width, inner_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    maximum = max(maximum, 1)

    def x_of(moment) -> float:
        if len(set(days)) <= 1:
            return LEFT + inner_width / 2
        return round(LEFT + (_day(moment) - start).days / span * inner_width, 1)

    def y_of(score: float) -> float:
        return round(TOP + inner_height - float(score) / maximum * inner_height, 1)

    drawn = tuple(
        Point(
            x=x_of(point["at"]),
            y=y_of(point["score"]),
            title=_("%(day)s: %(score)s of %(maximum)s")
            % {"day": formats.date_format(_day(point["at"]), "j M Y"), "score": point["score"], "maximum": maximum},
        )
        for point in points
    )
    markers = tuple(
        Marker(
            x=x_of(entry.recorded_at),
            kind=entry.change,
            title=f"{formats.date_format(_day(entry.recorded_at), 'j M Y')}: {entry.get_change_display()} "
            f"{entry.treatment_name}",
            label_y=TOP + 10 + (index % 3) * 12,
        )
        for index, entry in enumerate(changes)
    )
    step = max(1, round(maximum / 5))
    y_ticks = tuple(Tick(position=y_of(value), text=str(value)) for value in range(0, maximum + 1, step))
    x_ticks = (
        (Tick(position=LEFT, text=formats.date_format(start, "j M Y")),)
        if start == end
        else (
            Tick(position=LEFT, text=formats.date_format(start, "j M Y")),
            Tick(position=WIDTH - RIGHT, text=formats.date_format(end, "j M Y")),
        )
    )
    path = " ".join(f"{'M' if index == 0 else 'L'}{point.x},{point.y}" for index, point in enumerate(drawn))
    return LineChart(
        id=chart_id,
        title=title,
        description=description,
        points=drawn,
        markers=markers,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        path=path,
    )

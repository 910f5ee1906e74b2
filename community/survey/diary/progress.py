"""What "My progress" and its print view show for one condition and period: a bounded number of points, the latest
treatment changes, and the chart drawn from them. The same few queries for ten entries or ten thousand."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from community.survey.diary import charts
from community.survey.diary.forms import DEFAULT_PERIOD, PERIODS
from community.survey.diary.models import DiaryEntry
from community.survey.diary.scales import Scale

MAX_POINTS = 100
MAX_CHANGES = 30


@dataclass(frozen=True)
class Progress:
    period: str
    start: datetime.datetime | None
    count: int
    unit: str
    points: list[dict]
    changes: list[DiaryEntry]
    chart: charts.LineChart | None
    maximum: int


def period_start(period: str) -> datetime.datetime | None:
    days = PERIODS.get(period, PERIODS[DEFAULT_PERIOD])[1]
    return timezone.now() - datetime.timedelta(days=days) if days else None


def progress_of(
    member, *, condition: str, condition_name: str, scale: Scale, period: str, max_points: int = MAX_POINTS,
    max_changes: int = MAX_CHANGES,
) -> Progress:  # fmt: skip
    start = period_start(period)
    entries = DiaryEntry.objects.of(member).for_condition(condition).between(start)
    span = entries.span()  # 1 query
    maximum = span["score_max"] or scale.maximum
    unit, points = entries.points(span=span, max_points=max_points)  # 1 query (none without entries)
    changes = entries.changes(limit=max_changes) if span["count"] else []  # 1 query
    chart = None
    if points:
        chart = charts.line_chart(
            chart_id=f"diary-{condition}",
            title=_("%(scale)s over time: %(condition)s") % {"scale": scale.name, "condition": condition_name},
            description=_("Your score from 0 to %(maximum)s, %(count)s entries; the same numbers are in the table.")
            % {"maximum": maximum, "count": span["count"]},
            points=points,
            changes=changes,
            maximum=maximum,
        )
    return Progress(
        period=period,
        start=start,
        count=span["count"],
        unit=unit,
        points=points,
        changes=changes,
        chart=chart,
        maximum=maximum,
    )

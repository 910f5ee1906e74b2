"""The member's own diary as CSV (their download) and as JSON (their account export)."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.utils import timezone

from community.survey.diary.models import DiaryEntry

HEADER = [
    "recorded_at", "condition", "score", "score_max", "scale", "items", "treatment_change", "treatment", "note",
]  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): such cells get a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(member) -> Iterator[str]:
    """The header, then every entry of the member, oldest first, read in chunks."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADER)
    for entry in DiaryEntry.objects.of(member).order_by("recorded_at", "pk").iterator(chunk_size=2000):
        yield writer.writerow(
            [
                neutralise(value)
                for value in (
                    timezone.localtime(entry.recorded_at).isoformat(timespec="minutes"),
                    entry.condition,
                    entry.score,
                    entry.score_max,
                    entry.scale,
                    " ".join(f"{code}={score}" for code, score in entry.items.items()),
                    entry.change,
                    entry.treatment_name,
                    entry.note,
                )
            ]
        )


def export_diary(member) -> dict:
    """The diary in the member's account export."""
    from community.survey.diary.models import DiaryReminder

    reminder = DiaryReminder.objects.filter(member=member).first()
    return {
        "entries": [
            {
                "recorded_at": entry.recorded_at.isoformat(),
                "condition": entry.condition,
                "score": entry.score,
                "score_max": entry.score_max,
                "scale": entry.scale,
                "items": entry.items,
                "note": entry.note,
                "treatment_change": entry.change,
                "treatment": entry.treatment_name,
            }
            for entry in DiaryEntry.objects.of(member).order_by("recorded_at", "pk").iterator(chunk_size=2000)
        ],
        "weekly_reminder": bool(reminder and reminder.weekly),
    }

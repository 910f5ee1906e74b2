"""The diary's tables: one row per recorded score, and each member's weekly reminder switch.

Every read goes through `DiaryEntry.objects.of(member)`: there is no other way to ask for entries, so nothing
outside the member's own pages, API and data export can list them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek, TruncYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["DiaryEntry", "DiaryReminder"]

# The units entries are averaged over when there are too many to draw one by one, with their length in days.
UNITS = [("day", TruncDay, 1), ("week", TruncWeek, 7), ("month", TruncMonth, 31)]


class DiaryEntryQuerySet(models.QuerySet):
    def of(self, member):
        """The member's own entries; nobody else's, whoever asks."""
        if not getattr(member, "is_authenticated", False):
            return self.none()
        return self.filter(member=member)

    def for_condition(self, condition: str):
        return self.filter(condition=condition)

    def between(self, start, end=None):
        rows = self.filter(recorded_at__gte=start) if start else self
        return rows.filter(recorded_at__lt=end) if end else rows

    def with_treatment(self):
        return self.select_related("treatment")

    def span(self) -> dict:
        """How many entries, from when to when, and the largest score their scales allow: one query."""
        return self.aggregate(
            count=models.Count("pk"),
            first=models.Min("recorded_at"),
            last=models.Max("recorded_at"),
            score_max=models.Max("score_max"),
        )

    def points(self, *, span: dict, max_points: int) -> tuple[str, list[dict]]:
        """The scores to draw, at most about `max_points` whatever the number of entries: each entry while they are
        few, else the mean (with lowest, highest and count) per day, week, month or year, whichever keeps the
        points under the limit. Returns (the unit, the points); one query either way."""
        if not span["count"]:
            return "entry", []
        if span["count"] <= max_points:
            rows = self.order_by("recorded_at", "pk").values_list("recorded_at", "score")
            return "entry", [{"at": at, "score": score, "low": score, "high": score, "count": 1} for at, score in rows]
        days = max((span["last"] - span["first"]).days, 1)
        unit, trunc = next(
            ((unit, trunc) for unit, trunc, length in UNITS if days / length <= max_points),
            ("year", TruncYear),
        )
        rows = (
            self.annotate(bucket=trunc("recorded_at"))
            .values("bucket")
            .annotate(
                mean=models.Avg("score"),
                low=models.Min("score"),
                high=models.Max("score"),
                count=models.Count("pk"),
            )
            .order_by("bucket")
        )
        return unit, [
            {"at": row["bucket"], "score": round(row["mean"], 1), "low": row["low"], "high": row["high"],
             "count": row["count"]}
            for row in rows
        ]  # fmt: skip

    def changes(self, *, limit: int):
        """The latest treatment changes, oldest first: the markers on the chart."""
        latest = self.exclude(change="").order_by("-recorded_at", "-pk")[:limit]
        return sorted(latest, key=lambda entry: (entry.recorded_at, entry.pk))

    def conditions(self) -> list[str]:
        return list(self.order_by("condition").values_list("condition", flat=True).distinct())


class DiaryEntry(models.Model):
    """One score the member recorded for one of their conditions, with an optional note and treatment change."""

    class Change(models.TextChoices):
        NONE = "", _("No change")
        STARTED = "started", _("Started")
        STOPPED = "stopped", _("Stopped")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The survey's condition code (a condition slug, or "other").
    condition = models.CharField(max_length=60)
    recorded_at = models.DateTimeField(default=timezone.now)
    score = models.PositiveSmallIntegerField()
    # The scale as it was when the entry was recorded, so an old entry keeps its meaning if the survey changes.
    score_max = models.PositiveSmallIntegerField()
    scale = models.CharField(max_length=150)
    # For a scale of several items: the answer to each, by item code.
    items = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    change = models.CharField(max_length=10, choices=Change.choices, default=Change.NONE, blank=True)
    treatment = models.ForeignKey(
        "community.Treatment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The treatment's name as shown: the list's name when chosen, the member's words when typed.
    treatment_name = models.CharField(max_length=120, blank=True)
    # One per form shown: a second submission of the same form finds the first entry instead of making another.
    form_token = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DiaryEntryQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["member", "condition", "recorded_at"], name="diary_entry_member_idx")]
        constraints = [
            models.UniqueConstraint(fields=["member", "form_token"], name="diary_entry_form_once"),
            models.CheckConstraint(condition=models.Q(score__lte=models.F("score_max")), name="diary_score_in_scale"),
        ]

    def __str__(self) -> str:
        return f"diary entry {self.pk}"


class DiaryReminder(models.Model):
    """A member's weekly reminder to record their score: off unless they turn it on."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    weekly = models.BooleanField(default=False)
    # The Monday of the last week a reminder went out: never a second one in the same week.
    last_sent_week = models.DateField(null=True, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"diary reminder of {self.member_id}"

"""Every write to the diary: recording and deleting entries, the reminder switch, and marking a reminder sent."""

from __future__ import annotations

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from community.survey.diary.models import DiaryEntry, DiaryReminder
from community.survey.diary.scales import Scale


def record_entry(
    *,
    member,
    condition: str,
    scale: Scale,
    score: int,
    items: dict[str, int] | None = None,
    note: str = "",
    change: str = "",
    treatment=None,
    treatment_name: str = "",
    recorded_at: datetime.datetime | None = None,
    form_token: uuid.UUID | None = None,
) -> tuple[DiaryEntry, bool]:
    """Record one score; returns (entry, created). The same form sent twice gives back the first entry."""
    if form_token is not None:
        existing = DiaryEntry.objects.of(member).filter(form_token=form_token).first()
        if existing is not None:
            return existing, False
    entry = DiaryEntry(
        member=member,
        condition=condition,
        recorded_at=recorded_at or timezone.now(),
        score=score,
        score_max=scale.maximum,
        scale=scale.name[:150],
        items=items or {},
        note=note.strip(),
        change=change if treatment or treatment_name else DiaryEntry.Change.NONE,
        treatment=treatment if change else None,
        treatment_name=(treatment.name if treatment else treatment_name.strip())[:120] if change else "",
        form_token=form_token,
    )
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        # The twin request won the race between our look-up and our insert.
        if form_token is None:
            raise
        return DiaryEntry.objects.of(member).get(form_token=form_token), False
    return entry, True


@transaction.atomic
def delete_entry(*, member, entry_id: int) -> bool:
    """Delete one of the member's own entries; False when they have none with that id."""
    deleted, _by_model = DiaryEntry.objects.of(member).filter(pk=entry_id).delete()
    return bool(deleted)


@transaction.atomic
def delete_diary(*, member) -> int:
    """Everything the diary keeps about the member: entries and reminder."""
    deleted, _by_model = DiaryEntry.objects.of(member).delete()
    DiaryReminder.objects.filter(member=member).delete()
    return deleted


@transaction.atomic
def set_reminder(*, member, weekly: bool) -> DiaryReminder:
    reminder, created = DiaryReminder.objects.select_for_update().get_or_create(
        member=member, defaults={"weekly": weekly}
    )
    if not created and reminder.weekly != weekly:
        reminder.weekly = weekly
        reminder.changed_at = timezone.now()
        reminder.save(update_fields=["weekly", "changed_at"])
    return reminder


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of the week `day` is in."""
    return day - datetime.timedelta(days=day.weekday())


def claim_reminder_week(*, member_id: int, week: datetime.date) -> bool:
    """Mark this week's reminder as sent, in one UPDATE: True only for the first caller in a week, so two
    overlapping runs of the task cannot both send it."""
    return bool(
        DiaryReminder.objects.filter(member_id=member_id, weekly=True)
        .filter(Q(last_sent_week__isnull=True) | Q(last_sent_week__lt=week))
        .update(last_sent_week=week)
    )

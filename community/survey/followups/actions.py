"""Every change follow-ups make: scheduling them when answers are sent, answering one, "stop asking me", and
inviting the members whose follow-ups are due (the scheduled task calls `invite_due_follow_ups`)."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from community.survey import tasks as survey_tasks
from community.survey.followups import definition as follow_up_definition
from community.survey.followups.models import FollowUp, FollowUpStop
from community.survey.models import Response, Treatment, TreatmentReport

INVITE_BATCH = 500


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 May + 3 months = 31 August,
    30 November + 3 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def schedule_follow_ups(*, response: Response) -> int:
    """Due dates 3 and 12 months from today for each listed treatment the response reports on, when its survey
    version promised them. A treatment already followed up (from an earlier submission) keeps its dates."""
    if not follow_up_definition.promises_follow_ups(response.survey):
        return 0
    treatment_ids = set(
        TreatmentReport.objects.filter(response=response, treatment__isnull=False)
        .exclude(outcome="")
        .values_list("treatment_id", flat=True)
    )
    today = timezone.localdate()
    created = FollowUp.objects.bulk_create(
        [
            FollowUp(
                member_id=response.member_id,
                response=response,
                treatment_id=treatment_id,
                kind=kind,
                due_on=add_months(today, kind),
            )
            for treatment_id in sorted(treatment_ids)
            for kind in FollowUp.Kind.values
        ],
        ignore_conflicts=True,
    )
    return len(created)


class AlreadyAnswered(Exception):
    """A second submission of the same follow-up (a double click, a second tab): nothing is recorded twice."""


@transaction.atomic
def answer_follow_up(*, follow_up: FollowUp, answers: dict) -> FollowUp:
    """Record the member's answers once, with the facts the statistics count, and ask for a statistics refresh."""
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if locked.answered_at is not None:
        raise AlreadyAnswered
    still_helping, stopped_for_side_effects = follow_up_definition.derived(answers)
    locked.answers = answers
    locked.survey = follow_up_definition.current_survey()
    locked.still_helping = still_helping
    locked.stopped_for_side_effects = stopped_for_side_effects
    locked.answered_at = timezone.now()
    locked.save(update_fields=["answers", "survey", "still_helping", "stopped_for_side_effects", "answered_at"])
    survey_tasks.request_refresh()
    return locked


@transaction.atomic
def stop_asking(*, member, treatment: Treatment | None = None) -> bool:
    """No more follow-ups about this treatment (or, without one, about any); returns whether anything changed.
    Answers already given stay counted; unanswered follow-ups are simply never asked."""
    if FollowUpStop.objects.filter(member=member, treatment__isnull=True).exists():
        return False
    _stop, created = FollowUpStop.objects.get_or_create(member=member, treatment=treatment)
    if treatment is None:
        FollowUpStop.objects.filter(member=member, treatment__isnull=False).delete()
    return created


@transaction.atomic
def resume_asking(*, member) -> int:
    """Ask again about every treatment (undoes every "stop asking me")."""
    deleted, _ = FollowUpStop.objects.filter(member=member).delete()
    return deleted


@dataclass(frozen=True)
class Invitation:
    member_id: int
    follow_up_ids: tuple[int, ...]


def invite_due_follow_ups(*, today: datetime.date | None = None, batch: int = INVITE_BATCH) -> int:
    """Invite every member with follow-ups due and never invited: their notifications list shows them from now on,
    and they get one e-mail listing them if their preference allows e-mail. Returns how many were invited.

    Each batch is claimed and marked invited in one transaction, which also queues the e-mails (sent on commit): a
    follow-up is never invited twice, even with two workers, which skip rows the other has locked (PostgreSQL;
    SQLite runs one writer at a time, so its lock is the whole database)."""
    from community.survey.followups.notify import send_invitations

    invited = 0
    while True:
        with transaction.atomic():
            due = FollowUp.objects.to_invite(today=today).order_by("member_id", "pk")
            if connection.features.has_select_for_update_skip_locked:
                due = due.select_for_update(skip_locked=True, of=("self",))
            rows = list(due.values_list("pk", "member_id")[:batch])
            if not rows:
                return invited
            ids = [pk for pk, _member in rows]
            FollowUp.objects.filter(pk__in=ids, invited_at__isnull=True).update(invited_at=timezone.now())
            by_member: dict[int, list[int]] = {}
            for pk, member_id in rows:
                by_member.setdefault(member_id, []).append(pk)
            send_invitations([Invitation(member_id, tuple(pks)) for member_id, pks in by_member.items()])
            invited += len(ids)
        if len(rows) < batch:
            return invited

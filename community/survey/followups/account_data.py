"""The member's follow-ups in the data export, and what account deletion does with them (registered in
`followups/ready.py`)."""

from __future__ import annotations

from community.survey import tasks
from community.survey.followups.models import FollowUp, FollowUpStop


def export_follow_ups(user) -> dict:
    return {
        "follow_ups": [
            {
                "treatment": follow_up.treatment.name,
                "after_months": follow_up.kind,
                "due_on": follow_up.due_on.isoformat(),
                "invited": follow_up.invited_at.isoformat() if follow_up.invited_at else None,
                "answered": follow_up.answered_at.isoformat() if follow_up.answered_at else None,
                "questions_version": follow_up.survey.version if follow_up.survey else None,
                "answers": follow_up.answers,
            }
            for follow_up in FollowUp.objects.filter(member=user).select_related("treatment", "survey")
        ],
        "stopped": [
            {"treatment": stop.treatment.name if stop.treatment else "all", "since": stop.created_at.isoformat()}
            for stop in FollowUpStop.objects.filter(member=user).select_related("treatment").order_by("created_at")
        ],
    }


def erase_follow_ups(user, *, keep_contributions: bool = False) -> None:
    """Answers are never kept: every follow-up goes, and the next statistics refresh no longer counts them."""
    answered = FollowUp.objects.filter(member=user, answered_at__isnull=False).exists()
    FollowUp.objects.filter(member=user).delete()
    FollowUpStop.objects.filter(member=user).delete()
    if answered:
        tasks.request_refresh()

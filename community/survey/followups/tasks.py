"""The scheduled invitation of due follow-ups: `manage.py invite_follow_ups` queues it once a day (cron, a systemd
timer), like the daily digest; running it twice invites nobody twice."""

from __future__ import annotations

from django_tasks import task


@task()
def invite_follow_ups() -> int:
    """Invite every member whose follow-ups are due; returns how many follow-ups were invited."""
    from community.survey.followups.actions import invite_due_follow_ups

    return invite_due_follow_ups()

"""The member's due follow-ups as a small box: on their survey page and in their notifications list."""

from __future__ import annotations

from django import template

from community.survey.followups.models import FollowUp

register = template.Library()
BOX_SIZE = 5


@register.inclusion_tag("survey/includes/follow_ups_due.html", takes_context=True)
def follow_ups_due_box(context, *, invited_only: bool = False):
    """One query: up to five open follow-ups due for the signed-in member (only those already invited, in the
    notifications list, where they appear once the scheduled task has invited them)."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"follow_ups_due": []}
    due = FollowUp.objects.due_for(user)
    if invited_only:
        due = due.filter(invited_at__isnull=False)
    return {"follow_ups_due": list(due[:BOX_SIZE])}

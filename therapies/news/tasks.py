"""The scheduled work of a condition's news: the weekly digests and forgetting unconfirmed requests.

Run both daily (`manage.py send_condition_news`); each follower still gets at most one digest a week per condition.
"""

from __future__ import annotations

from django.db.models import F
from django_tasks import task


@task()
def send_condition_news_digests() -> int:
    """Send every follower with notes they have not had, and no digest this week, their digest; returns how many."""
    from therapies.news import actions
    from therapies.news.models import ConditionFollow

    waiting = (
        ConditionFollow.objects.confirmed()
        .filter(condition__change_notes__created_at__gte=F("confirmed_at"))
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
    return sum(1 for follow_id in list(waiting) if actions.send_digest(follow_id=follow_id) is not None)


@task()
def forget_unconfirmed_follows() -> int:
    """Delete the addresses whose confirmation link was not opened within seven days; returns how many."""
    from therapies.news import actions

    return actions.forget_unconfirmed()

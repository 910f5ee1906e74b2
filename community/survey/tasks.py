"""The statistics refresh in the background, debounced: a burst of submissions costs one refresh, not one each.

The first change after a refresh marks the statistics row as waiting and queues one task to run a minute later
(where the task backend can defer; the immediate backend of tests and `make run` runs it at once). Changes while it
waits find the mark and queue nothing. The task clears the mark before it reads, so a change that lands during the
refresh queues the next one. A mark older than an hour is treated as lost (a worker died) and queues again.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

REFRESH_DELAY = timedelta(seconds=60)
LOST_AFTER = timedelta(hours=1)


def request_refresh() -> bool:
    """Ask for a refresh after the current transaction commits; returns whether a task was queued."""
    from community.survey.models import StatisticsRefresh

    now = timezone.now()
    waiting = Q(requested_at__isnull=True) | Q(requested_at__lt=now - LOST_AFTER)
    marked = StatisticsRefresh.objects.filter(waiting, pk=1).update(requested_at=now)
    if not marked:
        _state, created = StatisticsRefresh.objects.get_or_create(pk=1, defaults={"requested_at": now})
        if not created:
            return False
    transaction.on_commit(_enqueue)
    return True


def _enqueue() -> None:
    queued = refresh_survey_statistics
    if queued.get_backend().supports_defer:
        queued = queued.using(run_after=timezone.now() + REFRESH_DELAY)
    queued.enqueue()


@task()
def refresh_survey_statistics() -> int:
    """Recompute the public statistics; returns how many responses they count."""
    from community.survey.models import StatisticsRefresh
    from community.survey.statistics import refresh_statistics

    StatisticsRefresh.objects.filter(pk=1).update(requested_at=None)
    return refresh_statistics().responses

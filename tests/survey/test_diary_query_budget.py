"""My progress and its print view cost the same number of queries for 10 entries as for 10,000."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.survey.diary import scales
from community.survey.diary.models import DiaryEntry
from tests.factories.survey import RLS

pytestmark = pytest.mark.django_db


def fill(member, count: int) -> None:
    """`count` entries over the past year, every 25th with a treatment change."""
    now = timezone.now()
    scale = scales.scale_for(RLS)
    DiaryEntry.objects.bulk_create(
        (
            DiaryEntry(
                member=member,
                condition=RLS,
                score=number % 19,
                score_max=18,
                scale=scale.name,
                note=f"note {number}",
                change="started" if number % 25 == 0 else "",
                treatment_name="Iron" if number % 25 == 0 else "",
                recorded_at=now - datetime.timedelta(minutes=number * 50),
            )
            for number in range(count)
        ),
        batch_size=2000,
    )


def queries(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response.content.decode()


# My progress: the session and the member (2), the survey version (1), the treatment list for the condition and,
# with no page for it, the whole list (2), the reminder (1), the member's diary conditions (1), the entries' span
# (1), the points (1), the treatment changes (1), the latest entries (1), the verified address (1), the layout's
# holes (1). The print view: session, member, survey version, span, points, changes, the holes.
BUDGETS = {f"/survey/diary/?condition={RLS}": 13, f"/survey/diary/print/?condition={RLS}": 7}


@pytest.mark.parametrize("path", list(BUDGETS))
def test_the_progress_pages_cost_the_same_queries_for_10_and_10000_entries(member_client, member, survey, path):
    # Warm the per-process survey definition so both sizes read it from memory alike.
    member_client.get(path)
    fill(member, 10)
    few, _page = queries(member_client, path)
    fill(member, 9990)
    many, page = queries(member_client, path)

    assert few == many == BUDGETS[path]
    assert page.count('class="diary-chart__point"') <= 100

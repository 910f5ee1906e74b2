"""The explicit bumps of community/invalidation.py, called from the flows that change rows no receiver sees."""

from __future__ import annotations

import pytest

from community import page_cache
from community.survey.statistics import refresh_statistics
from portal import generations

pytestmark = pytest.mark.django_db


def test_refreshing_the_statistics_makes_the_kept_statistics_pages_out_of_date():
    statistics, discussions = (
        generations.current([generations.STATISTICS]),
        generations.current([generations.DISCUSSIONS]),
    )

    refresh_statistics()

    assert generations.current([generations.STATISTICS]) != statistics
    assert generations.current([generations.DISCUSSIONS]) == discussions


def test_the_benchmarks_bulk_seed_makes_every_kept_page_out_of_date():
    before = generations.current(generations.SITE_WIDE)

    page_cache.changed(everything=True)

    after = generations.current(generations.SITE_WIDE)
    assert all(old != new for old, new in zip(before, after, strict=True))

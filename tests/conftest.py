"""What every test gets: an empty cache, generations bumped at once, and the shared personas and factories.

The factories live in tests/factories/ by app; registered here once, they are fixtures in every folder, and a
folder's own conftest.py holds only what that folder alone uses.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from portal import demo, generations

pytest_plugins = [
    "tests.factories.members",
    "tests.factories.community",
    "tests.factories.therapies",
    "tests.factories.survey",
]


@pytest.fixture(autouse=True)
def _empty_cache():
    # allauth's rate limits live in the cache; every test starts with none used.
    cache.clear()
    # The cache knows, as on a running site, that the empty test database holds no demo content (seed_demo and its
    # removal set the answer; only a cache that lost it reads the demo flags again, once: tests/portal/test_demo.py).
    demo.remember_presence(False)
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _generations_bumped_at_once(monkeypatch):
    # A test's transaction never commits, so a change would never make kept pages out of date: bump at once.
    # tests/portal/test_shared_pages.py checks that production waits for the commit.
    monkeypatch.setattr(generations, "when_committed", lambda bump: bump())

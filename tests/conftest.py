"""Shared personas and factory fixtures for every test."""

from __future__ import annotations

import itertools

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from portal import demo, generations
from portal.models import User

PASSWORD = "a-long-test-password-42"
_numbers = itertools.count(1)


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


@pytest.fixture
def make_member(db):
    """Build a member: make_member(display_name=..., verified=True, is_staff=False, ...)."""

    def make(*, email: str | None = None, display_name: str | None = None, verified: bool = True, **fields) -> User:
        number = next(_numbers)
        email = email or f"member{number}@example.org"
        user = User.objects.create_user(email, PASSWORD, display_name=display_name or f"Member {number}", **fields)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def member(make_member) -> User:
    return make_member(display_name="Quiet Night")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client

"""Personas and builders for the discussions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from community import actions
from community.models import Forum, Post, RulesAcceptance, Thread, Visibility
from portal.models import RulesVersion


@pytest.fixture
def forum(db) -> Forum:
    return Forum.objects.get(slug="living-with-symptoms")


@pytest.fixture
def make_poster(make_member):
    """An established member (joined a month ago, rules accepted) unless told otherwise."""

    def make(*, established: bool = True, accepted_rules: bool = True, **fields):
        if established:
            fields.setdefault("date_joined", timezone.now() - timedelta(days=30))
        user = make_member(**fields)
        if accepted_rules and (rules := RulesVersion.objects.current()) is not None:
            RulesAcceptance.objects.create(member=user, rules=rules)
        if established:
            # Three published posts make a member no longer new.
            thread = Thread.objects.create(forum=Forum.objects.get(slug="introductions"), title="Hello", author=user)
            earlier = timezone.now() - timedelta(days=20)
            for number in range(1, 4):
                Post.objects.create(
                    thread=thread, author=user, number=number, body=f"Earlier {number}", status=Visibility.VISIBLE,
                    created_at=earlier,
                )  # fmt: skip
        return user

    return make


@pytest.fixture
def poster(make_poster):
    return make_poster(display_name="Night Walker")


@pytest.fixture
def poster_client(client, poster):
    client.force_login(poster)
    return client


@pytest.fixture
def make_thread(db, make_poster):
    def make(*, forum: Forum, author=None, title: str = "What helped my evenings", body: str = "Stretching.", **kw):
        thread, _post = actions.start_thread(author=author or make_poster(), forum=forum, title=title, body=body, **kw)
        return thread

    return make

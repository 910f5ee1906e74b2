"""Builders and personas for the discussions: forums, established and new posters, threads."""

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
def make_thread(db, make_poster):
    def make(*, forum: Forum, author=None, title: str = "What helped my evenings", body: str = "Stretching.", **kw):
        thread, _post = actions.start_thread(author=author or make_poster(), forum=forum, title=title, body=body, **kw)
        return thread

    return make


@pytest.fixture
def new_member(make_poster):
    """Joined today, nothing posted yet, rules accepted."""
    return make_poster(established=False, display_name="Fresh Start")


@pytest.fixture
def suspended_member(make_poster):
    from community.models import Suspension

    member = make_poster(display_name="Hot Head")
    Suspension.objects.create(member=member, until=timezone.now() + timedelta(days=3), reason="Insults in a thread")
    return member


@pytest.fixture
def make_long_thread(db, make_poster):
    """A visible thread of `posts` posts, built with one bulk insert and counters set to match; fast at 10,000."""

    from django.db.models import F

    def make(*, forum: Forum, posts: int, authors=None, title: str = "A very long conversation") -> Thread:
        authors = authors or [make_poster() for _ in range(3)]
        start = timezone.now() - timedelta(minutes=posts + 10)
        thread, first = actions.start_thread(author=authors[0], forum=forum, title=title, body="Post number 1.")
        Post.objects.filter(pk=first.pk).update(created_at=start)
        Post.objects.bulk_create(
            Post(
                thread=thread,
                author=authors[number % len(authors)],
                number=number,
                body=f"Post number {number}.",
                body_html=f"<p>Post number {number}.</p>",
                created_at=start + timedelta(minutes=number),
            )
            for number in range(2, posts + 1)
        )
        last = Post.objects.get(thread=thread, number=posts)
        Thread.objects.filter(pk=thread.pk).update(
            post_count=posts, next_number=posts + 1, last_post=last, last_activity_at=last.created_at
        )
        Forum.objects.filter(pk=forum.pk).update(
            post_count=F("post_count") + posts - 1, last_post=last, last_activity_at=last.created_at
        )
        thread.refresh_from_db()
        return thread

    return make

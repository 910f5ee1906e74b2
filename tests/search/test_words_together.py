"""Common words that come together ("restless legs"): the posts are first looked for among the newest, and the
results are exactly those of searching all posts at once (community.search `recent_posts_since`).

The limit is lowered to 4 (portal.search.MAX_RANKED) and the newest posts are marked off every 5 posts, so forty
posts stand for the bench's 100,000; ANALYZE gives the planner's statistics of their words. PostgreSQL only.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import search as community_search
from community.models import Post, Visibility
from portal import search as site_search

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner's statistics and the full-text search are PostgreSQL's"
)


@pytest.fixture(autouse=True)
def small_site(monkeypatch):
    monkeypatch.setattr(site_search, "MAX_RANKED", 4)
    monkeypatch.setattr(community_search, "RECENT_STEP", 5)
    # Forty posts make every word common: the planner would expect many matches of any two of them.
    monkeypatch.setattr(community_search, "PLANNER_WALKS", 1.0)
    community_search.forget_post_statistics()
    yield
    community_search.forget_post_statistics()


@pytest.fixture
def write_posts(forum, make_thread):
    """write_posts(older, newer): posts with these texts, one a minute, oldest first, then ANALYZE."""

    def write(*bodies: str, hidden: tuple[int, ...] = ()) -> list[Post]:
        thread = make_thread(forum=forum, title="Evenings", body="Opening words.")
        start = timezone.now() - timedelta(days=1)
        posts = Post.objects.bulk_create(
            Post(
                thread=thread,
                author=thread.author,
                number=number,
                body=body,
                created_at=start + timedelta(minutes=number),
                status=Visibility.HIDDEN if number - 2 in hidden else Visibility.VISIBLE,
            )
            for number, body in enumerate(bodies, start=2)
        )
        # The opening post is the oldest of all.
        Post.objects.filter(thread=thread, number=1).update(created_at=start)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE community_post")
        return posts

    return write


def search_both_ways(query: str, *, user, monkeypatch) -> tuple[list, list, list[str]]:
    """Every page of 2 of the posts found for `query`, with the newest posts first looked at as chosen, and with all
    posts searched at once; and the statements run the first way."""
    terms = site_search.Terms.parse(query)

    def pages():
        return [community_search.search_posts(terms, user=user, offset=offset, limit=2) for offset in range(0, 6, 2)]

    with CaptureQueriesContext(connection) as statements:
        chosen = pages()
    with monkeypatch.context() as patched:
        patched.setattr(community_search, "recent_posts_since", lambda terms: None)
        at_once = pages()
    return chosen, at_once, [statement["sql"] for statement in statements.captured_queries]


def test_the_statistics_are_the_planners_and_the_dates_mark_off_the_newest_visible_posts(write_posts):
    posts = write_posts(*(["Restless legs tonight."] * 10 + ["A calm week."] * 30), hidden=(39,))

    statistics = community_search.post_statistics()

    # Ten of all the posts (these, the opening one and any others) have "legs"; thirty "week".
    assert statistics.frequencies["leg"] == pytest.approx(10 / Post.objects.count())
    assert statistics.frequencies["week"] == pytest.approx(30 / Post.objects.count())
    # The newest post is hidden: the 5th newest visible one is the 6th newest.
    assert statistics.newest[:2] == [(5, posts[-6].created_at), (10, posts[-11].created_at)]


def test_words_that_come_together_are_looked_for_among_the_newest_posts_first(write_posts, monkeypatch, member):
    # Newest 20: "restless legs" in every other post (one of them hidden); oldest 20: "legs" and "week" together.
    write_posts(
        *["Legs ache every week.", "Restless again."] * 10,
        *["Restless legs tonight.", "Restless and calm, a good week."] * 10,
        hidden=(38,),
    )

    for user in (AnonymousUser(), member):
        chosen, at_once, statements = search_both_ways("restless legs", user=user, monkeypatch=monkeypatch)

        assert "WITH within" in statements[-1]
        assert chosen == at_once
        assert (chosen[0].total, chosen[0].capped) == (4, True)
        assert [len(page.hits) for page in chosen] == [2, 2, 0]


def test_common_words_seldom_together_are_then_looked_for_in_all_posts(write_posts, monkeypatch):
    write_posts(
        *["Legs ache every week.", "Restless again."] * 10,
        *["Restless legs tonight.", "Restless and calm, a good week."] * 10,
    )

    chosen, at_once, statements = search_both_ways("legs week", user=AnonymousUser(), monkeypatch=monkeypatch)

    # None of the newest 20 has both: the ten older ones are found all the same.
    assert "WITH within" in statements[-1]
    assert chosen == at_once
    assert (chosen[0].total, chosen[0].capped) == (4, True)


def test_as_many_matches_among_the_newest_as_are_kept_is_not_enough(write_posts, monkeypatch):
    # The newest 20 hold exactly 4 (MAX_RANKED) posts with both words, the older ones ten more: are there more than
    # 4 matches in all? Only the older posts can say.
    write_posts(
        *["Restless legs again.", "Legs and a week."] * 10,
        *(["Restless legs tonight."] * 4 + ["Restless week."] * 16),
    )

    chosen, at_once, statements = search_both_ways("restless legs", user=AnonymousUser(), monkeypatch=monkeypatch)

    assert "WITH within" in statements[-1]
    assert chosen == at_once
    assert (chosen[0].total, chosen[0].capped) == (4, True)


def test_exactly_one_more_match_than_kept_among_the_newest_is_enough(write_posts, monkeypatch):
    write_posts(
        *["Legs and a week."] * 20,
        *(["Restless legs tonight."] * 5 + ["Restless week."] * 15),
    )

    chosen, at_once, statements = search_both_ways("restless legs", user=AnonymousUser(), monkeypatch=monkeypatch)

    assert "WITH within" in statements[-1]
    assert chosen == at_once
    assert (chosen[0].total, chosen[0].capped) == (4, True)


@pytest.mark.parametrize(
    "query",
    [
        "restless",  # one word: the planner knows how common it is
        "restless or legs",
        "Restless OR legs",
        '"restless legs"',
        "restless -legs",
        "restless legs!",
        "restless zebra",  # a word that is not common
        "restless legs 2",
    ],
)
def test_unusual_queries_search_all_posts_at_once(write_posts, monkeypatch, query):
    write_posts(*["Restless legs tonight.", "Restless and calm, a good week."] * 20, "Zebra.")

    chosen, at_once, statements = search_both_ways(query, user=AnonymousUser(), monkeypatch=monkeypatch)

    assert community_search.recent_posts_since(site_search.Terms.parse(query)) is None
    assert "within" not in statements[-1]
    assert chosen == at_once


def test_words_the_planner_already_expects_in_many_posts_are_left_to_it(write_posts, monkeypatch):
    write_posts(*["Restless legs tonight.", "Restless and calm, a good week."] * 20)
    terms = site_search.Terms.parse("restless legs")
    assert community_search.recent_posts_since(terms) is not None

    # Some 45 % of the posts have "legs" and 90 % "restless": were the planner to walk for 30 % of the posts, it would
    # for both words (0.45 × 0.9 = 0.41) on its own.
    monkeypatch.setattr(community_search, "PLANNER_WALKS", 0.3)

    assert community_search.recent_posts_since(terms) is None


def test_the_statistics_are_read_once_for_many_searches(write_posts, django_assert_num_queries):
    write_posts(*["Restless legs tonight.", "Restless and calm, a good week."] * 20)
    terms = site_search.Terms.parse("restless legs")

    # The statistics, then the statement of each search.
    with django_assert_num_queries(1 + 3):
        for _search in range(3):
            community_search.search_posts(terms, user=AnonymousUser(), offset=0, limit=2)

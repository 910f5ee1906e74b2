"""A kind with more matches than it ranks: it counts up to the limit, ranks the first ones in its own order (the
newest discussions and posts), and says so on the page.

The limit is 1,000 (portal.search.MAX_RANKED); these tests lower it to 3. PostgreSQL only: the word-matching
fallback on SQLite counts every match.
"""

from __future__ import annotations

import pytest
from django.db import connection

from community import actions
from portal import search as site_search
from tests.search.test_search import group_titles, search

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the limit is part of the full-text search; SQLite counts every match"
)


@pytest.fixture
def chamomile(forum, make_thread, monkeypatch):
    """Five posts with "chamomile" in one thread: the oldest says it three times, so it would rank first of all."""
    monkeypatch.setattr(site_search, "MAX_RANKED", 3)
    thread = make_thread(forum=forum, title="Chamomile tea", body="Chamomile, chamomile and more chamomile.")
    for number in range(2, 6):
        actions.reply(author=thread.author, thread=thread, body=f"Chamomile, night {number}.")
    return thread


def posts_group(page: str) -> str:
    return page[page.index('aria-labelledby="results-posts"') :].split("</section>")[0]


def test_past_the_limit_a_kind_says_more_than_and_which_it_ranked(client, chamomile):
    page = search(client, q="chamomile")

    assert "Posts (more than 3)" in page
    assert "these are the best of the 3 newest. Add a word to narrow the search." in page
    assert "All results in Posts (more than 3)" in page
    # The discussion is counted exactly: one.
    assert "Discussions (1)" in page
    assert "More than 4 results for “chamomile”." in page


def test_past_the_limit_only_the_newest_are_ranked(client, chamomile):
    posts = posts_group(search(client, q="chamomile"))

    # The three newest of the five, though the first post has the word three times.
    assert [f"#post-{number}" in posts for number in range(1, 6)] == [False, False, True, True, True]


def test_the_kind_page_pages_through_the_ranked_ones_and_says_why_there_are_no_more(client, chamomile):
    page = search(client, q="chamomile", kind="posts")

    assert len(group_titles(page, "posts")) == 3
    assert "Posts (more than 3)" in page
    assert "the best of the 3 newest" in page
    assert "Page 2" not in page
    assert len(group_titles(search(client, q="chamomile", kind="posts", page="2"), "posts")) == 3  # the last page


def test_at_the_limit_the_count_is_exact(client, forum, make_thread, monkeypatch):
    monkeypatch.setattr(site_search, "MAX_RANKED", 3)
    thread = make_thread(forum=forum, title="Valerian", body="Valerian at night.")
    for _number in range(2):
        actions.reply(author=thread.author, thread=thread, body="Valerian again.")

    page = search(client, q="valerian")

    assert "Posts (3)" in page
    assert "more than" not in page.lower()

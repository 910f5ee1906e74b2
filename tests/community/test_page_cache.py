"""Visitors get discussion pages from the cache, and never a stale one: every change shows on the next request."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from community import actions
from community.models import Forum, Post, Thread
from portal import generations
from therapies.models import Condition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(SHARED_PAGES=True):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if it committed: the cache is told only after a commit."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def thread(forum, make_thread, commit):
    return commit(make_thread, forum=forum, title="Warm baths before bed", body="A warm bath calms my legs.")


def get(client, url):
    response = client.get(url)
    return response, response.content.decode()


def test_a_visitor_gets_the_second_view_from_the_cache_without_a_query(visitor, thread, django_assert_num_queries):
    first, _page = get(visitor, thread.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second, page = get(visitor, thread.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert "A warm bath calms my legs." in page
    assert "Content-Security-Policy" in second


def test_members_never_get_a_cached_page(client, thread, poster, visitor):
    get(visitor, thread.get_absolute_url())
    client.force_login(poster)
    response, page = get(client, thread.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert 'name="body"' in page  # their reply form, which no visitor page has


def test_a_reply_shows_to_visitors_at_once(visitor, thread, make_poster, commit):
    get(visitor, thread.get_absolute_url())
    get(visitor, thread.forum.get_absolute_url())
    get(visitor, "/community/")
    commit(actions.reply, author=make_poster(), thread=thread, body="Epsom salts did nothing for me.")
    assert "Epsom salts did nothing for me." in get(visitor, thread.get_absolute_url())[1]
    assert "1 reply" in get(visitor, thread.forum.get_absolute_url())[1]
    forum_list = get(visitor, "/community/")[1]
    assert "Warm baths before bed" in forum_list


def test_hiding_and_editing_a_post_show_to_visitors_at_once(visitor, thread, make_poster, commit):
    reply = commit(actions.reply, author=make_poster(), thread=thread, body="Buy my leg cream today.")
    assert "Buy my leg cream today." in get(visitor, thread.get_absolute_url())[1]
    commit(actions.hide_post, post=reply, moderator=None, reason="Advertising")
    assert "Buy my leg cream today." not in get(visitor, thread.get_absolute_url())[1]

    first = Post.objects.get(thread=thread, number=1)
    commit(actions.edit_post, post=first, editor=first.author, body="A warm bath, then stretches.")
    assert "A warm bath, then stretches." in get(visitor, thread.get_absolute_url())[1]


def test_a_helpful_mark_shows_to_visitors_at_once(visitor, thread, make_poster, commit):
    get(visitor, thread.get_absolute_url())
    first = Post.objects.get(thread=thread, number=1)
    commit(actions.toggle_helpful, user=make_poster(), post=first)
    assert "1 member found this helpful" in get(visitor, thread.get_absolute_url())[1]


def test_pinning_and_moving_show_on_the_forum_pages_at_once(visitor, thread, forum, make_thread, commit):
    other = commit(make_thread, forum=forum, title="A newer thread about sleep", body="Hello.")
    page = get(visitor, forum.get_absolute_url())[1]
    assert page.index("A newer thread about sleep") < page.index("Warm baths before bed")
    commit(actions.set_thread_flag, thread=thread, moderator=None, flag="pinned", value=True)
    page = get(visitor, forum.get_absolute_url())[1]
    assert page.index("Warm baths before bed") < page.index("A newer thread about sleep")

    target = Forum.objects.get(slug="introductions")
    get(visitor, target.get_absolute_url())
    commit(actions.move_thread, thread=Thread.objects.get(pk=other.pk), moderator=None, forum=target)
    assert "A newer thread about sleep" not in get(visitor, forum.get_absolute_url())[1]
    assert "A newer thread about sleep" in get(visitor, target.get_absolute_url())[1]
    assert visitor.get(other.get_absolute_url()).status_code == 301


def test_a_new_display_name_shows_on_cached_pages(visitor, thread, commit):
    get(visitor, thread.get_absolute_url())
    author = thread.author
    author.display_name = "Renamed Walker"
    commit(author.save, update_fields=["display_name"])
    assert "Renamed Walker" in get(visitor, thread.get_absolute_url())[1]


def test_a_condition_taken_down_takes_its_forum_off_the_cached_list(visitor, commit):
    condition = commit(
        Condition.objects.create, name="Night cramps", slug="night-cramps", summary="At night.", status="published"
    )
    assert "Night cramps" in get(visitor, "/community/")[1]
    condition.status = "draft"
    commit(condition.save)
    assert "Night cramps" not in get(visitor, "/community/")[1]
    assert Condition.objects.get(pk=condition.pk).status == "draft"


def test_a_log_in_does_not_empty_the_cache(visitor, thread, poster, client):
    get(visitor, thread.get_absolute_url())
    client.login(email=poster.email, password="a-long-test-password-42")
    assert get(visitor, thread.get_absolute_url())[0]["X-Page-Cache"] == "hit"


def test_with_the_cache_off_nothing_is_cached(visitor, thread):
    with override_settings(SHARED_PAGES=False):
        get(visitor, thread.get_absolute_url())
        assert "X-Page-Cache" not in get(visitor, thread.get_absolute_url())[0]


def test_a_visitor_with_a_one_time_message_sees_it_and_the_page_is_not_stored(visitor, thread, poster):
    member = Client()
    member.force_login(poster)
    member.post("/accounts/logout/")  # "You have signed out." waits in a cookie for the next page
    assert "messages" in member.cookies
    response, page = get(member, thread.get_absolute_url())
    assert "You have signed out." in page
    assert "X-Page-Cache" not in response
    # The page stored for everyone else carries no one's message.
    first, _ = get(visitor, thread.get_absolute_url())
    second, page = get(visitor, thread.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "You have signed out." not in page


def test_a_cached_page_keeps_the_security_headers_of_a_rendered_one(visitor, thread):
    rendered, _ = get(visitor, thread.get_absolute_url())
    cached, _ = get(visitor, thread.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Vary", "Content-Type"):
        assert cached[header] == rendered[header]


def test_a_lost_generation_counter_never_brings_an_old_page_back(visitor, thread, make_poster, commit):
    get(visitor, thread.get_absolute_url())
    commit(actions.reply, author=make_poster(), thread=thread, body="Magnesium at night helped a little.")
    cache.delete_many(generations.keys([generations.SITE, generations.thread(thread.pk)]))  # evicted, as Redis may do
    response, page = get(visitor, thread.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Magnesium at night helped a little." in page

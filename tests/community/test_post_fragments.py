"""Posts on a thread page come from the fragment cache, and never as another member saw them or as they were."""

from __future__ import annotations

import re

import pytest
from django.middleware.csrf import CSRF_TOKEN_LENGTH
from django.test import Client

from community import actions, post_html
from community.models import Post
from portal.shared_pages import HOLE_START

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def page(client, thread) -> str:
    return " ".join(client.get(thread.get_absolute_url()).content.decode().split())


def article(html: str, number: int) -> str:
    return re.search(rf'<article[^>]*id="post-{number}".*?</article>', html).group(0)


def without_token(html: str) -> str:
    """The same HTML with the CSRF token left out: it is masked afresh for every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', 'name="csrfmiddlewaretoken"', html)


@pytest.fixture
def author(make_poster):
    return make_poster(display_name="Calm Sleeper")


@pytest.fixture
def thread(forum, make_thread, author):
    return make_thread(forum=forum, author=author, title="Cold showers", body="A cold shower before bed helps me.")


def test_the_second_view_of_a_post_comes_from_the_cache(thread, make_poster, monkeypatch):
    reader = login(make_poster())
    first = without_token(article(page(reader, thread), 1))
    monkeypatch.setattr(post_html, "render_to_string", lambda *a, **kw: pytest.fail("rendered again"))
    assert without_token(article(page(reader, thread), 1)) == first
    assert without_token(article(page(login(make_poster()), thread), 1)) == first  # another reader of the same kind


def test_each_member_sees_their_own_helpful_mark_and_their_own_buttons(thread, author, make_poster):
    marker, other = make_poster(display_name="Marker"), make_poster(display_name="Other")
    actions.toggle_helpful(user=marker, post=thread.first_post)
    marker_view, other_view = article(page(login(marker), thread), 1), article(page(login(other), thread), 1)
    author_view = article(page(login(author), thread), 1)

    assert 'aria-pressed="true"' in marker_view and 'aria-pressed="false"' in other_view
    assert "1 member found this helpful" in marker_view and "1 member found this helpful" in other_view
    assert "Helpful</button>" not in author_view and "Report" not in author_view and "Edit" in author_view
    assert "Edit" not in other_view and "Report" in other_view


def test_the_helpful_form_carries_the_readers_own_token_and_works(thread, make_poster):
    reader = login(make_poster())
    html = page(reader, thread)
    assert HOLE_START not in html
    token = re.search(
        r'class="inline-form helpful-form"><input type="hidden" name="csrfmiddlewaretoken" value="(\w+)"', html
    )
    assert token and len(token.group(1)) == CSRF_TOKEN_LENGTH
    response = reader.post(f"/community/posts/{thread.first_post.pk}/helpful/", {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    assert Post.objects.get(pk=thread.first_post.pk).helpful_count == 1
    assert 'aria-pressed="true"' in article(page(reader, thread), 1)


def test_an_edit_a_rename_and_a_moderators_decision_show_at_once(thread, author, make_poster, moderator):
    reader = login(make_poster())
    page(reader, thread)
    actions.edit_post(editor=author, post=thread.first_post, body="Cold showers stopped helping after a month.")
    assert "Cold showers stopped helping after a month." in article(page(reader, thread), 1)
    author.display_name = "Calm Sleeper Again"
    author.save(update_fields=["display_name"])
    assert "Calm Sleeper Again" in article(page(reader, thread), 1)
    reply = actions.reply(author=make_poster(), thread=thread, body="Try magnesium flakes, they are great.")
    assert "Try magnesium flakes" in page(reader, thread)
    actions.hide_post(moderator=moderator, post=reply, reason="Advertising")
    assert "Try magnesium flakes" not in page(reader, thread)


def test_unread_posts_are_marked_for_the_reader_who_has_not_read_them(thread, make_poster):
    reader = make_poster()
    reader_client = login(reader)
    page(reader_client, thread)  # read up to post 1
    actions.reply(author=make_poster(), thread=thread, body="Mine help only with socks on.")
    html = page(reader_client, thread)
    assert "post--unread" not in article(html, 1) and "post--unread" in article(html, 2)
    assert "post--unread" not in page(login(make_poster()), thread)  # a first visit marks nothing

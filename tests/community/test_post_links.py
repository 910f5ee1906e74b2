"""Every link to a post names the page of its thread the post is on, wherever it is shown: the moderation queue, the
moderation log, a member's page and the member's export (each built its own `#post-N` without the page before)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from community import actions
from community.account_data import export_discussions
from community.models import POSTS_PER_PAGE, Report
from tests.admin_pages import result_rows, with_two_factor

pytestmark = pytest.mark.django_db
LAST = POSTS_PER_PAGE * 2 + 5  # on page 3


@pytest.fixture
def far_post(forum, make_long_thread, make_poster):
    """A reply on page 3 of a long thread, reported and then hidden by a moderator."""
    thread = make_long_thread(forum=forum, posts=LAST - 1)
    writer = make_poster(display_name="Page Three Pat")
    post = actions.reply(author=writer, thread=thread, body="Magnesium in the evening helped me a little.")
    assert post.number == LAST
    return post


@pytest.fixture
def moderator_client(make_member):
    moderator = with_two_factor(make_member(is_staff=True, display_name="Mod Mira"))
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    return client, moderator


def address(post) -> str:
    return f"{post.thread.get_absolute_url()}?page=3#post-{post.number}"


def test_the_moderation_queue_links_a_reported_post_to_its_page(moderator_client, far_post, make_poster):
    client, _moderator = moderator_client
    actions.report_post(reporter=make_poster(), post=far_post, reason=Report.Reason.SPAM, note="advert?")
    rows = result_rows(client.get("/admin/community/queuepost/").content.decode())
    assert f'href="{address(far_post)}"' in rows


def test_the_moderation_log_links_a_hidden_post_to_its_page(moderator_client, far_post):
    client, moderator = moderator_client
    actions.hide_post(post=far_post, moderator=moderator, reason="Off topic")
    rows = result_rows(client.get("/admin/community/moderationaction/").content.decode())
    # Hidden now, it counts where it stood: the posts before it are all visible.
    assert f'href="{address(far_post)}"' in rows


def test_a_members_page_links_their_recent_posts_to_their_pages(client, far_post):
    page = client.get(f"/community/members/{far_post.author_id}/").content.decode()
    assert f'href="{address(far_post)}"' in page


def test_the_export_gives_each_post_the_address_of_its_page(far_post):
    exported = export_discussions(far_post.author)
    urls = {post["url"] for post in exported["posts"] if post["thread"] == far_post.thread.title}
    assert urls == {address(far_post)}

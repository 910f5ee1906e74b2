"""Members' posts and titles can never put script or active markup on a page or in an e-mail.

The payloads are the site's one corpus, tests/xss.py.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils.html import escape

from community import actions
from community.models import Post
from tests.clients import login
from tests.xss import DANGEROUS, XSS_PAYLOADS, assert_inert

pytestmark = pytest.mark.django_db


def post_bodies(page: str) -> str:
    parts = page.split('<div class="prose post__body">')[1:]
    return "".join(part.split("</div>", 1)[0] for part in parts).lower()


@pytest.fixture
def reader(make_poster):
    return make_poster(display_name="Careful Reader")


@pytest.fixture
def writer(make_poster):
    return make_poster(display_name="Night Walker")


def test_the_community_uses_the_shared_corpus_of_at_least_twenty_payloads():
    assert len(XSS_PAYLOADS) >= 20


# --- Post bodies ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_in_a_post_renders_inert_on_the_thread_page(forum, make_thread, writer, reader, payload):
    baseline_thread = make_thread(forum=forum, title="Harmless thread", body="Harmless words.")
    actions.reply(author=writer, thread=baseline_thread, body="More harmless words.")
    thread = make_thread(forum=forum, title="Harmless thread", body=payload)
    actions.reply(author=writer, thread=thread, body=payload)

    for client in (Client(), login(reader), login(writer)):
        baseline = client.get(baseline_thread.get_absolute_url()).content.decode()
        page = client.get(thread.get_absolute_url()).content.decode()
        assert_inert(page, baseline, payload)
        bodies = post_bodies(page)
        for needle in DANGEROUS:
            assert needle not in bodies, (payload, needle)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_in_a_post_is_stored_only_as_sanitised_html(forum, make_thread, payload):
    thread = make_thread(forum=forum, title="Harmless thread", body=payload)

    stored = Post.objects.get(thread=thread).body_html.lower()

    assert Post.objects.get(thread=thread).body == payload.strip()  # the author's text is kept as written
    for needle in DANGEROUS:
        assert needle not in stored, (payload, needle)


# --- Thread titles, wherever they are listed ------------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_as_a_thread_title_renders_inert_on_every_page_that_lists_it(
    forum, make_thread, writer, reader, payload
):
    baseline_thread = make_thread(forum=forum, author=writer, title="Harmless thread", body="Harmless words.")
    pages = ["/", "/community/", forum.get_absolute_url()]
    clients = (Client(), login(reader))
    baselines = {(i, url): client.get(url).content.decode() for i, client in enumerate(clients) for url in pages}
    baselines[(0, "thread")] = Client().get(baseline_thread.get_absolute_url()).content.decode()

    thread = make_thread(forum=forum, author=writer, title=payload, body="Harmless words.")

    for index, client in enumerate(clients):
        for url in pages:
            page = client.get(url).content.decode()
            assert escape(payload.strip()) in page, (payload, url)  # the title is shown, as text
            assert_inert(page, baselines[(index, url)], payload)
    page = Client().get(thread.get_absolute_url()).content.decode()
    assert f"<h1>{escape(payload.strip())}</h1>" in page
    assert_inert(page, baselines[(0, "thread")], payload)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_as_a_title_renders_inert_in_the_notification_list(
    forum, writer, reader, payload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        harmless, _ = actions.start_thread(author=reader, forum=forum, title="Harmless thread", body="Words.")
        actions.reply(author=writer, thread=harmless, body="Harmless reply.")
    baseline = login(reader).get("/community/notifications/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        thread, _ = actions.start_thread(author=reader, forum=forum, title=payload, body="Words.")
        actions.reply(author=writer, thread=thread, body=payload)

    page = login(reader).get("/community/notifications/").content.decode()

    assert escape(payload.strip()) in page
    assert_inert(page, baseline, payload)


# --- The notification e-mail ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_in_a_title_and_a_post_stays_plain_text_in_the_notification_email(
    forum, writer, reader, payload, django_capture_on_commit_callbacks, mailoutbox
):
    thread, _ = actions.start_thread(author=reader, forum=forum, title=payload, body="Words.")

    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(author=writer, thread=thread, body=payload)

    [message] = mailoutbox
    # Plain text only: no part of the e-mail is ever read as HTML.
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    assert message.message().get_content_type() == "text/plain"
    # The title reads as the member wrote it (on one line); the excerpt comes from the sanitised post.
    assert " ".join(payload.split()) in message.subject
    excerpt = message.body.split("”:", 1)[1].split("http://testserver", 1)[0].lower()
    for needle in DANGEROUS:
        assert needle not in excerpt, (payload, needle)


# --- Links ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "[a study](https://example.org/study)",
        '<a href="https://example.org/study">a study</a>',
        '<a href="https://example.org/study" rel="dofollow" target="_blank">a study</a>',
        "<https://example.org/study>",
    ],
)
def test_links_in_posts_are_marked_nofollow_ugc_noopener(forum, make_thread, body):
    thread = make_thread(forum=forum, title="Links", body=f"See {body} here.")

    page = Client().get(thread.get_absolute_url()).content.decode()

    assert '<a href="https://example.org/study" rel="nofollow ugc noopener">' in post_bodies(page)
    assert "target=" not in post_bodies(page) and "dofollow" not in page


# --- @mentions ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "@Night Walker<script>alert(1)</script>",
        "@Night Walker](javascript:alert(1))",
        "[click](@Night Walker)",
        '@Night Walker" onmouseover="alert(1)',
        "<a href='@Night Walker' onclick='alert(1)'>x</a>",
        '<a title="@Night Walker">x</a>',
        "[see @Night Walker](javascript:alert(1))",
        "`@Night Walker` and ```@Night Walker```",
        "@Night Walker<img src=x onerror=alert(1)>",
        "**@Night Walker**_@Night Walker_",
        "@@Night Walker @Night Walker@evil.example",
    ],
)
def test_mentions_cannot_be_used_to_inject_markup(forum, make_thread, writer, reader, body):
    baseline_thread = make_thread(forum=forum, author=reader, title="Mentions", body="Hello @Night Walker.")
    thread = make_thread(forum=forum, author=reader, title="Mentions", body=body)

    baseline = Client().get(baseline_thread.get_absolute_url()).content.decode()
    page = Client().get(thread.get_absolute_url()).content.decode()

    # What is left of the attempt is text: no element, handler or address came out of it.
    assert_inert(page, baseline, body)
    hrefs = re.findall(r'<a href="([^"]*)"', post_bodies(page))
    member_url = f"/community/members/{writer.pk}/"
    assert all(href == member_url or "/community/" not in href for href in hrefs), (body, hrefs)


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("[click](@Night Walker)", '<p><a href="@Night Walker" rel="nofollow ugc noopener">click</a></p>'),
        ('<a title="@Night Walker">x</a>', '<p><a title="@Night Walker" rel="nofollow ugc noopener">x</a></p>'),
        ("`@Night Walker`", "<p><code>@Night Walker</code></p>"),
        (
            "[see @Night Walker](https://example.org)",
            '<p><a href="https://example.org" rel="nofollow ugc noopener">see @Night Walker</a></p>',
        ),
    ],
)
def test_a_name_inside_a_link_an_attribute_or_code_stays_as_written(forum, make_thread, writer, body, html):
    thread = make_thread(forum=forum, title="Mentions", body=body)

    assert Post.objects.get(thread=thread).body_html == html


def test_a_name_with_markdown_characters_is_linked_as_written(forum, make_thread, make_poster):
    named = make_poster(display_name="night_owl_")

    thread = make_thread(forum=forum, title="Owls", body="Thanks @night_owl_ and *you*.")

    html = Post.objects.get(thread=thread).body_html
    assert f'<a href="/community/members/{named.pk}/" rel="nofollow ugc noopener">@night_owl_</a> and <em>you</em>' in (
        html
    )


def test_a_mention_links_only_to_the_members_page(forum, make_thread, writer):
    thread = make_thread(forum=forum, title="Thanks", body="Thank you @night walker, and @NIGHT WALKER.")

    html = Post.objects.get(thread=thread).body_html

    link = f'<a href="/community/members/{writer.pk}/" rel="nofollow ugc noopener">@Night Walker</a>'
    assert html == f"<p>Thank you {link}, and {link}.</p>"

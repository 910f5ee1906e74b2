"""Reading the discussions: who sees what, read positions and unread counts, pages, quotes, mentions, helpful
marks, the discussion sections on other pages, and a fixed number of queries per page at any thread length."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from community import actions
from community.models import Forum, HelpfulMark, Notification, Post, ReadPosition, Thread, Visibility
from tests.clients import login
from tests.html import text
from therapies.models import Condition, Status, Therapy, TherapyCondition

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(make_poster):
    return make_poster(display_name="Curious Reader")


@pytest.fixture
def reader_client(reader):
    return login(reader)


@pytest.fixture
def author(make_poster):
    return make_poster(display_name="Calm Sleeper")


# --- Members-only threads and threads that are not visible -----------------------------------------------------------


@pytest.fixture
def private_thread(forum, make_thread, author, make_poster):
    body = "First lines about my nights with the new tablets. " + "More private detail follows. " * 30 + "THE END."
    thread = make_thread(forum=forum, author=author, title="My medication story", body=body, members_only=True)
    actions.reply(author=make_poster(), thread=thread, body="A reply that only members read.")
    return thread


def test_visitors_see_only_the_title_and_first_lines_of_a_members_only_thread(private_thread):
    visitor = Client()

    for url in (
        private_thread.get_absolute_url(),
        f"{private_thread.get_absolute_url()}?page=2",
        f"{private_thread.get_absolute_url()}?quote=2",
    ):
        page = text(visitor.get(url))
        assert "<h1>My medication story</h1>" in page
        assert "First lines about my nights with the new tablets." in page
        assert "THE END." not in page and "A reply that only members read." not in page
        assert '<meta name="robots" content="noindex">' in page
        assert "This discussion is for members only." in page


def test_members_read_all_of_a_members_only_thread(private_thread, reader_client):
    page = text(reader_client.get(private_thread.get_absolute_url()))

    assert "THE END." in page and "A reply that only members read." in page
    assert 'name="body"' in page


def test_members_only_threads_are_left_out_of_the_sitemap(private_thread, forum, make_thread):
    public = make_thread(forum=forum, title="Open to everyone")

    sitemap = Client().get("/sitemap.xml").content.decode()

    assert f"http://testserver{public.get_absolute_url()}" in sitemap
    assert private_thread.get_absolute_url() not in sitemap


@pytest.mark.parametrize("status", [Visibility.PENDING, Visibility.HIDDEN, Visibility.REMOVED])
def test_a_thread_that_is_not_visible_is_not_found_for_strangers(forum, make_thread, reader, status):
    thread = make_thread(forum=forum, title="Not for everyone")
    Thread.objects.filter(pk=thread.pk).update(status=status)

    assert Client().get(thread.get_absolute_url()).status_code == 404
    assert login(reader).get(thread.get_absolute_url()).status_code == 404
    reply = login(reader).post(f"/community/{forum.slug}/{thread.pk}/reply/", {"body": "Let me in."})
    assert reply.status_code == 404
    assert not thread.posts.filter(author=reader).exists()


def test_a_moderator_reads_a_waiting_thread_with_its_posts_marked(forum, new_member, moderator):
    thread, _post = actions.start_thread(author=new_member, forum=forum, title="Hello all", body="My first words.")

    page = text(login(moderator).get(thread.get_absolute_url()))

    assert "My first words." in page
    assert "Waiting for a moderator: only moderators and its author can see this post." in page


def test_a_hidden_post_is_gone_for_others_and_its_author_sees_why(forum, make_thread, author, reader, moderator):
    thread = make_thread(forum=forum, title="A calm thread")
    post = actions.reply(author=author, thread=thread, body="Something unkind.")
    actions.hide_post(post=post, moderator=moderator, reason="Please be kind to other members.")

    assert "Something unkind." not in Client().get(thread.get_absolute_url()).content.decode()
    assert "Something unkind." not in login(reader).get(thread.get_absolute_url()).content.decode()
    own = text(login(author).get(thread.get_absolute_url()))
    assert "Something unkind." in own and "Reason: Please be kind to other members." in own


def test_a_moved_thread_is_found_at_its_old_address(forum, make_thread, moderator):
    thread = make_thread(forum=forum, title="Moving house")
    old_url = thread.get_absolute_url()
    actions.move_thread(thread=thread, moderator=moderator, forum=Forum.objects.get(slug="introductions"))
    thread.refresh_from_db()

    response = Client().get(old_url)

    assert response.status_code == 301 and response.url == thread.get_absolute_url()
    assert response.url.startswith("/community/introductions/")


# --- Pages, read positions, unread counts ----------------------------------------------------------------------------


@pytest.fixture
def long_thread(forum, make_long_thread):
    return make_long_thread(forum=forum, posts=45)


def post_numbers(response) -> list[int]:
    return [int(n) for n in re.findall(r'<article class="post[^"]*" id="post-(\d+)"', response.content.decode())]


def test_a_thread_shows_twenty_posts_a_page(long_thread):
    visitor = Client()

    first = visitor.get(long_thread.get_absolute_url())
    last = visitor.get(f"{long_thread.get_absolute_url()}?page=3")

    assert post_numbers(first) == list(range(1, 21))
    assert post_numbers(last) == list(range(41, 46))
    assert "Page 1 of 3" in text(first) and "Page 3 of 3" in text(last)
    assert 'rel="next"' in first.content.decode()


def test_the_read_position_moves_forward_as_a_member_reads_and_never_back(long_thread, reader, reader_client):
    def position():
        return ReadPosition.objects.get(user=reader, thread=long_thread).last_read_number

    reader_client.get(f"{long_thread.get_absolute_url()}?page=2")
    assert position() == 40
    reader_client.get(long_thread.get_absolute_url())
    assert position() == 40
    reader_client.get(f"{long_thread.get_absolute_url()}?page=3")
    assert position() == 45
    assert ReadPosition.objects.filter(user=reader, thread=long_thread).count() == 1


def test_a_visitor_leaves_no_read_position(long_thread):
    before = list(ReadPosition.objects.values_list("user_id", "last_read_number"))

    Client().get(long_thread.get_absolute_url())

    assert list(ReadPosition.objects.values_list("user_id", "last_read_number")) == before


@pytest.mark.parametrize(
    ("read_up_to", "expected"),
    [
        (19, "#post-20"),
        (20, "?page=2#post-21"),
        (25, "?page=2#post-26"),
        (40, "?page=3#post-41"),
        (45, "?page=3#post-45"),
    ],
)
def test_jump_to_the_first_unread_post_goes_to_its_page_and_anchor(long_thread, reader, read_up_to, expected):
    ReadPosition.objects.create(user=reader, thread=long_thread, last_read_number=read_up_to)

    response = login(reader).get(f"{long_thread.get_absolute_url()}?unread=1")

    assert response.status_code == 302
    assert response.url == f"{long_thread.get_absolute_url()}{expected}"


def test_the_thread_page_offers_the_jump_once_the_member_has_read_some(long_thread, reader_client):
    assert "Jump to the first unread post" not in reader_client.get(long_thread.get_absolute_url()).content.decode()

    page = reader_client.get(long_thread.get_absolute_url()).content.decode()

    assert '<a href="?unread=1">Jump to the first unread post</a>' in page


def test_the_thread_list_shows_how_many_posts_are_new_since_the_member_last_read(
    forum, make_thread, make_poster, new_member, reader, reader_client
):
    opened = make_thread(forum=forum, title="A thread I read before")
    never = make_thread(forum=forum, title="A thread I never opened")
    reader_client.get(opened.get_absolute_url())
    others = [make_poster(), make_poster()]
    for number in range(3):
        actions.reply(author=others[number % 2], thread=opened, body=f"News number {number}.")
    actions.reply(author=new_member, thread=opened, body="Waiting for a moderator, not new to others.")
    actions.reply(author=others[0], thread=never, body="Something new here too.")

    page = text(reader_client.get(forum.get_absolute_url()))

    assert f'<a class="unread" href="{opened.get_absolute_url()}?unread=1">3 new</a>' in page
    assert f'href="{never.get_absolute_url()}?unread=1"' not in page
    assert "new</a>" not in text(Client().get(forum.get_absolute_url()))
    reader_client.get(opened.get_absolute_url())
    assert "3 new" not in text(reader_client.get(forum.get_absolute_url()))


def test_the_thread_list_puts_pinned_threads_first_then_the_latest_activity(forum, make_thread, moderator, make_poster):
    old = make_thread(forum=forum, title="Old but pinned")
    quiet = make_thread(forum=forum, title="Quiet thread")
    busy = make_thread(forum=forum, title="Busy thread")
    actions.set_thread_flag(thread=old, moderator=moderator, flag="pinned", value=True)
    actions.reply(author=make_poster(), thread=busy, body="Fresh news.")

    page = Client().get(forum.get_absolute_url()).content.decode()

    assert page.index("Old but pinned") < page.index("Busy thread") < page.index("Quiet thread")
    assert quiet.title in page


# --- Quotes, mentions, helpful marks ---------------------------------------------------------------------------------


@pytest.fixture
def thread(forum, make_thread, author):
    thread = make_thread(forum=forum, author=author, title="Does iron help?", body="My ferritin was 30.\nNow 80.")
    thread.refresh_from_db()
    return thread


def test_quote_reply_starts_the_reply_with_the_quoted_text_and_the_author(thread, reader_client):
    page = reader_client.get(f"{thread.get_absolute_url()}?quote=1").content.decode()

    assert "&gt; My ferritin was 30.\n&gt; Now 80.\n\n@Calm Sleeper </textarea>" in page
    assert 'href="?quote=1#reply"' in page


def test_quoting_a_post_that_is_not_visible_starts_an_empty_reply(thread, new_member, reader_client):
    actions.reply(author=new_member, thread=thread, body="Waiting words.")

    page = reader_client.get(f"{thread.get_absolute_url()}?quote=2").content.decode()

    assert "Waiting words." not in page
    assert re.search(r'<textarea name="body"[^>]*>\s*</textarea>', page)


def test_mentions_link_to_the_member_page(thread, author, reader_client):
    reader_client.post(
        f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": "Thank you @Calm Sleeper, I will ask my GP."}
    )

    page = Client().get(thread.get_absolute_url()).content.decode()

    link = f'<a href="/community/members/{author.pk}/" rel="nofollow ugc noopener">@Calm Sleeper</a>, I will ask my GP.'
    assert link in page
    assert "Calm Sleeper" in Client().get(f"/community/members/{author.pk}/").content.decode()


def helpful(client, post: Post, **kwargs):
    return client.post(f"/community/posts/{post.pk}/helpful/", **kwargs)


def test_a_member_marks_a_post_helpful_once_and_can_take_it_back(thread, reader, reader_client, make_poster):
    post = thread.first_post

    helpful(reader_client, post)
    helpful(login(make_poster()), post)

    post.refresh_from_db()
    assert post.helpful_count == 2 and HelpfulMark.objects.filter(post=post).count() == 2
    page = text(reader_client.get(thread.get_absolute_url()))
    assert "2 members found this helpful" in page and 'aria-pressed="true"' in page
    helpful(reader_client, post)
    post.refresh_from_db()
    assert post.helpful_count == 1 and not HelpfulMark.objects.filter(post=post, user=reader).exists()
    assert "1 member found this helpful" in text(Client().get(thread.get_absolute_url()))


def test_no_one_marks_their_own_post_helpful(thread, author):
    client = login(author)

    assert (
        f"/community/posts/{thread.first_post_id}/helpful/"
        not in client.get(thread.get_absolute_url()).content.decode()
    )
    assert helpful(client, thread.first_post).status_code == 403
    thread.first_post.refresh_from_db()
    assert thread.first_post.helpful_count == 0


def test_a_visitor_is_asked_to_sign_in_to_mark_a_post_helpful(thread):
    assert helpful(Client(), thread.first_post).url.startswith("/accounts/login/")
    assert not HelpfulMark.objects.exists()


# --- Discussion sections on the home, therapy and condition pages ----------------------------------------------------


def test_the_home_page_lists_the_newest_visible_threads(forum, make_thread, new_member):
    make_thread(forum=forum, title="Visible and new")
    actions.start_thread(author=new_member, forum=forum, title="Waiting for approval", body="Hello.")

    page = Client().get("/").content.decode()

    assert "Newest discussions" in page and "Visible and new" in page
    assert "Waiting for approval" not in page


def published_condition(name: str) -> Condition:
    slug = name.lower().replace(" ", "-")
    return Condition.objects.create(name=name, slug=slug, summary=f"About {name}.", status=Status.PUBLISHED)


@pytest.fixture
def acupuncture(db) -> Therapy:
    return Therapy.objects.create(
        name="Acupuncture",
        slug="acupuncture",
        category=Therapy.Category.TCM,
        summary="Needles.",
        status=Status.PUBLISHED,
    )


def test_a_therapy_page_shows_its_discussion_and_a_start_link_that_fills_in_the_therapy(
    forum, make_thread, acupuncture, reader_client
):
    make_thread(forum=forum, title="Needles and my nights", therapy=acupuncture)
    make_thread(forum=forum, title="Nothing to do with needles")

    page = text(Client().get("/therapies/acupuncture/"))

    assert "Discussion about Acupuncture" in page and "Needles and my nights" in page
    assert "Nothing to do with needles" not in page
    start = f"/community/{forum.slug}/new/?therapy=acupuncture"
    assert f'href="{start}"' in page
    assert '<option value="acupuncture" selected>Acupuncture</option>' in reader_client.get(start).content.decode()


def test_a_therapy_for_condition_page_shows_the_tagged_threads_of_that_conditions_forum_only(
    forum, make_thread, acupuncture
):
    condition = published_condition("Insomnia")
    TherapyCondition.objects.create(
        therapy=acupuncture, condition=condition, excerpt="Short.", status=Status.PUBLISHED, certainty="low",
        direction="benefit",
    )  # fmt: skip
    condition_forum = Forum.objects.get(condition=condition)
    make_thread(forum=condition_forum, title="Needles for sleep", therapy=acupuncture)
    make_thread(forum=condition_forum, title="Sleep without needles")
    make_thread(forum=forum, title="Needles in another forum", therapy=acupuncture)

    page = text(Client().get("/therapies/acupuncture/insomnia/"))

    assert "Members talking about Acupuncture for Insomnia" in page
    assert "Needles for sleep" in page
    assert "Sleep without needles" not in page and "Needles in another forum" not in page
    assert f'href="/community/{condition_forum.slug}/new/?therapy=acupuncture"' in page


def test_a_condition_page_shows_the_newest_threads_of_its_forum(forum, make_thread, new_member):
    condition = published_condition("Fibromyalgia")
    condition_forum = Forum.objects.get(condition=condition)
    make_thread(forum=condition_forum, title="Pain on cold days")
    make_thread(forum=forum, title="Somewhere else entirely")
    actions.start_thread(author=new_member, forum=condition_forum, title="Still waiting", body="Hello.")

    page = text(Client().get("/conditions/fibromyalgia/"))

    assert "Latest discussions about Fibromyalgia" in page and "Pain on cold days" in page
    assert "Somewhere else entirely" not in page and "Still waiting" not in page
    assert f'href="/community/{condition_forum.slug}/new/"' in page


def test_a_new_condition_gets_its_forum_and_a_rename_renames_it(db):
    condition = published_condition("Tinnitus")

    forum = Forum.objects.get(condition=condition)
    assert (forum.name, forum.slug) == ("Tinnitus", "tinnitus")
    assert '<a href="/community/tinnitus/">Tinnitus</a>' in Client().get("/community/").content.decode()
    condition.name = "Tinnitus and ringing ears"
    condition.save()
    forum.refresh_from_db()
    assert (forum.name, forum.slug) == ("Tinnitus and ringing ears", "tinnitus")


# --- Query budgets: the same at 20 posts and at 10,000 posts in one thread -------------------------------------------


@pytest.fixture(params=[20, 10_000], ids=["20 posts", "10000 posts"])
def busy_forum(request, forum, make_long_thread, make_thread, make_poster, moderator, reader):
    """A forum with a thread of 20 or 10,000 posts beside a few short ones (one pinned, one with a therapy), and
    threads in another forum, so that every list has rows that could each cost a query."""
    long = make_long_thread(forum=forum, posts=request.param, authors=[make_poster() for _ in range(4)])
    for number in range(4):
        make_thread(forum=forum, title=f"Short thread {number}")
    actions.set_thread_flag(
        thread=Thread.objects.filter(title="Short thread 0").get(), moderator=moderator, flag="pinned", value=True
    )
    make_thread(forum=Forum.objects.get(slug="site-feedback"), title="The site is lovely")
    for thread in Thread.objects.filter(forum=forum):
        ReadPosition.objects.create(user=reader, thread=thread, last_read_number=1)
    long.pages = (request.param + 19) // 20
    return long


def test_the_forum_list_costs_the_same_at_any_size(busy_forum, reader_client, django_assert_max_num_queries):
    # 1. the forums, each with its last post, that post's thread and forum and author
    with django_assert_max_num_queries(1):
        assert Client().get("/community/").status_code == 200
    # 1. session  2. member  3. the forums as above  4. unread notifications (header)
    with django_assert_max_num_queries(4):
        assert reader_client.get("/community/").status_code == 200


def test_a_forums_thread_list_costs_the_same_at_any_size(busy_forum, reader_client, django_assert_max_num_queries):
    url = busy_forum.forum.get_absolute_url()
    # 1. the forum  2. therapies discussed in it (for the filter)  3. count of its visible threads
    # 4. the page of threads with their forum, author, therapy, last post and its author
    with django_assert_max_num_queries(4):
        assert Client().get(url).status_code == 200
    # 1. the forum  2. therapies  3. session  4. member  5. count of threads
    # 6. the page of threads, each with the member's read position  7. unread posts per thread on the page
    # 8. unread notifications (header)
    with django_assert_max_num_queries(8):
        page = reader_client.get(url)
    assert "new</a>" in page.content.decode()


@pytest.mark.parametrize("which", ["first", "last"])
def test_a_thread_page_costs_the_same_at_any_length(
    busy_forum, reader_client, make_poster, which, django_assert_max_num_queries
):
    url = busy_forum.get_absolute_url() + (f"?page={busy_forum.pages}" if which == "last" else "")
    # 1. the thread with its forum, therapy and author (its post count pages the visible posts)
    # 2. the page of posts with their authors
    with django_assert_max_num_queries(2):
        assert Client().get(url).status_code == 200
    # The first member to read the page renders its members' shell: 1. session  2. member  3. the member's read
    # position, follow and own unpublished posts  4. the thread  5. the page of posts with their authors  6. the
    # member's standing: verified e-mail, suspension, rules to accept, unread notifications  7. their helpful marks
    # 8.–9. move the read position forward (an UPDATE, then an INSERT on a first visit)
    with django_assert_max_num_queries(9):
        page = reader_client.get(url)
    assert f'id="post-{busy_forum.post_count if which == "last" else 1}"' in page.content.decode()
    # Every other member reads the kept shell: no thread, no posts (session, member, read position, standing, helpful
    # marks, and on a first visit the two statements that move the read position).
    other_reader = login(make_poster())
    with django_assert_max_num_queries(7):
        page = other_reader.get(url)
    assert f'id="post-{busy_forum.post_count if which == "last" else 1}"' in page.content.decode()


# --- The member's standing, fetched in one query for the thread page -------------------------------------------------


def test_the_thread_page_knows_each_members_standing(thread, make_poster, make_member, author):
    unverified = make_member(verified=False, display_name="Not Yet Verified")
    reader = make_poster(display_name="Notified Reader")
    actions.set_subscription(user=reader, thread=thread, follow=True)
    reply = actions.reply(author=author, thread=thread, body="A reply the reader is told about.")
    Notification.objects.create(user=reader, kind=Notification.Kind.REPLY, post=reply)

    unverified_page = text(login(unverified).get(thread.get_absolute_url()))
    reader_page = text(login(reader).get(thread.get_absolute_url()))

    assert "Please verify your e-mail address before you post." in unverified_page
    assert 'name="body"' not in unverified_page
    assert '<span class="badge notification-count">1</span>' in reader_page
    assert 'name="body"' in reader_page and "Stop following" in reader_page


# --- One reading rule: a thread of an unlisted forum is found nowhere ------------------------------------------------


def test_a_thread_in_the_forum_of_an_unpublished_condition_is_not_found_on_its_page_as_in_the_api_and_search(
    make_thread, author, reader_client
):
    condition = Condition.objects.create(
        name="Quiet fever", slug="quiet-fever", summary="About it.", status=Status.DRAFT
    )
    unlisted = Forum.objects.get(condition=condition)
    thread = make_thread(forum=unlisted, author=author, title="Nights with quiet fever", body="Warm baths help.")
    post = thread.first_post

    assert Client().get(thread.get_absolute_url()).status_code == 404
    assert reader_client.get(thread.get_absolute_url()).status_code == 404
    assert reader_client.get(f"/api/v1/threads/{thread.pk}/").status_code == 404
    assert reader_client.get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert not Thread.objects.readable_by(author).filter(pk=thread.pk).exists()
    assert not Post.objects.readable_by(author).filter(pk=post.pk).exists()
    # Once the condition is published, its forum is listed and the thread is read everywhere.
    Condition.objects.filter(pk=condition.pk).update(status=Status.PUBLISHED)
    assert reader_client.get(thread.get_absolute_url()).status_code == 200
    assert Thread.objects.readable_by(author).filter(pk=thread.pk).exists()


# --- A post's address: one rule for its page -------------------------------------------------------------------------


def test_a_post_past_the_first_page_is_linked_on_its_page_by_the_api_and_notifications(
    forum, make_long_thread, reader_client
):
    from community.notify import post_url

    thread = make_long_thread(forum=forum, posts=25)
    base = thread.get_absolute_url()
    assert thread.post_url(20, before=19) == f"{base}#post-20"
    assert thread.post_url(21, before=20) == f"{base}?page=2#post-21"

    post = Post.objects.get(thread=thread, number=21)
    expected = f"{base}?page=2#post-21"
    assert post_url(post) == expected
    assert reader_client.get(f"/api/v1/posts/{post.pk}/").json()["url"].endswith(expected)


def test_visitors_read_the_same_opening_of_a_members_only_thread_on_its_page_and_in_the_api(private_thread):
    visitor = Client()
    teaser = Post.objects.get(pk=private_thread.first_post_id).teaser()

    assert teaser.startswith("First lines about my nights") and teaser.endswith("…") and len(teaser) <= 280
    assert visitor.get(f"/api/v1/threads/{private_thread.pk}/").json()["teaser"] == teaser
    assert " ".join(teaser.split()) in text(visitor.get(private_thread.get_absolute_url()))

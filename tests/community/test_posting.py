"""Posting in the discussions: threads and replies, the rules box, the trust rules, suspension and editing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from community import actions
from community.models import Forum, Post, PostRevision, RulesAcceptance, Thread, Visibility
from portal.models import RulesVersion
from tests.clients import login
from tests.html import error_next_to, field_group, text

pytestmark = pytest.mark.django_db

NOON = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)


def start(client, forum: Forum, *, title: str, body: str, follow: bool = False, **data):
    return client.post(f"/community/{forum.slug}/new/", {"title": title, "body": body, **data}, follow=follow)


def send_reply(client, thread: Thread, body: str, *, follow: bool = False, **data):
    return client.post(f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": body, **data}, follow=follow)


def local(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


@pytest.fixture
def thread(forum, make_thread):
    return make_thread(forum=forum, title="Evenings with restless legs", body="What do you do at 9 pm?")


@pytest.fixture
def at_noon(time_machine):
    time_machine.move_to(NOON, tick=False)
    return time_machine


# --- Threads and replies by an established member -------------------------------------------------------------------


def test_a_members_new_thread_is_published_and_counted(poster_client, forum):
    response = start(poster_client, forum, title="Magnesium before bed", body="It calmed my legs a little.")

    thread = Thread.objects.get(title="Magnesium before bed")
    post = thread.posts.get()
    assert response.status_code == 302 and response.url == thread.get_absolute_url()
    assert thread.status == post.status == Visibility.VISIBLE
    assert (thread.post_count, thread.reply_count) == (1, 0)
    assert thread.first_post == post and thread.last_post == post
    assert thread.last_activity_at == post.created_at
    forum.refresh_from_db()
    assert (forum.thread_count, forum.post_count) == (1, 1)
    assert forum.last_post == post and forum.last_activity_at == post.created_at

    visitor = Client()
    page = text(visitor.get(thread.get_absolute_url()))
    assert "<h1>Magnesium before bed</h1>" in page and "It calmed my legs a little." in page
    assert "0 replies" in page
    listing = text(visitor.get("/community/"))
    assert "1 thread · 1 post · latest: " in listing
    assert f'<a href="{thread.get_absolute_url()}">Magnesium before bed</a>' in listing


def test_a_member_can_keep_a_thread_for_members_only(poster_client, forum):
    start(poster_client, forum, title="Between us members", body="Private-ish.", members_only="on")

    assert Thread.objects.get(title="Between us members").members_only


def test_a_reply_moves_the_thread_and_forum_counters_last_post_and_last_activity(
    forum, make_thread, poster_client, time_machine
):
    time_machine.move_to(timezone.now() - timedelta(hours=3), tick=False)
    thread = make_thread(forum=forum, title="Evenings with restless legs")
    time_machine.move_to(timezone.now() + timedelta(hours=2), tick=False)

    response = send_reply(poster_client, thread, "A warm bath before bed helps me.")

    reply = thread.posts.get(number=2)
    assert response.status_code == 302 and response.url == f"{thread.get_absolute_url()}#post-2"
    thread.refresh_from_db()
    assert (thread.post_count, thread.reply_count) == (2, 1)
    assert thread.last_post == reply and thread.first_post.number == 1
    assert thread.last_activity_at == reply.created_at == timezone.now()
    forum.refresh_from_db()
    assert (forum.thread_count, forum.post_count) == (1, 2)
    assert forum.last_post == reply and forum.last_activity_at == reply.created_at
    page = text(Client().get(thread.get_absolute_url()))
    assert "A warm bath before bed helps me." in page and "1 reply" in page


def test_the_new_thread_and_reply_forms_are_plain_html_forms(poster_client, forum, thread):
    new = poster_client.get(f"/community/{forum.slug}/new/").content.decode()
    page = poster_client.get(thread.get_absolute_url()).content.decode()

    assert re.search(r'<form method="post" class="form" novalidate>', new)
    for name in ("title", "body", "therapy", "members_only"):
        assert f'name="{name}"' in new
    reply_form = re.search(r'<form method="post" action="([^"]+)" class="form reply-form"', page)
    assert reply_form and reply_form.group(1) == f"/community/{forum.slug}/{thread.pk}/reply/"
    assert '<textarea name="body"' in page and 'type="submit"' in page
    # Without the script the browser posts the form and follows the redirect to the new post.
    followed = send_reply(poster_client, thread, "Posted without JavaScript.", follow=True)
    assert "Posted without JavaScript." in followed.content.decode()


def test_a_thread_with_mistakes_shows_them_next_to_the_fields_and_keeps_what_was_typed(poster_client, forum):
    response = start(poster_client, forum, title="Hm", body="Iron tablets changed my nights.")

    page = response.content.decode()
    assert response.status_code == 200
    assert "at least 5 characters" in error_next_to(page, "title")
    assert 'value="Hm"' in field_group(page, "title")
    assert "Iron tablets changed my nights.</textarea>" in page
    assert not Thread.objects.filter(forum=forum).exists()


def test_an_empty_reply_is_refused_next_to_the_field(poster_client, thread):
    response = send_reply(poster_client, thread, "   ")

    assert response.status_code == 400
    assert "This field is required." in error_next_to(response.content.decode(), "body")
    assert thread.posts.count() == 1


def test_a_double_submitted_reply_is_posted_once_with_a_clear_message(poster_client, thread):
    send_reply(poster_client, thread, "Stretching my calves before bed.")
    again = send_reply(poster_client, thread, "Stretching my calves before bed.", follow=True)

    assert thread.posts.filter(body="Stretching my calves before bed.").count() == 1
    assert "You have already posted this reply." in again.content.decode()
    thread.refresh_from_db()
    assert thread.post_count == 2


def test_a_double_submitted_thread_is_posted_once_and_the_member_sees_it(poster_client, forum):
    start(poster_client, forum, title="Cold feet at night", body="Socks or no socks?")
    again = start(poster_client, forum, title="Cold feet at night", body="Socks or no socks?")

    thread = Thread.objects.get(forum=forum)
    assert again.url == thread.get_absolute_url()
    followed = text(poster_client.get(again.url))
    assert "You have already posted this; here it is." in followed
    forum.refresh_from_db()
    assert forum.thread_count == 1


# --- The community rules ---------------------------------------------------------------------------------------------


@pytest.fixture
def unaccepted(make_poster):
    return make_poster(accepted_rules=False, display_name="Rule Reader")


def test_a_member_who_has_not_accepted_the_rules_sees_the_box(unaccepted, forum, thread):
    client = login(unaccepted)

    for page in (client.get(thread.get_absolute_url()), client.get(f"/community/{forum.slug}/new/")):
        html = page.content.decode()
        assert 'type="checkbox" name="accept_rules"' in html
        assert "I have read and accept the community rules" in html
        assert '<a href="/rules/">Read the community rules</a>' in html


def test_posting_without_ticking_the_rules_box_says_so_next_to_it_and_keeps_the_text(unaccepted, thread, forum):
    client = login(unaccepted)

    reply = send_reply(client, thread, "Rules? I just want to say hello.")
    new = start(client, forum, title="My first question", body="Does yoga help?")

    assert reply.status_code == 400
    assert "tick the box to accept them" in error_next_to(reply.content.decode(), "accept_rules")
    assert "Rules? I just want to say hello.</textarea>" in reply.content.decode()
    assert "tick the box to accept them" in error_next_to(new.content.decode(), "accept_rules")
    assert "Does yoga help?</textarea>" in new.content.decode()
    assert not Post.objects.filter(author=unaccepted, thread__forum=forum).exists()
    assert not Thread.objects.filter(title="My first question").exists()
    assert not RulesAcceptance.objects.filter(member=unaccepted).exists()


def test_ticking_the_box_stores_the_acceptance_of_the_version_in_force(unaccepted, thread):
    client = login(unaccepted)

    send_reply(client, thread, "I read them. Hello!", accept_rules="on")

    accepted = RulesAcceptance.objects.get(member=unaccepted)
    assert accepted.rules == RulesVersion.objects.current()
    assert thread.posts.filter(author=unaccepted, body="I read them. Hello!").exists()
    assert 'name="accept_rules"' not in client.get(thread.get_absolute_url()).content.decode()


def test_a_new_rules_version_in_force_asks_again_and_a_scheduled_one_does_not(poster, thread):
    client = login(poster)
    RulesVersion.objects.create(version=2, body="Be kind.", effective_from=timezone.now() + timedelta(days=3))
    assert 'name="accept_rules"' not in client.get(thread.get_absolute_url()).content.decode()

    second = RulesVersion.objects.create(version=3, body="Be kind, and cite sources.")

    assert 'name="accept_rules"' in client.get(thread.get_absolute_url()).content.decode()
    refused = send_reply(client, thread, "Without reading the new ones.")
    assert refused.status_code == 400
    send_reply(client, thread, "I read version three.", accept_rules="on")
    assert RulesAcceptance.objects.filter(member=poster, rules=second).exists()


# --- Trust: premoderation, links, honeypot, contact details, rate limits ---------------------------------------------


def test_a_new_members_first_thread_waits_and_only_the_author_sees_it(new_member, forum, make_poster):
    author = login(new_member)

    response = start(author, forum, title="Hello from a newcomer", body="My legs ache every evening.")

    thread = Thread.objects.get(title="Hello from a newcomer")
    assert thread.status == thread.posts.get().status == Visibility.PENDING
    page = text(author.get(response.url))
    assert "Your thread is waiting for a moderator" in page
    assert "Waiting for a moderator: only you can see this post until it is approved." in page
    assert "My legs ache every evening." in page
    assert Client().get(thread.get_absolute_url()).status_code == 404
    assert login(make_poster()).get(thread.get_absolute_url()).status_code == 404
    assert "Hello from a newcomer" not in Client().get(forum.get_absolute_url()).content.decode()
    forum.refresh_from_db()
    thread.refresh_from_db()
    assert (forum.thread_count, forum.post_count, forum.last_post) == (0, 0, None)
    assert (thread.post_count, thread.last_post) == (0, None)


def test_a_new_members_reply_waits_and_the_counters_do_not_move(new_member, thread, make_poster):
    forum = thread.forum
    forum.refresh_from_db()
    before = (forum.post_count, forum.last_post_id)

    response = send_reply(login(new_member), thread, "Me too, every single night.", follow=True)

    reply = thread.posts.get(author=new_member)
    assert reply.status == Visibility.PENDING
    author_page = text(response)
    assert "Your reply is waiting for a moderator" in author_page
    assert "Me too, every single night." in author_page and "Waiting for a moderator" in author_page
    for reader in (Client(), login(make_poster())):
        page = reader.get(thread.get_absolute_url()).content.decode()
        assert "Me too, every single night." not in page and "Waiting for a moderator" not in page
    thread.refresh_from_db()
    forum.refresh_from_db()
    assert (thread.post_count, thread.last_post.number) == (1, 1)
    assert (forum.post_count, forum.last_post_id) == before


def test_after_three_approved_posts_a_new_member_posts_freely_except_links(new_member, thread, moderator):
    for number in range(3):
        waiting = actions.reply(author=new_member, thread=thread, body=f"Early post {number}.")
        assert waiting.status == Visibility.PENDING
        actions.approve_post(post=waiting, moderator=moderator)
    client = login(new_member)

    send_reply(client, thread, "Now I am trusted a little.")
    send_reply(client, thread, "See [my blog](https://example.org/legs) about it.")

    assert thread.posts.get(body="Now I am trusted a little.").status == Visibility.VISIBLE
    assert thread.posts.get(body__startswith="See [my blog]").status == Visibility.PENDING


def test_an_established_members_post_with_a_link_is_published_with_a_nofollow_link(poster_client, thread):
    send_reply(poster_client, thread, "The [RLS foundation](https://www.rls.org/) has a good leaflet.")

    post = thread.posts.get(number=2)
    assert post.status == Visibility.VISIBLE
    page = Client().get(thread.get_absolute_url()).content.decode()
    assert '<a href="https://www.rls.org/" rel="nofollow ugc noopener">RLS foundation</a>' in page


def test_a_filled_honeypot_creates_nothing(poster_client, forum, thread):
    forum.refresh_from_db()
    before = (forum.thread_count, forum.post_count)

    new = start(poster_client, forum, title="Cheap pills here", body="Buy now.", website="https://spam.example")
    answer = send_reply(poster_client, thread, "Buy now, cheap.", website="https://spam.example")

    assert new.status_code == answer.status_code == 302
    assert not Thread.objects.filter(title="Cheap pills here").exists()
    assert not Post.objects.filter(body__startswith="Buy now").exists()
    forum.refresh_from_db()
    assert (forum.thread_count, forum.post_count) == before


def test_the_honeypot_is_out_of_reach_of_people(poster_client, forum):
    page = poster_client.get(f"/community/{forum.slug}/new/").content.decode()

    honeypot = re.search(r"<input[^>]*name=\"website\"[^>]*>", page).group(0)
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot
    # Hidden by its class and id, which the directory's real "website" fields do not have.
    assert 'class="honeypot"' in honeypot and 'id="hp-website"' in honeypot
    assert '<label for="hp-website">' in page


@pytest.mark.parametrize(
    "detail",
    [
        "jo.walker+rls@example.co.uk",
        "+44 20 7946 0958",
        "(555) 123-4567",
        "555.123.4567",
        "0176 1234 5678",
        "+1-202-555-0143",
    ],
)
def test_contact_details_are_pointed_out_next_to_the_message_and_the_text_is_kept(poster_client, thread, detail):
    body = f"Message me at {detail} and I will tell you the clinic."

    response = send_reply(poster_client, thread, body)

    page = response.content.decode()
    assert response.status_code == 400
    message = error_next_to(page, "body")
    assert "looks like contact details" in message and detail in " ".join(message.split())
    assert f"{body}</textarea>" in page
    assert 'type="checkbox" name="confirm_contact"' in page
    assert thread.posts.count() == 1


def test_contact_details_are_published_when_the_author_confirms(poster_client, thread):
    send_reply(poster_client, thread, "My clinic: +44 20 7946 0958.", confirm_contact="on")

    assert thread.posts.get(number=2).body == "My clinic: +44 20 7946 0958."


@pytest.mark.parametrize(
    "body",
    [
        "I took 300 mg for 2 weeks.",
        "From 2015 - 2020 I barely slept.",
        "My IRLS score went from 28 to 12 between 12.03.2024 and 2024-06-01.",
    ],
)
def test_doses_years_and_dates_are_not_mistaken_for_phone_numbers(poster_client, thread, body):
    send_reply(poster_client, thread, body)

    assert thread.posts.filter(body=body).exists()


def test_a_new_members_third_thread_within_an_hour_is_refused_until_later(new_member, forum, at_noon):
    client = login(new_member)
    start(client, forum, title="First question here", body="One.")
    at_noon.shift(timedelta(minutes=10))
    start(client, forum, title="Second question here", body="Two.")
    at_noon.shift(timedelta(minutes=10))

    refused = start(client, forum, title="Third question here", body="Three, typed with care.")

    page = text(refused)
    assert refused.status_code == 200
    assert f"You can post again at {local(NOON + timedelta(hours=1))}." in page
    assert "Three, typed with care.</textarea>" in page
    assert not Thread.objects.filter(title="Third question here").exists()

    at_noon.shift(timedelta(minutes=41))
    later = start(client, forum, title="Third question here", body="Three, typed with care.")
    assert later.status_code == 302
    assert Thread.objects.filter(title="Third question here").exists()


def test_an_established_member_may_start_more_threads_in_an_hour_than_a_new_member(poster_client, forum):
    for number in range(3):
        start(poster_client, forum, title=f"Question number {number}", body=f"Body {number}.")

    assert Thread.objects.filter(forum=forum).count() == 3


def test_slow_mode_refuses_a_second_reply_in_the_window(poster_client, thread, moderator, at_noon):
    actions.set_slow_mode(thread=thread, moderator=moderator, seconds=600)
    send_reply(poster_client, thread, "My first thought.")
    at_noon.shift(timedelta(minutes=4))

    refused = send_reply(poster_client, thread, "And a second thought, quickly.")

    page = text(refused)
    assert refused.status_code == 400
    assert f"slow mode. You can post here again at {local(NOON + timedelta(minutes=10))}." in page
    assert "And a second thought, quickly.</textarea>" in page
    assert thread.posts.count() == 2
    at_noon.shift(timedelta(minutes=7))
    send_reply(poster_client, thread, "And a second thought, quickly.")
    assert thread.posts.count() == 3


# --- Suspension ------------------------------------------------------------------------------------------------------


def test_a_suspended_member_sees_until_when_and_why_instead_of_the_forms(suspended_member, thread, forum):
    client = login(suspended_member)
    until = local(suspended_member.suspensions.get().until)
    expected = f"Your account is suspended until {until}: Insults in a thread"

    thread_page = text(client.get(thread.get_absolute_url()))
    new_page = text(client.get(f"/community/{forum.slug}/new/"))

    assert expected in thread_page and expected in new_page
    assert 'name="body"' not in thread_page and 'name="body"' not in new_page


def test_a_suspended_members_posts_are_refused_and_create_nothing(suspended_member, thread, forum):
    client = login(suspended_member)

    answer = send_reply(client, thread, "You are all wrong.")
    new = start(client, forum, title="You are all wrong", body="Completely.")

    assert answer.status_code == new.status_code == 403
    assert "Insults in a thread" in answer.content.decode() and "Insults in a thread" in new.content.decode()
    assert not Post.objects.filter(author=suspended_member, thread__forum=forum).exists()
    assert not Thread.objects.filter(title="You are all wrong").exists()


# --- Editing ---------------------------------------------------------------------------------------------------------


def edit(client, post: Post, body: str):
    return client.post(f"/community/posts/{post.pk}/edit/", {"body": body})


@pytest.fixture
def own_post(poster, thread):
    return actions.reply(author=poster, thread=thread, body="Magnesium every night.")


def test_an_author_edits_their_post_within_a_day_and_the_history_is_kept(poster_client, poster, own_post):
    response = edit(poster_client, own_post, "Magnesium every other night.")

    own_post.refresh_from_db()
    assert response.status_code == 302
    assert own_post.body == "Magnesium every other night." and own_post.edited_at is not None
    revision = PostRevision.objects.get(post=own_post)
    assert (revision.body, revision.edited_by) == ("Magnesium every night.", poster)
    page = text(Client().get(own_post.thread.get_absolute_url()))
    assert "Magnesium every other night." in page and "Magnesium every night." not in page
    assert "· edited" in page
    history = text(poster_client.get(f"/community/posts/{own_post.pk}/edit/"))
    assert "Earlier versions" in history and "Magnesium every night." in history


def test_another_member_cannot_edit_a_post(own_post, make_poster):
    client = login(make_poster())

    assert client.get(f"/community/posts/{own_post.pk}/edit/").status_code == 403
    assert edit(client, own_post, "Vandalised.").status_code == 403
    own_post.refresh_from_db()
    assert own_post.body == "Magnesium every night." and not own_post.revisions.exists()


def test_a_visitor_who_tries_to_edit_is_sent_to_sign_in(own_post):
    response = Client().get(f"/community/posts/{own_post.pk}/edit/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_after_a_day_the_author_can_no_longer_edit(poster_client, own_post, time_machine):
    time_machine.move_to(timezone.now() + timedelta(hours=24, minutes=1), tick=False)

    assert poster_client.get(f"/community/posts/{own_post.pk}/edit/").status_code == 403
    assert edit(poster_client, own_post, "Too late.").status_code == 403
    own_post.refresh_from_db()
    assert own_post.body == "Magnesium every night."


def test_the_edit_link_shows_only_while_the_author_may_edit(poster_client, own_post, time_machine):
    link = f'href="/community/posts/{own_post.pk}/edit/"'
    assert link in poster_client.get(own_post.thread.get_absolute_url()).content.decode()

    time_machine.move_to(timezone.now() + timedelta(hours=25), tick=False)

    assert link not in poster_client.get(own_post.thread.get_absolute_url()).content.decode()


def test_a_moderator_can_edit_any_post_at_any_time(moderator, own_post, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=3), tick=False)
    client = login(moderator)

    assert (
        f'href="/community/posts/{own_post.pk}/edit/"'
        in client.get(own_post.thread.get_absolute_url()).content.decode()
    )
    response = edit(client, own_post, "Magnesium every night. [phone number removed]")

    own_post.refresh_from_db()
    assert response.status_code == 302
    assert own_post.body.endswith("[phone number removed]")
    assert PostRevision.objects.get(post=own_post).edited_by == moderator


def test_a_double_click_on_a_new_members_second_thread_shows_it_rather_than_the_rate_limit(new_member, forum):
    client = login(new_member)
    start(client, forum, title="First question here", body="One.")
    start(client, forum, title="Second question here", body="Two.")

    again = start(client, forum, title="Second question here", body="Two.", follow=True)

    assert "You have already posted this; here it is." in text(again)
    assert "You can post again" not in text(again)
    assert Thread.objects.filter(title="Second question here").count() == 1


def test_a_waiting_reply_at_the_end_of_a_long_thread_sends_its_author_to_the_page_it_is_on(
    new_member, forum, make_long_thread
):
    thread = make_long_thread(forum=forum, posts=25)

    response = send_reply(login(new_member), thread, "My first words here.")

    assert response.url == f"{thread.get_absolute_url()}?page=2#post-26"
    page = login(new_member).get(response.url).content.decode()
    assert "My first words here." in page and "Waiting for a moderator" in page


def test_contact_details_in_a_title_are_pointed_out_next_to_the_title(poster_client, forum):
    response = start(poster_client, forum, title="Call 0176 1234 5678 for help", body="A good clinic.")

    page = response.content.decode()
    assert "0176 1234 5678" in error_next_to(page, "title")
    assert 'value="Call 0176 1234 5678 for help"' in page
    assert not Thread.objects.filter(forum=forum).exists()


def test_a_locked_thread_takes_no_replies(poster_client, thread, moderator):
    actions.set_thread_flag(thread=thread, moderator=moderator, flag="locked", value=True)

    page = text(poster_client.get(thread.get_absolute_url()))
    answer = send_reply(poster_client, thread, "Let me add one more thing.")

    assert "This thread is locked: it takes no new replies." in page and 'name="body"' not in page
    assert answer.status_code == 403 and "This thread is locked" in answer.content.decode()
    assert thread.posts.count() == 1


def test_an_edit_is_checked_for_contact_details_too(poster_client, own_post):
    refused = edit(poster_client, own_post, "Magnesium. Ring me on 020 7946 0958.")

    page = refused.content.decode()
    assert "020 7946 0958" in error_next_to(page, "body")
    assert "Magnesium. Ring me on 020 7946 0958.</textarea>" in page
    own_post.refresh_from_db()
    assert own_post.body == "Magnesium every night."
    poster_client.post(
        f"/community/posts/{own_post.pk}/edit/",
        {"body": "Magnesium. Ring me on 020 7946 0958.", "confirm_contact": "on"},
    )
    own_post.refresh_from_db()
    assert own_post.body == "Magnesium. Ring me on 020 7946 0958."


def test_a_new_member_cannot_slip_a_link_past_the_moderators_by_editing(new_member, thread, moderator):
    for number in range(3):
        actions.approve_post(
            post=actions.reply(author=new_member, thread=thread, body=f"Hi {number}."), moderator=moderator
        )
    published = actions.reply(author=new_member, thread=thread, body="Plain words.")
    assert published.status == Visibility.VISIBLE
    client = login(new_member)

    refused = edit(client, published, "Plain words. [Cheap pills](https://pills.example)")
    fixed = edit(client, published, "Plain, kinder words.")

    assert "checked by a moderator" in error_next_to(refused.content.decode(), "body")
    assert fixed.status_code == 302
    published.refresh_from_db()
    assert published.body == "Plain, kinder words."

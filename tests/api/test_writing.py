"""Members write through the API by the same rules as on the pages: threads, replies, votes, helpful marks, reports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from community import actions
from community.models import HelpfulMark, Post, Report, RulesAcceptance, Thread, Visibility
from portal.models import RulesVersion
from tests.clients import token_client
from therapies.models import TherapyConditionVote, TherapyVote

pytestmark = pytest.mark.django_db

NOON = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)


def local(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


@pytest.fixture
def thread(forum, make_thread):
    return make_thread(forum=forum, title="Evenings with restless legs", body="What do you do at 9 pm?")


def reply_via_api(client, thread, body: str, **data):
    return client.post(f"/api/v1/threads/{thread.pk}/posts/", {"body": body, **data}, content_type="application/json")


def reply_via_page(client, thread, body: str, **data):
    return client.post(f"/community/{thread.forum.slug}/{thread.pk}/reply/", {"body": body, **data})


def start_via_api(client, forum, **data):
    return client.post("/api/v1/threads/", {"forum": forum.slug, **data}, content_type="application/json")


# --- Without credentials, and with a suspended member's ---------------------------------------------------------------


def test_writes_without_credentials_are_refused_with_401_and_create_nothing(thread, rls_page):
    visitor = Client()
    post = thread.first_post
    before = (Post.objects.count(), Thread.objects.count())

    answers = [
        reply_via_api(visitor, thread, "Hello"),
        start_via_api(visitor, thread.forum, title="A new question", body="Anyone?"),
        visitor.post(f"/api/v1/posts/{post.pk}/helpful/"),
        visitor.post(f"/api/v1/posts/{post.pk}/report/", {"reason": "spam"}, content_type="application/json"),
        visitor.post(f"/api/v1/therapies/{rls_page.therapy.slug}/vote/", {"vote": "up"}),
        visitor.post(f"/api/v1/therapy-conditions/{rls_page.therapy.slug}/{rls_page.condition.slug}/vote/"),
    ]

    for answer in answers:
        assert answer.status_code == 401
        assert answer.json() == {"detail": "Authentication credentials were not provided."}
        assert answer["www-authenticate"] == "Token"
    assert (Post.objects.count(), Thread.objects.count()) == before
    assert not (HelpfulMark.objects.exists() or Report.objects.exists() or TherapyVote.objects.exists())


def test_a_wrong_token_is_refused(thread):
    answer = Client(headers={"authorization": "Token not-a-real-token"}).post(f"/api/v1/threads/{thread.pk}/posts/")

    assert answer.status_code == 401 and answer.json() == {"detail": "Invalid token."}
    assert list(thread.posts.values_list("number", flat=True)) == [1]


def test_a_suspended_members_writes_are_refused_with_until_when_and_why(suspended_member, thread):
    client = token_client(suspended_member)
    until = suspended_member.suspensions.get().until
    expected = f"Your account is suspended until {local(until)}: Insults in a thread"

    reply = reply_via_api(client, thread, "You are all wrong.")
    new = start_via_api(client, thread.forum, title="You are all wrong", body="Completely.")
    mark = client.post(f"/api/v1/posts/{thread.first_post_id}/helpful/")

    assert reply.status_code == new.status_code == 403
    assert reply.json() == new.json() == {"detail": expected, "until": until.isoformat()}
    assert mark.status_code == 403 and mark.json() == {"detail": "You cannot mark this post."}
    assert not Post.objects.filter(author=suspended_member, thread=thread).exists()
    assert not Thread.objects.filter(title="You are all wrong").exists()
    assert not HelpfulMark.objects.exists()


def test_a_member_without_a_verified_address_cannot_post_or_vote(make_poster, thread, rls_page):
    client = token_client(make_poster(verified=False))

    reply = reply_via_api(client, thread, "Hello there.")
    vote = client.post(f"/api/v1/therapies/{rls_page.therapy.slug}/vote/", {"vote": "up"})

    assert reply.status_code == 403
    assert reply.json() == {"detail": "Please verify your e-mail address before you post."}
    assert vote.status_code == 403
    assert vote.json() == {"detail": "Please verify your e-mail address before you vote."}
    assert thread.posts.count() == 1 and not TherapyVote.objects.exists()


# --- Posting: the same rules as the pages ----------------------------------------------------------------------------


def test_an_established_members_reply_is_published_and_counted(poster, thread):
    answer = reply_via_api(token_client(poster), thread, "A warm bath before bed helps me.")

    body = answer.json()
    assert answer.status_code == 201
    assert body["message"] == "Your reply is posted."
    assert body["post"]["status"] == "visible" and body["post"]["number"] == 2
    assert body["post"]["body_html"] == "<p>A warm bath before bed helps me.</p>"
    assert body["post"]["author"]["display_name"] == poster.display_name
    assert body["post"]["url"] == f"{thread.get_absolute_url()}#post-2"
    thread.refresh_from_db()
    assert thread.post_count == 2 and thread.last_post.body == "A warm bath before bed helps me."
    assert "A warm bath before bed helps me." in Client().get(thread.get_absolute_url()).content.decode()


def test_a_new_members_reply_waits_for_a_moderator_as_on_the_page(new_member, make_poster, forum, make_thread):
    thread = make_thread(forum=forum, title="Evenings with restless legs")
    page_thread = make_thread(forum=forum, title="Mornings with restless legs")

    answer = reply_via_api(token_client(new_member), thread, "Me too, every single night.")
    reply_via_page(_signed_in(new_member), page_thread, "Me too, every single morning.")

    assert answer.status_code == 201
    assert answer.json()["message"] == "Thank you. Your reply is waiting for a moderator; it appears once approved."
    assert answer.json()["post"]["status"] == "pending"
    via_api = thread.posts.get(author=new_member)
    via_page = page_thread.posts.get(author=new_member)
    assert via_api.status == via_page.status == Visibility.PENDING
    thread.refresh_from_db()
    assert thread.post_count == 1
    for reader in (Client(), token_client(make_poster())):
        listed = reader.get(f"/api/v1/threads/{thread.pk}/posts/").json()["results"]
        assert [post["number"] for post in listed] == [1]
        assert reader.get(f"/api/v1/posts/{via_api.pk}/").status_code == 404


def test_a_new_members_first_thread_waits_and_is_not_listed(new_member, forum):
    answer = start_via_api(token_client(new_member), forum, title="Hello from a newcomer", body="My legs ache.")

    body = answer.json()
    assert answer.status_code == 201
    assert body["message"] == "Thank you. Your thread is waiting for a moderator; it appears once approved."
    assert body["post"]["status"] == "pending"
    thread = Thread.objects.get(title="Hello from a newcomer")
    assert thread.status == Visibility.PENDING
    assert Client().get(f"/api/v1/threads/{thread.pk}/").status_code == 404
    assert thread.pk not in [t["id"] for t in Client().get("/api/v1/threads/").json()["results"]]


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def at_noon(time_machine):
    time_machine.move_to(NOON, tick=False)
    return time_machine


def test_a_new_members_seventh_reply_in_an_hour_is_refused_with_the_pages_message(
    new_member, forum, make_thread, at_noon
):
    thread = make_thread(forum=forum, title="Evenings with restless legs")
    page_thread = make_thread(forum=forum, title="Mornings with restless legs")
    other = make_thread(forum=forum, title="Afternoons with restless legs")
    client = token_client(new_member)
    for number in range(6):
        assert reply_via_api(client, thread, f"Reply number {number}.").status_code == 201
        at_noon.shift(timedelta(minutes=5))

    refused = reply_via_api(client, other, "The seventh reply, typed with care.")
    on_the_page = reply_via_page(_signed_in(new_member), page_thread, "The seventh reply, typed with care.")

    expected = (
        "You have posted 6 replies in the last hour, the most we allow. "
        f"You can post again at {local(NOON + timedelta(hours=1))}."
    )
    assert refused.status_code == 429 and refused["retry-after"] == str(30 * 60)
    assert refused.json() == {"detail": expected, "until": (NOON + timedelta(hours=1)).isoformat()}
    assert on_the_page.status_code == 400 and expected in " ".join(on_the_page.content.decode().split())
    assert not Post.objects.filter(body="The seventh reply, typed with care.").exists()


def test_a_new_members_third_thread_in_an_hour_is_refused(new_member, forum, at_noon):
    client = token_client(new_member)
    start_via_api(client, forum, title="First question here", body="One.")
    start_via_api(client, forum, title="Second question here", body="Two.")

    refused = start_via_api(client, forum, title="Third question here", body="Three.")

    assert refused.status_code == 429
    assert f"You can post again at {local(NOON + timedelta(hours=1))}." in refused.json()["detail"]
    assert not Thread.objects.filter(title="Third question here").exists()


def test_slow_mode_refuses_a_second_reply_in_the_window(poster, thread, moderator, at_noon):
    actions.set_slow_mode(thread=thread, moderator=moderator, seconds=600)
    client = token_client(poster)
    reply_via_api(client, thread, "My first thought.")

    refused = reply_via_api(client, thread, "A second thought, quickly.")

    assert refused.status_code == 429
    assert refused.json()["detail"] == (
        f"This thread is in slow mode. You can post here again at {local(NOON + timedelta(minutes=10))}."
    )


def test_the_same_reply_sent_twice_is_posted_once(poster, thread):
    client = token_client(poster)
    reply_via_api(client, thread, "Clicked twice.")

    again = reply_via_api(client, thread, "Clicked twice.")

    assert again.status_code == 409 and again.json() == {"detail": "You have already posted this reply."}
    assert thread.posts.filter(body="Clicked twice.").count() == 1


def test_contact_details_are_pointed_out_next_to_the_field_until_confirmed(poster, thread):
    client = token_client(poster)

    refused = reply_via_api(client, thread, "Ring me on +44 20 7946 0958.")
    confirmed = reply_via_api(client, thread, "Ring me on +44 20 7946 0958.", confirm_contact=True)

    assert refused.status_code == 400
    errors = refused.json()["errors"]
    assert list(errors) == ["body"] and "looks like contact details (+44 20 7946 0958)" in errors["body"][0]
    assert confirmed.status_code == 201
    assert thread.posts.filter(body="Ring me on +44 20 7946 0958.").count() == 1


def test_the_rules_must_be_accepted_once_and_the_acceptance_is_stored(make_poster, thread):
    member = make_poster(accepted_rules=False)
    client = token_client(member)

    refused = reply_via_api(client, thread, "Hello, new here.")
    accepted = reply_via_api(client, thread, "Hello, new here.", accept_rules=True)

    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "accept_rules": ["Please read the community rules and tick the box to accept them before you post."]
    }
    assert accepted.status_code == 201
    assert RulesAcceptance.objects.filter(member=member, rules=RulesVersion.objects.current()).exists()


def test_input_mistakes_are_answered_with_messages_per_field(poster, forum):
    client = token_client(poster)

    answer = start_via_api(client, forum, title="Hm", body="", members_only="perhaps")
    unknown_forum = client.post(
        "/api/v1/threads/", {"forum": "no-such-forum", "title": "A title", "body": "Text"}, "application/json"
    )
    not_json = client.post("/api/v1/threads/", "{not json", content_type="application/json")

    assert answer.status_code == 400
    assert answer.json() == {
        "detail": "Please correct the errors below.",
        "errors": {"members_only": ["Must be a valid boolean."]},
    }
    second = start_via_api(client, forum, title="Hm", body="")
    assert second.json()["errors"] == {
        "title": ["Ensure this value has at least 5 characters (it has 2)."],
        "body": ["This field is required."],
    }
    assert unknown_forum.status_code == 400
    assert unknown_forum.json()["errors"] == {"forum": ["There is no forum with this name."]}
    assert not_json.status_code == 400 and "JSON parse error" in not_json.json()["detail"]
    assert not Thread.objects.filter(forum=forum).exists()


def test_a_member_starts_a_thread_about_a_therapy_for_members_only(poster, forum, make_therapy):
    therapy = make_therapy(name="Acupuncture")

    answer = start_via_api(
        token_client(poster), forum, title="Needles and nights", body="Has it helped anyone?", therapy="acupuncture",
        members_only=True,
    )  # fmt: skip

    assert answer.status_code == 201
    thread = Thread.objects.get(title="Needles and nights")
    assert thread.therapy == therapy and thread.members_only and thread.status == Visibility.VISIBLE
    assert answer.json()["thread"]["id"] == thread.pk
    assert answer.json()["thread"]["url"] == thread.get_absolute_url()


def test_a_locked_thread_takes_no_replies(poster, thread, moderator):
    actions.set_thread_flag(thread=thread, moderator=moderator, flag="locked", value=True)

    answer = reply_via_api(token_client(poster), thread, "One more thing.")

    assert answer.status_code == 403 and answer.json() == {"detail": "This thread is locked: it takes no new replies."}


def test_session_writes_need_the_csrf_token(poster, thread):
    client = Client(enforce_csrf_checks=True)
    client.force_login(poster)

    without = reply_via_api(client, thread, "From the site's own script.")
    client.get(thread.get_absolute_url())  # the page sets the CSRF cookie
    with_token = client.post(
        f"/api/v1/threads/{thread.pk}/posts/",
        {"body": "From the site's own script."},
        content_type="application/json",
        headers={"x-csrftoken": client.cookies["csrftoken"].value},
    )

    assert without.status_code == 403 and "CSRF" in without.json()["detail"]
    assert with_token.status_code == 201
    assert Post.objects.filter(thread=thread, body="From the site's own script.").count() == 1


# --- Helpful marks, reports and votes --------------------------------------------------------------------------------


def test_a_member_marks_a_post_helpful_and_takes_it_back(poster, make_poster, thread):
    client = token_client(make_poster())
    post = thread.first_post

    marked = client.post(f"/api/v1/posts/{post.pk}/helpful/")
    unmarked = client.post(f"/api/v1/posts/{post.pk}/helpful/")

    assert marked.json() == {"marked": True, "count": 1, "count_text": "1 member found this helpful"}
    assert unmarked.json() == {"marked": False, "count": 0, "count_text": ""}
    post.refresh_from_db()
    assert post.helpful_count == 0 and not HelpfulMark.objects.exists()


def test_an_author_cannot_mark_their_own_post(thread):
    answer = token_client(thread.author).post(f"/api/v1/posts/{thread.first_post_id}/helpful/")

    assert answer.status_code == 403 and answer.json() == {"detail": "You cannot mark this post."}
    assert not HelpfulMark.objects.exists()


def test_a_member_reports_a_post_once_and_the_moderators_get_it(make_poster, thread):
    reporter = make_poster()
    client = token_client(reporter)
    url = f"/api/v1/posts/{thread.first_post_id}/report/"

    first = client.post(url, {"reason": "misinformation", "note": "Doses far too high."}, "application/json")
    again = client.post(url, {"reason": "misinformation"}, content_type="application/json")
    wrong = client.post(url, {"reason": "boring"}, content_type="application/json")

    assert first.status_code == 201 and first.json()["created"] is True
    assert again.status_code == 200 and again.json() == {
        "detail": "You have already reported this post; a moderator will look at it.",
        "created": False,
    }
    assert wrong.status_code == 400 and wrong.json()["errors"] == {"reason": ['"boring" is not a valid choice.']}
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.note) == (reporter, "misinformation", "Doses far too high.")


def test_three_reports_hide_a_post_and_it_leaves_the_api(make_poster, forum, make_thread):
    thread = make_thread(forum=forum)
    reply = actions.reply(author=make_poster(), thread=thread, body="Buy my pills.")
    for _ in range(3):
        token_client(make_poster()).post(
            f"/api/v1/posts/{reply.pk}/report/", {"reason": "spam"}, content_type="application/json"
        )

    reply.refresh_from_db()
    assert reply.status == Visibility.HIDDEN
    assert [post["number"] for post in Client().get(f"/api/v1/threads/{thread.pk}/posts/").json()["results"]] == [1]


def test_votes_count_once_change_and_withdraw_as_on_the_page(make_poster, rls_page):
    member = make_poster()
    client = token_client(member)
    therapy_url = f"/api/v1/therapies/{rls_page.therapy.slug}/vote/"
    page_url = f"/api/v1/therapy-conditions/{rls_page.therapy.slug}/{rls_page.condition.slug}/vote/"

    assert client.post(therapy_url, {"vote": "up"}, content_type="application/json").json() == {
        "up": 1,
        "down": 0,
        "mine": 1,
    }
    assert client.post(therapy_url, {"vote": "up"}).json() == {"up": 1, "down": 0, "mine": 1}
    assert client.post(therapy_url, {"vote": "down"}).json() == {"up": 0, "down": 1, "mine": -1}
    assert client.post(page_url, {"vote": "up"}).json() == {"up": 1, "down": 0, "mine": 1}
    assert client.post(page_url, {"vote": "withdraw"}).json() == {"up": 0, "down": 0, "mine": 0}
    bad = client.post(page_url, {"vote": "sideways"})

    assert bad.status_code == 400 and bad.json()["errors"] == {"vote": ['"sideways" is not a valid choice.']}
    assert TherapyVote.objects.get(user=member).value == -1
    assert not TherapyConditionVote.objects.exists()
    detail = client.get(f"/api/v1/therapies/{rls_page.therapy.slug}/").json()
    assert detail["votes"] == {"up": 0, "down": 1, "mine": -1}
    page = " ".join(Client().get(rls_page.therapy.get_absolute_url()).content.decode().split())
    assert "<span data-up>0</span> up · <span data-down>1</span> down" in page


def test_the_page_and_the_api_tell_a_new_member_alike_that_their_thread_waits(new_member, forum):
    from tests.clients import login
    from tests.html import text

    page = login(new_member).post(
        f"/community/{forum.slug}/new/", {"title": "Asked on the page", "body": "My legs ache."}, follow=True
    )
    answer = start_via_api(token_client(new_member), forum, title="Asked through the API", body="My arms ache.")

    message = "Thank you. Your thread is waiting for a moderator; it appears once approved."
    assert answer.json()["message"] == message and message in text(page)
    assert actions.posted_message(Post.objects.get(thread__title="Asked on the page")) == message

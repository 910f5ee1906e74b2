"""Rate limits on sign-up, log-in, posting, reporting and the API: the allowed number goes through, the next is
refused with a message, and nothing more is stored."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from community import actions
from community.models import Post, Report, Thread
from community.trust import RATE_LIMITS, REPORT_LIMITS
from portal.models import User
from tests.clients import login, token_client
from tests.factories.members import PASSWORD, sign_up
from tests.html import text

pytestmark = pytest.mark.django_db


def allowed(action: str) -> int:
    """How many times allauth lets one address do `action` (the first of its rates) in its period."""
    return int(settings.ACCOUNT_RATE_LIMITS[action].split(",")[0].split("/")[0])


# --- Sign-up and log-in (allauth) -------------------------------------------------------------------------------------


def test_sign_ups_from_one_address_are_limited():
    for number in range(allowed("signup")):
        response = sign_up(Client(), email=f"newcomer{number}@example.org", display_name=f"Newcomer {number}")
        assert response.status_code == 302, number

    refused = sign_up(Client(), email="one.more@example.org", display_name="One More")

    assert refused.status_code == 429
    assert "Too many tries" in text(refused) and "Please wait a few minutes" in text(refused)
    assert User.objects.count() == allowed("signup")
    assert sign_up(Client(REMOTE_ADDR="192.0.2.7"), email="elsewhere@example.org").status_code == 302


def test_log_ins_from_one_address_are_limited(make_member):
    member = make_member()
    for number in range(allowed("login")):
        response = Client().post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
        assert response.status_code == 302, number
    sessions = Session.objects.count()

    client = Client()
    refused = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert refused.status_code == 429
    assert "Too many tries" in text(refused)
    assert Session.objects.count() == sessions
    assert "sessionid" not in client.cookies


def test_failed_log_ins_are_limited_per_address_typed_and_per_client(make_member):
    targets = [make_member(email=f"target{number}@example.org") for number in range(3)]
    client = Client()
    for _attempt in range(5):  # "5/300s/key": five wrong guesses at one account
        client.post(reverse("account_login"), {"login": targets[0].email, "password": "wrong-guess"})

    refused = client.post(reverse("account_login"), {"login": targets[0].email, "password": PASSWORD})

    assert "Too many failed login attempts" in text(refused)
    assert "sessionid" not in client.cookies
    # "10/m/ip": five more wrong guesses at other accounts, and this client may not try any account now.
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": targets[1].email, "password": "wrong-guess"})
    refused = client.post(reverse("account_login"), {"login": targets[2].email, "password": PASSWORD})
    assert "Too many failed login attempts" in text(refused)
    assert "sessionid" not in client.cookies
    assert not Session.objects.exists()


def test_a_forged_forwarded_for_header_buys_no_fresh_allowance():
    for number in range(allowed("signup")):
        sign_up(Client(), email=f"newcomer{number}@example.org", display_name=f"Newcomer {number}")

    forged = sign_up(Client(headers={"x-forwarded-for": "198.51.100.9"}), email="forged@example.org")

    assert forged.status_code == 429
    assert not User.objects.filter(email="forged@example.org").exists()


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_client_address_counts_on_its_own():
    def via_proxy(address: str) -> Client:
        return Client(REMOTE_ADDR="10.0.0.2", headers={"x-forwarded-for": address})

    for number in range(allowed("signup")):
        sign_up(via_proxy("198.51.100.9"), email=f"newcomer{number}@example.org", display_name=f"Newcomer {number}")

    assert sign_up(via_proxy("198.51.100.9"), email="again@example.org").status_code == 429
    assert sign_up(via_proxy("203.0.113.5"), email="neighbour@example.org").status_code == 302


# --- Posting ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def thread(forum, make_thread):
    return make_thread(forum=forum, title="Evenings with restless legs")


def test_a_new_members_replies_are_limited_and_the_refused_one_is_kept_in_the_form(new_member, thread):
    client = login(new_member)
    url = reverse("community:reply", args=[thread.forum.slug, thread.pk])
    for number in range(RATE_LIMITS["new"][1]):
        assert client.post(url, {"body": f"Reply number {number}."}).status_code == 302

    refused = client.post(url, {"body": "One more, typed with care."})

    assert refused.status_code == 400
    assert "You have posted 6 replies in the last hour, the most we allow." in text(refused)
    assert "One more, typed with care.</textarea>" in text(refused)
    assert Post.objects.filter(author=new_member).count() == RATE_LIMITS["new"][1]


def test_an_established_members_replies_are_limited_on_the_page_and_in_the_api(poster, thread):
    for number in range(RATE_LIMITS["established"][1]):
        submission = actions.submit_reply(author=poster, thread=thread, data={"body": f"Reply number {number}."})
        assert submission.post is not None, number

    page = login(poster).post(reverse("community:reply", args=[thread.forum.slug, thread.pk]), {"body": "Forty-one."})
    api = token_client(poster).post(
        reverse("api:thread-posts", args=[thread.pk]), {"body": "Forty-one."}, content_type="application/json"
    )

    assert "You have posted 40 replies in the last hour, the most we allow." in text(page)
    assert api.status_code == 429
    assert api.json()["detail"].startswith("You have posted 40 replies in the last hour")
    assert int(api["retry-after"]) > 0
    assert Post.objects.filter(author=poster, thread=thread).count() == RATE_LIMITS["established"][1]


def test_an_established_members_threads_are_limited_in_the_api(poster, forum):
    Thread.objects.filter(author=poster).update(created_at=timezone.now() - timedelta(days=20))  # the earlier one
    client = token_client(poster)
    url = reverse("api:thread-list")
    for number in range(RATE_LIMITS["established"][0]):
        data = {"forum": forum.slug, "title": f"Question number {number}", "body": f"Body {number}."}
        assert client.post(url, data, content_type="application/json").status_code == 201, number
    threads = Thread.objects.count()

    refused = client.post(
        url, {"forum": forum.slug, "title": "One question more", "body": "More."}, content_type="application/json"
    )

    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("You have posted 6 threads in the last hour, the most we allow.")
    assert "until" in refused.json()
    assert Thread.objects.count() == threads


# --- Reporting --------------------------------------------------------------------------------------------------------


@pytest.fixture
def posts(forum, make_long_thread):
    """More visible posts by others than anyone may report in an hour."""
    thread = make_long_thread(forum=forum, posts=REPORT_LIMITS["established"] + 2)
    return list(Post.objects.filter(thread=thread).order_by("number"))


def report_page(client: Client, post: Post, **data):
    return client.post(reverse("community:report_post", args=[post.pk]), {"reason": "spam", **data})


def test_a_new_members_reports_are_limited_and_the_form_keeps_what_they_typed(new_member, posts):
    client = login(new_member)
    for post in posts[: REPORT_LIMITS["new"]]:
        assert report_page(client, post).status_code == 302
    counts = {post.pk: post.open_report_count for post in Post.objects.filter(thread=posts[0].thread_id)}

    refused = report_page(client, posts[REPORT_LIMITS["new"]], reason="abuse", note="He keeps insulting people.")

    page = text(refused)
    assert refused.status_code == 429
    assert '<div class="form-errors" role="alert">' in page
    assert "You have reported 5 posts in the last hour, the most we allow. You can report again at" in page
    assert "He keeps insulting people.</textarea>" in page
    assert re.search(r'value="abuse"[^>]*checked', page)
    assert Report.objects.filter(reporter=new_member).count() == REPORT_LIMITS["new"]
    assert counts == {post.pk: post.open_report_count for post in Post.objects.filter(thread=posts[0].thread_id)}
    # A post reported before still answers as such; an hour later the member may report again.
    assert "already reported" in text(login(new_member).post(
        reverse("community:report_post", args=[posts[0].pk]), {"reason": "spam"}, follow=True
    ))  # fmt: skip
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert report_page(client, posts[REPORT_LIMITS["new"]]).status_code == 302
    assert Report.objects.filter(reporter=new_member).count() == REPORT_LIMITS["new"] + 1


def test_an_established_members_reports_are_limited_in_the_api(poster, posts):
    client = token_client(poster)
    for post in posts[: REPORT_LIMITS["established"]]:
        response = client.post(reverse("api:post-report", args=[post.pk]), {"reason": "spam"})
        assert response.status_code == 201

    refused = client.post(reverse("api:post-report", args=[posts[-1].pk]), {"reason": "spam", "note": "Again."})

    assert refused.status_code == 429
    assert refused["content-type"] == "application/json"
    assert refused.json()["detail"].startswith("You have reported 20 posts in the last hour, the most we allow.")
    assert "until" in refused.json() and int(refused["retry-after"]) > 0
    assert Report.objects.filter(reporter=poster).count() == REPORT_LIMITS["established"]
    assert Post.objects.get(pk=posts[-1].pk).open_report_count == 0


def test_moderators_are_not_limited_in_reporting(moderator, posts):
    for post in posts:
        actions.report_post(reporter=moderator, post=post, reason="spam")

    assert Report.objects.filter(reporter=moderator).count() == len(posts)


# --- The API's own throttles ------------------------------------------------------------------------------------------


def test_a_throttled_write_answers_429_in_json_and_stores_nothing(poster, thread, monkeypatch):
    # The real rates (60 and 240 a minute) are proven in tests/api/test_throttling.py; small ones keep this quick.
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "2/minute"})
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "2/minute"})
    client = token_client(poster)
    url = reverse("api:thread-posts", args=[thread.pk])
    for number in range(3):
        assert client.post(url, {"body": f"Reply {number}."}, content_type="application/json").status_code == 201

    refused = client.post(url, {"body": "Reply three."}, content_type="application/json")

    assert refused.status_code == 429
    assert refused["content-type"] == "application/json"
    assert refused.json()["detail"].startswith("Request was throttled.")
    assert int(refused["retry-after"]) > 0
    assert thread.posts.count() == 4  # the opening post and three replies

"""Following a condition's news by e-mail: double opt-in, one-click stop, rate limits and the honeypot, no address
enumeration, forgetting unconfirmed addresses, a member's one click and profile, the consent ledger and export."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail, signing
from django.test import Client

from therapies.news import tokens
from therapies.news.actions import consent_sentence, follow_as_member
from therapies.news.models import ConditionFollow
from therapies.news.tasks import forget_unconfirmed_follows

pytestmark = pytest.mark.django_db

VISITOR_ADDRESS = "night.owl@example.net"


@pytest.fixture
def rls(make_condition):
    return make_condition(name="Restless legs syndrome", slug="restless-legs-syndrome")


def follow_url(condition) -> str:
    return f"/conditions/{condition.slug}/follow/"


def ask_to_follow(client: Client, condition, email: str = VISITOR_ADDRESS, **extra):
    return client.post(follow_url(condition), {"email": email, "website": "", **extra})


def link_in(message, kind: str) -> str:
    """The path of the confirm (`confirm`) or stop (`stop`) link in an e-mail."""
    match = re.search(rf"{re.escape(settings.SITE_URL)}(/conditions/\S+/follow/{kind}/\S+/)", message.body)
    assert match, f"no {kind} link in: {message.body}"
    return match.group(1)


def page_text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# --- Double opt-in ----------------------------------------------------------------------------------------------


def test_a_visitor_gets_only_the_confirmation_e_mail_before_confirming(client, rls):
    response = ask_to_follow(client, rls)

    assert "Check your inbox" in page_text(response)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [VISITOR_ADDRESS]
    assert mail.outbox[0].subject == "Confirm: news of Restless legs syndrome"
    follow = ConditionFollow.objects.get()
    assert follow.confirmed_at is None
    assert not ConditionFollow.objects.confirmed().exists()


def test_opening_the_confirmation_link_asks_once_more_and_confirming_starts_the_follow(client, rls):
    ask_to_follow(client, rls)
    link = link_in(mail.outbox[0], "confirm")

    opened = client.get(link)
    assert ConditionFollow.objects.get().confirmed_at is None  # a mail scanner's GET confirms nothing
    assert consent_sentence(rls) in page_text(opened)

    confirmed = client.post(link)

    assert "Done: you follow news of Restless legs syndrome" in page_text(confirmed)
    assert ConditionFollow.objects.confirmed().get().email == VISITOR_ADDRESS


def test_the_confirmation_link_works_once(client, rls):
    ask_to_follow(client, rls)
    link = link_in(mail.outbox[0], "confirm")
    client.post(link)
    first_confirmed_at = ConditionFollow.objects.get().confirmed_at

    again = client.post(link)

    assert "already been used" in page_text(again)
    assert ConditionFollow.objects.get().confirmed_at == first_confirmed_at
    assert ConditionFollow.objects.count() == 1


def test_a_stranger_tampering_with_the_confirmation_token_is_refused(client, rls):
    ask_to_follow(client, rls)
    link = link_in(mail.outbox[0], "confirm")
    follow = ConditionFollow.objects.get()
    token = link.split("/confirm/")[1].rstrip("/")
    # The same row with a guessed secret, a signature changed by one character, and a real token on another condition.
    forged = signing.dumps({"f": follow.pk, "s": "guessed"}, salt="therapies.news.confirm")
    bent = token[:-1] + ("A" if token[-1] != "A" else "B")

    for bad in (forged, bent):
        response = client.post(f"/conditions/{rls.slug}/follow/confirm/{bad}/")
        assert response.status_code == 400
        assert "This link is not valid" in page_text(response)
    assert ConditionFollow.objects.get().confirmed_at is None


def test_a_confirmation_link_for_another_condition_is_refused(client, rls, make_condition):
    other = make_condition(name="Insomnia")
    ask_to_follow(client, rls)
    token = link_in(mail.outbox[0], "confirm").split("/confirm/")[1]

    response = client.post(f"/conditions/{other.slug}/follow/confirm/{token}")

    assert response.status_code == 400
    assert not ConditionFollow.objects.confirmed().exists()


def test_an_expired_confirmation_link_is_refused(client, rls):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        ask_to_follow(client, rls)
        link = link_in(mail.outbox[0], "confirm")
    with time_machine.travel(dt.datetime(2026, 3, 8, 9, 1, tzinfo=dt.UTC), tick=False):
        response = client.post(link)

    assert response.status_code == 400
    assert not ConditionFollow.objects.confirmed().exists()


def test_a_draft_condition_cannot_be_followed(client, make_condition):
    draft = make_condition(name="Draft condition", status="draft")

    assert client.get(follow_url(draft)).status_code == 404
    assert ask_to_follow(client, draft).status_code == 404
    assert not mail.outbox


# --- No enumeration, rate limits, honeypot ------------------------------------------------------------------------


def test_the_answer_is_the_same_whether_or_not_the_address_already_follows(client, rls):
    ask_to_follow(client, rls, email="already@example.net")
    client.post(link_in(mail.outbox[0], "confirm"))
    mail.outbox.clear()

    known = ask_to_follow(client, rls, email="already@example.net")
    unknown = ask_to_follow(client, rls, email="new@example.net")

    assert known.status_code == unknown.status_code == 200
    assert page_text(known) == page_text(unknown)
    # The follower is not mailed again; only the new address gets its link.
    assert [message.to for message in mail.outbox] == [["new@example.net"]]


def test_asking_again_before_confirming_sends_the_link_again_without_a_second_row(client, rls):
    ask_to_follow(client, rls)
    ask_to_follow(client, rls, email=VISITOR_ADDRESS.upper())

    assert ConditionFollow.objects.count() == 1
    assert len(mail.outbox) == 2


def test_requests_for_one_address_are_limited(client, rls):
    for _ in range(3):
        assert ask_to_follow(client, rls).status_code == 200

    refused = ask_to_follow(client, rls)

    assert refused.status_code == 429
    assert len(mail.outbox) == 3


def test_requests_from_one_network_address_are_limited(client, rls):
    for number in range(10):
        assert ask_to_follow(client, rls, email=f"person{number}@example.net").status_code == 200

    refused = ask_to_follow(client, rls, email="one-more@example.net")

    assert refused.status_code == 429
    assert ConditionFollow.objects.count() == 10
    assert len(mail.outbox) == 10


def test_a_bot_filling_the_honeypot_is_answered_as_usual_and_nothing_is_stored_or_sent(client, rls):
    response = ask_to_follow(client, rls, website="https://spam.example")

    assert "Check your inbox" in page_text(response)
    assert not ConditionFollow.objects.exists()
    assert not mail.outbox


def test_a_wrong_address_is_shown_next_to_the_field_and_kept(client, rls):
    response = ask_to_follow(client, rls, email="not-an-address")

    assert "Enter a valid email address" in page_text(response)
    assert 'value="not-an-address"' in response.content.decode()
    assert not ConditionFollow.objects.exists()


# --- Forgetting unconfirmed addresses ----------------------------------------------------------------------------


def test_an_unconfirmed_address_is_forgotten_after_seven_days(client, rls):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        ask_to_follow(client, rls, email="waits@example.net")
        ask_to_follow(client, rls, email="confirms@example.net")
        client.post(link_in(mail.outbox[1], "confirm"))
    with time_machine.travel(dt.datetime(2026, 3, 7, 9, 0, tzinfo=dt.UTC), tick=False):
        assert forget_unconfirmed_follows.call() == 0
        assert ConditionFollow.objects.filter(email="waits@example.net").exists()
    with time_machine.travel(dt.datetime(2026, 3, 8, 9, 1, tzinfo=dt.UTC), tick=False):
        assert forget_unconfirmed_follows.call() == 1

    assert list(ConditionFollow.objects.values_list("email", flat=True)) == ["confirms@example.net"]


# --- Stopping -------------------------------------------------------------------------------------------------------


def confirmed_visitor(client, condition, email: str = VISITOR_ADDRESS) -> ConditionFollow:
    ask_to_follow(client, condition, email=email)
    client.post(link_in(mail.outbox[-1], "confirm"))
    return ConditionFollow.objects.get(email=email)


def test_one_click_from_the_mail_program_stops_the_news_and_erases_the_address(client, rls):
    follow = confirmed_visitor(client, rls)
    stop = f"/conditions/{rls.slug}/follow/stop/{tokens.stop_token(follow)}/"

    # RFC 8058: the mail program posts to the List-Unsubscribe address, with no form token.
    response = Client(enforce_csrf_checks=True).post(stop, {"List-Unsubscribe": "One-Click"})

    assert "Done: we will not e-mail you news of Restless legs syndrome" in page_text(response)
    follow.refresh_from_db()
    assert follow.withdrawn_at is not None
    assert follow.email == ""
    assert not ConditionFollow.objects.confirmed().exists()


def test_the_stop_link_opened_in_a_browser_shows_one_button_and_stops_nothing_by_itself(client, rls):
    follow = confirmed_visitor(client, rls)

    page = client.get(f"/conditions/{rls.slug}/follow/stop/{tokens.stop_token(follow)}/")

    assert "Stop these e-mails" in page_text(page)
    assert ConditionFollow.objects.confirmed().exists()


def test_a_tampered_stop_link_stops_nothing(client, rls):
    follow = confirmed_visitor(client, rls)
    forged = signing.dumps({"f": follow.pk, "s": "guessed"}, salt="therapies.news.stop")

    response = client.post(f"/conditions/{rls.slug}/follow/stop/{forged}/")

    assert response.status_code == 400
    assert ConditionFollow.objects.confirmed().exists()


def test_a_link_from_an_earlier_follow_of_the_same_address_is_worthless(client, rls):
    first = confirmed_visitor(client, rls)
    old_stop = f"/conditions/{rls.slug}/follow/stop/{tokens.stop_token(first)}/"
    client.post(old_stop)
    second = confirmed_visitor(client, rls)

    # The old link names the old row, which is already closed: the new follow stays.
    client.post(old_stop)

    second.refresh_from_db()
    assert second.withdrawn_at is None


# --- Members ---------------------------------------------------------------------------------------------------------


def test_a_member_with_a_verified_address_follows_with_one_click_and_no_e_mail(member_client, member, rls):
    page = member_client.get(follow_url(rls))
    assert member.email in page_text(page)
    assert 'name="email"' not in page.content.decode()

    response = member_client.post(follow_url(rls), follow=True)

    follow = ConditionFollow.objects.get()
    assert (follow.member, follow.email, follow.confirmed_at is not None) == (member, "", True)
    assert follow.consent_text == consent_sentence(rls)
    assert not mail.outbox
    assert "Restless legs syndrome" in page_text(response)  # back on the profile, which lists it


def test_a_double_click_follows_once(member_client, rls):
    member_client.post(follow_url(rls))
    member_client.post(follow_url(rls))

    assert ConditionFollow.objects.count() == 1


def test_a_member_without_a_verified_address_gets_the_confirmation_e_mail_like_a_visitor(client, make_member, rls):
    unverified = make_member(email="unverified@example.org", verified=False)
    client.force_login(unverified)

    page = client.get(follow_url(rls))
    ask_to_follow(client, rls, email="unverified@example.org")

    assert 'name="email"' in page.content.decode()
    assert "Once your account's e-mail address is verified" in page_text(page)
    assert not ConditionFollow.objects.confirmed().exists()
    assert mail.outbox[0].subject.startswith("Confirm:")


def test_the_profile_lists_what_the_member_follows_and_stops_it_with_one_button(member_client, member, rls):
    follow_as_member(condition=rls, member=member)

    profile = member_client.get("/accounts/profile/")
    assert "News of conditions you follow" in page_text(profile)
    assert "Stop news of Restless legs syndrome" in page_text(profile)

    member_client.post(f"/conditions/{rls.slug}/unfollow/")

    assert not ConditionFollow.objects.active().exists()
    assert "You follow no condition's news" in page_text(member_client.get("/accounts/profile/"))


def test_a_member_cannot_stop_another_members_follow(client, make_member, member, rls):
    follow_as_member(condition=rls, member=member)
    stranger = make_member(display_name="Stranger")
    client.force_login(stranger)

    client.post(f"/conditions/{rls.slug}/unfollow/")

    assert ConditionFollow.objects.active().get().member == member
    assert "Restless legs syndrome" not in page_text(client.get("/accounts/profile/"))


def test_a_visitor_cannot_unfollow_without_signing_in(client, member, rls):
    follow_as_member(condition=rls, member=member)

    response = client.post(f"/conditions/{rls.slug}/unfollow/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert ConditionFollow.objects.active().exists()


# --- The consent ledger, the export, deletion ---------------------------------------------------------------------


def test_the_ledger_keeps_the_exact_sentence_the_form_showed(client, rls):
    form = client.get(follow_url(rls))
    confirmed_visitor(client, rls)

    sentence = ConditionFollow.objects.get().consent_text
    assert sentence in page_text(form)
    assert sentence == consent_sentence(rls)


def test_the_follow_and_its_consent_are_in_the_members_export(member_client, member, rls):
    member_client.post(follow_url(rls))
    member_client.post(f"/conditions/{rls.slug}/unfollow/")

    data = member_client.get("/accounts/data/export/").json()

    [entry] = data["sections"]["condition_news"]
    assert entry["condition"] == "restless-legs-syndrome"
    assert entry["consent_text"] == consent_sentence(rls)
    assert entry["confirmed_at"] and entry["withdrawn_at"]


def test_the_export_holds_no_one_elses_follows(member_client, make_member, rls):
    follow_as_member(condition=rls, member=make_member(display_name="Someone else"))

    data = member_client.get("/accounts/data/export/").json()

    assert data["sections"]["condition_news"] == []


def test_deleting_the_account_removes_its_follows(member_client, member, rls, make_member):
    follow_as_member(condition=rls, member=member)
    other = follow_as_member(condition=rls, member=make_member(display_name="Stays"))

    member_client.post("/accounts/data/delete/", {"password": "a-long-test-password-42", "confirm": "on"})

    assert list(ConditionFollow.objects.all()) == [other]


# --- The condition page and the follow page ---------------------------------------------------------------------


def test_the_condition_page_links_to_the_follow_page_without_a_form_token(client, rls):
    html = client.get(rls.get_absolute_url()).content.decode()

    assert f'href="/conditions/{rls.slug}/follow/"' in html
    assert "Follow news of this condition" in html
    follow_link = html.split("follow-news")[1].split("</p>")[0]
    assert "csrfmiddlewaretoken" not in follow_link


def test_the_condition_page_is_still_kept_for_visitors_with_the_link(client, rls):
    first = client.get(rls.get_absolute_url())
    second = client.get(rls.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 304


@pytest.fixture(params=[1, 60], ids=["few followers", "many followers"])
def followers(request, rls, make_member):
    for number in range(request.param):
        ConditionFollow.objects.create(
            condition=rls, email=f"f{number}@example.net", consent_text="x", secret=f"s{number}"
        )
        follow_as_member(condition=rls, member=make_member())
    return request.param


def test_the_follow_page_costs_a_visitor_one_query(client, rls, followers, django_assert_max_num_queries):
    # 1. the condition
    with django_assert_max_num_queries(1):
        assert client.get(follow_url(rls)).status_code == 200


def test_the_follow_page_costs_a_member_a_fixed_number_of_queries(
    member_client, rls, followers, django_assert_max_num_queries
):
    # 1. session  2. member  3. the condition  4. verified address  5. do they follow it already
    # 6. unread notifications (header)
    with django_assert_max_num_queries(6):
        assert member_client.get(follow_url(rls)).status_code == 200


def test_sending_the_form_costs_a_fixed_number_of_queries(client, rls, followers, django_assert_max_num_queries):
    # 1. the condition  2. savepoint  3. an open request for the address, locked  4-6. savepoint, insert, release
    # 7. release (the rate limits count in the cache; the e-mail task runs without the database)
    with django_assert_max_num_queries(7):
        assert ask_to_follow(client, rls).status_code == 200


def test_the_privacy_page_says_what_is_kept_for_a_follower_and_for_how_long(client, rls):
    privacy = page_text(client.get("/privacy/"))
    form = client.get(follow_url(rls)).content.decode()

    assert "Following a condition's news by e-mail" in privacy
    assert "If you do not confirm within seven days, we delete your address and the request" in privacy
    assert "we erase a typed address at once" in privacy
    assert 'href="/privacy/#condition-news"' in form

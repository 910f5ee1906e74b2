"""Votes: one per member per page, changeable and withdrawable, never counted twice."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from therapies.models import Therapy, TherapyCondition, TherapyConditionVote, TherapyVote

THERAPY_VOTE = "/therapies/acupuncture/vote/"
PAGE_VOTE = "/therapies/acupuncture/restless-legs-syndrome/vote/"


def counts(model, pk):
    return tuple(model.objects.filter(pk=pk).values_list("up_votes", "down_votes").get())


def test_a_member_votes_up_with_a_plain_form_post(member_client, member, rls_page):
    response = member_client.post(THERAPY_VOTE, {"vote": "up", "next": "/therapies/acupuncture/"})

    assert response.status_code == 302
    assert response["Location"] == "/therapies/acupuncture/#votes"
    assert counts(Therapy, rls_page.therapy_id) == (1, 0)
    assert TherapyVote.objects.get(user=member).value == 1
    page = member_client.get("/therapies/acupuncture/").content.decode()
    assert "Your vote is saved." in page
    assert "You voted up. Press again to withdraw." in page
    assert 'aria-pressed="true" data-vote="up"' in page


def test_a_double_submit_counts_once(member_client, member, rls_page):
    member_client.post(PAGE_VOTE, {"vote": "up"})
    member_client.post(PAGE_VOTE, {"vote": "up"})

    assert TherapyConditionVote.objects.filter(user=member).count() == 1
    assert counts(TherapyCondition, rls_page.pk) == (1, 0)


def test_a_member_changes_and_then_withdraws_a_vote(member_client, member, rls_page):
    member_client.post(PAGE_VOTE, {"vote": "up"})
    member_client.post(PAGE_VOTE, {"vote": "down"})
    assert counts(TherapyCondition, rls_page.pk) == (0, 1)
    assert TherapyConditionVote.objects.get(user=member).value == -1

    member_client.post(PAGE_VOTE, {"vote": "withdraw"})

    assert counts(TherapyCondition, rls_page.pk) == (0, 0)
    assert not TherapyConditionVote.objects.filter(user=member).exists()


def test_votes_of_several_members_add_up_and_show_as_up_and_down(client, make_member, rls_page):
    for value in ["up", "up", "down"]:
        client.force_login(make_member())
        client.post(PAGE_VOTE, {"vote": value})

    page = client.get("/therapies/acupuncture/restless-legs-syndrome/").content.decode()

    assert counts(TherapyCondition, rls_page.pk) == (2, 1)
    assert "<span data-up>2</span> up · <span data-down>1</span> down" in page


def test_the_script_votes_through_the_api_with_the_session_and_its_csrf_token(make_member, rls_page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_member())
    page = client.get("/therapies/acupuncture/restless-legs-syndrome/").content.decode()
    api_url = re.search(r'data-vote-api="([^"]+)"', page).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    without_token = client.post(api_url, {"vote": "down"}, content_type="application/json")
    response = client.post(api_url, {"vote": "down"}, content_type="application/json", headers={"X-CSRFToken": token})

    assert api_url == "/api/v1/therapy-conditions/acupuncture/restless-legs-syndrome/vote/"
    assert without_token.status_code == 403
    assert response.json() == {"up": 0, "down": 1, "mine": -1}
    assert counts(TherapyCondition, rls_page.pk) == (0, 1)


def test_the_therapy_page_names_its_api_endpoint_for_the_script(member_client, rls_page):
    page = member_client.get("/therapies/acupuncture/").content.decode()
    script = (Path(settings.BASE_DIR) / "static" / "js" / "votes.js").read_text()

    assert 'data-vote-api="/api/v1/therapies/acupuncture/vote/"' in page
    assert "section.dataset.voteApi" in script and "form.action" not in script


def test_the_page_answers_a_vote_with_a_redirect_whatever_the_client_accepts(member_client, rls_page):
    response = member_client.post(PAGE_VOTE, {"vote": "down"}, headers={"Accept": "application/json"})

    assert response.status_code == 302
    assert response["Location"] == "/therapies/acupuncture/restless-legs-syndrome/#votes"
    assert counts(TherapyCondition, rls_page.pk) == (0, 1)


def test_a_visitor_is_asked_to_sign_in_and_nothing_is_counted(client, rls_page):
    page = client.get("/therapies/acupuncture/").content.decode()
    assert "Sign in to vote" in page

    response = client.post(THERAPY_VOTE, {"vote": "up"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/therapies/acupuncture/")
    assert counts(Therapy, rls_page.therapy_id) == (0, 0)


def test_a_visitor_cannot_vote_through_the_api(client, rls_page):
    therapy = client.post("/api/v1/therapies/acupuncture/vote/", {"vote": "up"}, content_type="application/json")
    page = client.post(
        "/api/v1/therapy-conditions/acupuncture/restless-legs-syndrome/vote/",
        {"vote": "up"},
        content_type="application/json",
    )

    assert (therapy.status_code, page.status_code) == (401, 401)
    assert counts(Therapy, rls_page.therapy_id) == (0, 0)
    assert counts(TherapyCondition, rls_page.pk) == (0, 0)


def test_a_member_without_a_verified_address_cannot_vote(client, make_member, rls_page):
    client.force_login(make_member(verified=False))

    response = client.post(THERAPY_VOTE, {"vote": "up"}, follow=True)

    assert "verify your e-mail address" in response.content.decode()
    assert counts(Therapy, rls_page.therapy_id) == (0, 0)


@pytest.mark.parametrize("value", ["", "sideways", "2"])
def test_a_nonsense_vote_is_refused(member_client, rls_page, value):
    response = member_client.post(THERAPY_VOTE, {"vote": value})

    assert response.status_code == 400
    assert counts(Therapy, rls_page.therapy_id) == (0, 0)


def test_a_vote_cannot_be_cast_on_a_draft(member_client, rls_page):
    TherapyCondition.objects.filter(pk=rls_page.pk).update(status="draft")

    assert member_client.post(PAGE_VOTE, {"vote": "up"}).status_code == 404
    assert not TherapyConditionVote.objects.exists()
    assert counts(TherapyCondition, rls_page.pk) == (0, 0)


def test_voting_needs_a_post(member_client, rls_page):
    assert member_client.get(THERAPY_VOTE).status_code == 405


def test_an_outside_next_url_is_ignored(member_client, rls_page):
    response = member_client.post(THERAPY_VOTE, {"vote": "up", "next": "https://evil.example/"})

    assert response["Location"] == "/therapies/acupuncture/#votes"
    assert counts(Therapy, rls_page.therapy_id) == (1, 0)


def test_votes_are_in_the_members_data_export(member_client, rls_page):
    member_client.post(PAGE_VOTE, {"vote": "up"})

    data = member_client.get("/accounts/data/export/").json()

    assert data["sections"]["votes"]["therapy_for_condition"] == [
        {"therapy": "acupuncture", "condition": "restless-legs-syndrome", "vote": 1}
    ]


def test_deleting_an_account_withdraws_its_votes_from_the_counts(member_client, rls_page):
    member_client.post(THERAPY_VOTE, {"vote": "up"})
    member_client.post(PAGE_VOTE, {"vote": "down"})

    member_client.post("/accounts/data/delete/", {"password": "a-long-test-password-42", "confirm": "on"})

    assert counts(Therapy, rls_page.therapy_id) == (0, 0)
    assert counts(TherapyCondition, rls_page.pk) == (0, 0)
    assert not TherapyVote.objects.exists() and not TherapyConditionVote.objects.exists()

"""The member's own follow-ups under /api/v1/survey/follow-ups/: their own only (anyone else's is 404), with a token
or a session, answered once with the page's rules."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from community.survey.followups.models import FollowUp
from tests.factories.survey import answer

pytestmark = pytest.mark.django_db

URL = "/api/v1/survey/follow-ups/"


@pytest.fixture
def respondent(time_machine, make_member, survey, knowledge_base, django_capture_on_commit_callbacks):
    time_machine.move_to(datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC), tick=False)
    member = make_member(display_name="Api Ash")
    with django_capture_on_commit_callbacks(execute=True):
        answer(member, survey, tried={"exercise": "much_better"})
    time_machine.move_to(datetime.datetime(2026, 4, 20, 10, 0, tzinfo=datetime.UTC), tick=False)
    return member


def token_client(user) -> Client:
    token, _created = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def post(client: Client, url: str, data: dict):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_a_member_lists_their_due_follow_ups_with_the_questions(respondent):
    listed = token_client(respondent).get(URL).json()

    assert [(row["treatment"], row["after_months"]) for row in listed] == [("Exercise", 3)]
    assert [question["code"] for question in listed[0]["questions"]] == ["still_using", "still_helping", "stopped_why"]


def test_a_member_answers_once_and_a_second_answer_is_refused(respondent):
    client = token_client(respondent)
    follow_up = FollowUp.objects.get(member=respondent, kind=3)

    first = post(client, f"{URL}{follow_up.pk}/answer/", {"still_using": "no", "stopped_why": ["side_effects"]})
    second = post(client, f"{URL}{follow_up.pk}/answer/", {"still_using": "yes", "still_helping": "a_lot"})

    assert first.status_code == 201 and first.json()["answers"] == {
        "still_using": "no",
        "stopped_why": ["side_effects"],
    }
    assert second.status_code == 409
    stored = FollowUp.objects.get(pk=follow_up.pk)
    assert stored.stopped_for_side_effects is True and stored.answers["still_using"] == "no"
    # Answered ones stay in the list, with their answers.
    assert client.get(URL).json()[0]["answered_at"] is not None


def test_an_incomplete_answer_is_refused_with_the_message_on_its_field(respondent):
    follow_up = FollowUp.objects.get(member=respondent, kind=3)

    response = post(token_client(respondent), f"{URL}{follow_up.pk}/answer/", {"still_using": "no"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"stopped_why": ["Please answer this question."]}
    assert not FollowUp.objects.get(pk=follow_up.pk).is_answered


def test_the_session_of_the_site_works_too(respondent):
    client = Client()
    client.force_login(respondent)

    assert [row["treatment"] for row in client.get(URL).json()] == ["Exercise"]


def test_another_members_follow_up_is_not_found_and_a_visitor_must_sign_in(respondent, make_member):
    follow_up = FollowUp.objects.get(member=respondent, kind=3)
    stranger = token_client(make_member(display_name="Api Stranger"))

    assert stranger.get(URL).json() == []
    assert stranger.get(f"{URL}{follow_up.pk}/").status_code == 404
    assert (
        post(stranger, f"{URL}{follow_up.pk}/answer/", {"still_using": "yes", "still_helping": "a_lot"}).status_code
        == 404
    )
    assert Client().get(URL).status_code == 401
    assert not FollowUp.objects.get(pk=follow_up.pk).is_answered


def test_a_member_without_a_verified_address_cannot_answer(respondent):
    respondent.emailaddress_set.update(verified=False)
    follow_up = FollowUp.objects.get(member=respondent, kind=3)

    response = post(
        token_client(respondent), f"{URL}{follow_up.pk}/answer/", {"still_using": "yes", "still_helping": "a_lot"}
    )

    assert response.status_code == 403 and "confirm your e-mail address" in response.json()["detail"]

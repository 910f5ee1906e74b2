"""The diary in the REST API: a member lists, records, reads and deletes their own entries, with the page's rules."""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from community.survey.diary.models import DiaryEntry
from tests.factories.survey import LEGS_ITEMS, RLS

pytestmark = pytest.mark.django_db

URL = "/api/v1/survey/diary/"


def token_client(user) -> Client:
    token, _created = Token.objects.get_or_create(user=user)
    return Client(headers={"authorization": f"Token {token.key}"})


def post(client, body: dict):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_a_member_records_restless_legs_by_its_items_and_reads_it_back(member, survey):
    api = token_client(member)

    response = post(api, {"condition": RLS, "items": dict.fromkeys(LEGS_ITEMS, 2), "note": "Long drive"})

    assert response.status_code == 201
    body = json.loads(response.content)
    assert (body["score"], body["score_max"], body["note"]) == (12, 18, "Long drive")
    assert json.loads(api.get(f"{URL}{body['id']}/").content)["score"] == 12
    assert DiaryEntry.objects.get(member=member).items == dict.fromkeys(LEGS_ITEMS, 2)


def test_input_mistakes_are_answered_per_field_as_on_the_page(member, survey):
    api = token_client(member)

    out_of_range = json.loads(post(api, {"condition": "migraine", "score": 11}).content)
    missing_item = json.loads(post(api, {"condition": RLS, "items": dict.fromkeys(LEGS_ITEMS[:5], 1)}).content)
    unknown = json.loads(post(api, {"condition": "nonsense", "score": 1}).content)
    no_change = json.loads(post(api, {"condition": "migraine", "score": 1, "treatment_name": "Iron"}).content)

    assert "10" in out_of_range["errors"]["score"][0]
    assert missing_item["errors"]["items.legs_plans"] == ["Please answer this question."]
    assert "condition" in unknown["errors"]
    assert "started or stopped" in no_change["errors"]["treatment_change"][0]
    assert not DiaryEntry.objects.exists()


def test_the_same_form_token_sent_twice_records_once(member, survey):
    api = token_client(member)
    body = {"condition": "migraine", "score": 4, "form_token": str(uuid.uuid4())}

    first, second = post(api, body), post(api, body)

    assert (first.status_code, second.status_code) == (201, 200)
    assert json.loads(first.content)["id"] == json.loads(second.content)["id"]
    assert DiaryEntry.objects.count() == 1


def test_the_list_holds_only_the_member_s_own_entries_and_filters_by_condition(member, make_member, survey):
    api = token_client(member)
    post(api, {"condition": "migraine", "score": 4})
    post(api, {"condition": "insomnia", "score": 6})
    post(token_client(make_member()), {"condition": "migraine", "score": 9})

    everything = json.loads(api.get(URL).content)
    migraine = json.loads(api.get(URL, {"condition": "migraine"}).content)

    assert sorted(entry["score"] for entry in everything["results"]) == [4, 6]
    assert [entry["score"] for entry in migraine["results"]] == [4]


def test_a_member_deletes_their_own_entry(member, survey):
    api = token_client(member)
    entry_id = json.loads(post(api, {"condition": "migraine", "score": 4}).content)["id"]

    response = api.delete(f"{URL}{entry_id}/")

    assert response.status_code == 200
    assert not DiaryEntry.objects.exists()
    assert api.get(f"{URL}{entry_id}/").status_code == 404


def test_the_api_s_answers_are_private_and_never_stored(member, survey):
    response = token_client(member).get(URL)

    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_site_s_own_session_works_with_its_csrf_token(member, survey):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    refused = browser.post(URL, json.dumps({"condition": "migraine", "score": 2}), content_type="application/json")

    assert refused.status_code == 403
    assert browser.get(URL).status_code == 200

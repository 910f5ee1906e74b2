"""The member's survey data in the account export, and account deletion: answers, tips and consents go, and the
next statistics refresh no longer counts the member."""

from __future__ import annotations

import json

import pytest

from community.survey.models import Consent, RemedyStatistic, Response, Tip
from portal.actions import delete_account
from tests.clients import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_thresholds(settings):
    settings.SURVEY_MIN_RATED = 1
    settings.SURVEY_MIN_COUNT = 1


def test_the_export_holds_the_answers_tips_and_consent_ledger(make_respondent):
    member = make_respondent(tried={"exercise": "much_better"}, research=True, tips={"exercise": "Go gently."})

    data = json.loads(login(member).get("/accounts/data/export/").content)["sections"]["survey"]

    (response,) = data["responses"]
    assert response["version"] == 3 and response["status"] == "submitted"
    assert response["answers_sent"]["outcomes:exercise:outcome"] == "much_better"
    assert data["tips"] == [
        {"treatment": "Exercise", "text": "Go gently.", "status": "pending", "written": data["tips"][0]["written"]}
    ]
    assert {c["purpose"] for c in data["consents"]} == {"statistics", "research"}
    assert all("Count my answers" in c["text"] or "researchers" in c["text"] for c in data["consents"])


def test_the_data_page_says_what_the_survey_keeps(member_client):
    page = member_client.get("/accounts/data/").content.decode()

    assert "Your survey answers" in page


def test_deleting_the_account_removes_the_answers_and_the_next_refresh_drops_them(
    make_respondent, knowledge_base, django_capture_on_commit_callbacks
):
    leaving = make_respondent(tried={"exercise": "much_better"}, tips={"exercise": "Go gently."})
    make_respondent(tried={"exercise": "none"})
    exercise = {"therapy": knowledge_base["exercise"], "condition": knowledge_base["rls"]}
    assert RemedyStatistic.objects.get(**exercise).figures["n_tried"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=leaving)

    assert not Response.objects.filter(member_id=leaving.pk).exists()
    assert not Tip.objects.filter(member_id=leaving.pk).exists()
    assert not Consent.objects.filter(member_id=leaving.pk).exists()
    assert RemedyStatistic.objects.get(**exercise).figures["n_tried"] == 1

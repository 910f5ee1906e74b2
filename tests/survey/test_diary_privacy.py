"""The diary is the member's alone: nobody else reads it on a page, in the admin, in the API, in an export or in a
statistic; visitors are sent to sign in; it is in the member's own export and deleted with their account."""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.test import Client

from community.survey.diary import actions, scales
from community.survey.diary.models import DiaryEntry, DiaryReminder
from portal.actions import delete_account
from tests.clients import login
from tests.factories.survey import answer

pytestmark = pytest.mark.django_db

SECRET = "Private words about my nights"
PAGES = ["/survey/diary/", "/survey/diary/print/", "/survey/diary.csv"]


@pytest.fixture
def diary(member, survey):
    entry, _created = actions.record_entry(
        member=member,
        condition="migraine",
        scale=scales.scale_for("migraine"),
        score=8,
        note=SECRET,
        change="started",
        treatment_name="Moonwater drops",
    )
    actions.set_reminder(member=member, weekly=True)
    return entry


def content(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_a_visitor_is_sent_to_sign_in(client, survey, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_visitor_cannot_record_or_delete(client, diary):
    client.post("/survey/diary/?condition=migraine", {"score": "3", "form_token": "0" * 32})
    client.post(f"/survey/diary/entries/{diary.pk}/delete/")

    assert list(DiaryEntry.objects.values_list("pk", flat=True)) == [diary.pk]


def test_another_member_sees_only_their_own_empty_diary(make_member, diary):
    stranger = login(make_member(display_name="Curious Neighbour"))

    for path in [*PAGES, f"{PAGES[0]}?condition=migraine&period=all", f"{PAGES[1]}?condition=migraine&period=all"]:
        response = stranger.get(path)
        assert response.status_code == 200, path
        assert SECRET not in content(response) and "Moonwater" not in content(response), path


def test_another_member_cannot_delete_an_entry_they_do_not_own(make_member, diary):
    stranger = login(make_member())

    response = stranger.post(f"/survey/diary/entries/{diary.pk}/delete/")

    assert response.status_code == 404
    assert DiaryEntry.objects.filter(pk=diary.pk).exists()


def test_moderators_and_editors_read_no_diary_on_its_pages(moderator_client, editor_client, diary):
    for staff in (moderator_client, editor_client):
        for path in [f"{PAGES[0]}?condition=migraine&period=all", f"{PAGES[1]}?condition=migraine", PAGES[2]]:
            assert SECRET not in content(staff.get(path)), path
        assert staff.post(f"/survey/diary/entries/{diary.pk}/delete/").status_code == 404


def test_a_superuser_reads_no_diary_either(make_member, diary):
    superuser = login(make_member(is_staff=True, is_superuser=True))

    assert SECRET not in content(superuser.get(f"{PAGES[0]}?condition=migraine&period=all"))
    assert superuser.get(f"/api/v1/survey/diary/{diary.pk}/").status_code == 404


def test_the_diary_is_not_in_the_admin():
    registered = {model._meta.model_name for model in admin.site._registry}

    assert "diaryentry" not in registered and "diaryreminder" not in registered


def test_the_diary_is_in_the_member_s_own_export_only(member, make_member, diary):
    own = json.loads(login(member).get("/accounts/data/export/").content)["sections"]["symptom_diary"]
    other = login(make_member()).get("/accounts/data/export/").content.decode()

    (entry,) = own["entries"]
    assert (entry["condition"], entry["score"], entry["note"], entry["treatment"]) == (
        "migraine",
        8,
        SECRET,
        "Moonwater drops",
    )
    assert own["weekly_reminder"] is True
    assert SECRET not in other


def test_the_data_page_says_what_the_diary_keeps(member_client):
    page = member_client.get("/accounts/data/").content.decode()

    assert "Your symptom diary" in page and "Only you can read them." in page


def test_the_research_export_holds_no_diary(editor_client, make_member, survey, knowledge_base):
    respondent = make_member()
    answer(respondent, survey, research=True, tried={"exercise": "much_better"})
    actions.record_entry(
        member=respondent, condition="migraine", scale=scales.scale_for("migraine"), score=9, note=SECRET
    )

    exported = editor_client.get(f"/admin/community/survey/{survey.pk}/export/answers/").content.decode()

    assert exported.count("\n") >= 2  # the header and the respondent's row
    assert SECRET not in exported


def test_statistics_ignore_the_diary(settings, make_member, survey, knowledge_base, refresh):
    from community.survey.models import RemedyStatistic

    settings.SURVEY_MIN_RATED = 1
    settings.SURVEY_MIN_COUNT = 1
    answer(make_member(), survey, tried={"exercise": "much_better"})
    refresh()
    before = list(RemedyStatistic.objects.order_by("pk").values_list("kind", "n_tried", "figures"))
    for score in (2, 9, 17):
        actions.record_entry(
            member=make_member(), condition="restless-legs-syndrome", scale=scales.scale_for("restless-legs-syndrome"),
            score=score, change="started", treatment_name="Exercise",
        )  # fmt: skip
    refresh()

    assert list(RemedyStatistic.objects.order_by("pk").values_list("kind", "n_tried", "figures")) == before


def test_deleting_the_account_deletes_the_diary_and_the_reminder(member, diary):
    delete_account(user=member)

    assert not DiaryEntry.objects.exists()
    assert not DiaryReminder.objects.exists()


def test_the_api_answers_a_visitor_401_and_a_stranger_404(client, make_member, diary):
    stranger = Client(headers={"authorization": f"Token {_token(make_member())}"})

    assert client.get("/api/v1/survey/diary/").status_code == 401
    assert client.get(f"/api/v1/survey/diary/{diary.pk}/").status_code == 401
    assert stranger.get(f"/api/v1/survey/diary/{diary.pk}/").status_code == 404
    assert stranger.delete(f"/api/v1/survey/diary/{diary.pk}/").status_code == 404
    assert json.loads(stranger.get("/api/v1/survey/diary/").content)["results"] == []
    assert DiaryEntry.objects.filter(pk=diary.pk).exists()


def _token(user) -> str:
    from rest_framework.authtoken.models import Token

    return Token.objects.get_or_create(user=user)[0].key


def test_the_privacy_notice_says_who_reads_the_diary_as_the_code_has_it(client):
    privacy = " ".join(client.get("/privacy/").content.decode().split())

    assert "Your symptom diary is yours alone" in privacy
    assert "not to moderators, editors or site administrators" in privacy
    assert "not counted in any statistic or research download" in privacy
    assert "survey answers and symptom diary are deleted" in privacy

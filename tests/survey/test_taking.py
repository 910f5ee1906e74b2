"""Taking the survey: members only, one step per section saved as it goes, resume, back, show-if, validation
that keeps what was typed, one response per member, and a double submit that changes nothing."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from community.survey import actions
from community.survey.models import Consent, Response, TreatmentReport
from tests.clients import login
from tests.factories.survey import LEGS_ITEMS, RLS, answer, answers_for
from tests.html import error_next_to, field_group, text

pytestmark = pytest.mark.django_db
TAKE = "/survey/take/"


def post_step(client: Client, step: str, values: dict, direction: str = "next"):
    data = {"step": step, "direction": direction}
    for name, value in values.items():
        data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return client.post(TAKE, data)


@pytest.fixture
def member_client(member, knowledge_base):
    return login(member)


def test_a_visitor_is_sent_to_sign_in(client, survey):
    response = client.get(TAKE)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_without_a_verified_address_is_told_why_and_nothing_is_saved(make_member, survey):
    unverified = make_member(verified=False)
    client = login(unverified)

    page = client.get(TAKE)
    posted = post_step(client, "about", answers_for()["about"])

    assert page.status_code == 403 and "confirm your e-mail address" in text(page)
    assert posted.status_code == 403
    assert not Response.objects.filter(member=unverified).exists()


def test_the_first_step_asks_about_the_member_with_a_progress_bar(member_client, survey):
    page = text(member_client.get(TAKE))

    assert "<h1>About you</h1>" in page
    # About you, what you tried, consent: the steps that depend on answers are added once they apply.
    assert "Step 1 of 3" in page
    assert '<progress id="survey-progress" max="3" value="1">' in page
    assert "Which conditions do you live with?" in page


def test_each_step_is_saved_and_the_next_one_follows(member_client, member, survey):
    response = post_step(member_client, "about", answers_for()["about"])

    saved = Response.objects.get(member=member, survey=survey)
    assert response["Location"] == f"{TAKE}?step=legs"
    assert saved.answers["conditions"] == [RLS] and saved.answers["years_since_onset"] == 4
    assert saved.step == "legs" and saved.status == Response.Status.DRAFT


def test_the_restless_legs_block_is_shown_only_to_those_who_chose_restless_legs(member_client, survey):
    post_step(member_client, "about", answers_for(conditions=["insomnia"])["about"])

    page = text(member_client.get(TAKE))

    assert "<h1>Your symptoms in the past seven days</h1>" in page
    assert "How unpleasant were the feelings in your legs" not in page
    assert member_client.get(f"{TAKE}?step=legs")["Location"].endswith("?step=general")


def test_both_blocks_are_asked_of_a_member_with_restless_legs_and_insomnia(member_client, member, survey):
    post_step(member_client, "about", answers_for(conditions=[RLS, "insomnia"])["about"])
    post_step(member_client, "legs", answers_for()["legs"])

    saved = Response.objects.get(member=member)
    assert saved.step == "general"
    assert "Step 3 of 5" in text(member_client.get(TAKE))


def test_coming_back_later_resumes_at_the_same_step(member, member_client, survey):
    post_step(member_client, "about", answers_for()["about"])
    post_step(member_client, "legs", answers_for()["legs"])

    later = login(member)  # a new browser session
    page = text(later.get(TAKE))

    assert "<h1>What you have tried</h1>" in page
    assert "Step 3 of 4" in page


def test_a_member_cannot_skip_ahead_of_where_they_got(member_client, survey):
    post_step(member_client, "about", answers_for()["about"])

    response = member_client.get(f"{TAKE}?step=treatments")

    assert response["Location"] == f"{TAKE}?step=legs"


def test_going_back_keeps_the_answers_of_both_steps(member, member_client, survey):
    post_step(member_client, "about", answers_for()["about"])
    partly = dict.fromkeys(LEGS_ITEMS[:4], "3")

    response = post_step(member_client, "legs", partly, direction="back")
    page = text(member_client.get(response["Location"]))

    assert response["Location"] == f"{TAKE}?step=about"
    assert 'value="45_59" id="id_age_band_2" checked' in page.replace("required ", "")
    saved = Response.objects.get(member=member)
    assert saved.answers["legs_sitting"] == "3" and "legs_plans" not in saved.answers
    legs_page = text(member_client.get(f"{TAKE}?step=legs"))
    assert 'name="legs_sitting" value="3"' in legs_page and "checked" in field_group(legs_page, "legs_sitting")


def test_a_missing_answer_is_named_next_to_the_question_and_the_rest_is_kept(member_client, member, survey):
    values = answers_for()["about"]
    del values["age_band"]
    values["years_since_onset"] = 4
    values["country"] = "Wales"

    response = post_step(member_client, "about", values)
    page = response.content.decode()

    assert response.status_code == 200
    assert "Please answer this question." in error_next_to(page, "age_band")
    assert 'value="Wales"' in field_group(page, "country")
    assert 'value="4"' in field_group(page, "years_since_onset")
    assert "checked" in field_group(page, "conditions")
    assert not Response.objects.filter(member=member).exists()


def test_a_number_out_of_range_is_refused_with_the_range(member_client, survey):
    values = answers_for()["about"] | {"years_since_onset": 140}

    page = post_step(member_client, "about", values).content.decode()

    assert "Please give a whole number from 0 to 90." in error_next_to(page, "years_since_onset")


def test_a_month_in_the_future_is_refused(member_client, survey):
    with time_machine.travel("2026-06-15 12:00Z"):
        page = post_step(member_client, "about", answers_for()["about"] | {"diagnosed_when": "2026-09"})

    assert "not in the future" in error_next_to(page.content.decode(), "diagnosed_when")


def test_the_outcome_step_asks_about_each_treatment_chosen_and_each_one_typed(member_client, survey):
    post_step(member_client, "about", answers_for()["about"])
    post_step(member_client, "legs", answers_for()["legs"])
    post_step(
        member_client, "treatments", {"treatments_tried": ["exercise", "massage"], "treatments_other": "Warm baths"}
    )

    page = text(member_client.get(TAKE))

    assert "<legend>Exercise</legend>" in page and "<legend>Massage</legend>" in page
    assert "<legend>Warm baths</legend>" in page
    assert 'name="outcomes:exercise:outcome"' in page and 'name="outcomes:other-1:outcome"' in page
    assert "Acupuncture</legend>" not in page


def test_an_outcome_left_out_is_named_for_that_treatment_only(member_client, survey):
    steps = answers_for(tried={"exercise": "much_better", "massage": "none"})
    for step in ("about", "legs", "treatments"):
        post_step(member_client, step, steps[step])
    values = dict(steps["outcomes"])
    del values["outcomes:massage:outcome"]

    page = post_step(member_client, "outcomes", values).content.decode()

    assert "Please answer this question." in error_next_to(page, "outcomes:massage:outcome")
    assert 'value="much_better" id="id_outcomes:exercise:outcome_0" checked' in page.replace("required ", "")


def test_sending_needs_consent_to_the_statistics(member_client, member, survey):
    steps = answers_for(tried={"exercise": "much_better"})
    for step in ("about", "legs", "treatments", "outcomes"):
        post_step(member_client, step, steps[step])

    refused = member_client.post(TAKE, {"step": "consent", "direction": "next", "research": "on"})

    assert "the survey exists to make the community statistics" in error_next_to(refused.content.decode(), "statistics")
    assert Response.objects.get(member=member).status == Response.Status.DRAFT


def test_sending_submits_records_the_consents_and_shows_the_answers(member_client, member, survey):
    steps = answers_for(tried={"exercise": "much_better"})
    for step in ("about", "legs", "treatments", "outcomes"):
        post_step(member_client, step, steps[step])

    sent = member_client.post(TAKE, {"step": "consent", "direction": "next", "statistics": "on", "research": "on"})

    assert sent["Location"] == "/survey/mine/"
    saved = Response.objects.get(member=member)
    assert saved.status == Response.Status.SUBMITTED and saved.submitted_answers == saved.answers
    assert set(Consent.objects.filter(member=member, withdrawn_at=None).values_list("purpose", flat=True)) == {
        "statistics",
        "research",
    }
    report = TreatmentReport.objects.get(response=saved)
    assert (report.treatment.code, report.outcome) == ("exercise", "much_better")
    page = text(member_client.get("/survey/mine/"))
    assert "Thank you. Your answers are saved" in page
    assert "Much better" in page and "Restless legs syndrome (Willis–Ekbom disease)" in page


def test_a_double_submit_changes_nothing(member, survey, knowledge_base, django_capture_on_commit_callbacks):
    first = answer(member, survey, tried={"exercise": "much_better"})
    before = (first.submitted_at, first.updated_at, list(TreatmentReport.objects.values_list("pk", flat=True)))

    with django_capture_on_commit_callbacks() as callbacks:
        again, changed = actions.submit_response(
            member=member, survey=survey, consents={"statistics": True, "research": False}
        )

    again.refresh_from_db()
    assert changed is False and callbacks == []
    assert (again.submitted_at, again.updated_at, list(TreatmentReport.objects.values_list("pk", flat=True))) == before
    assert Consent.objects.filter(member=member).count() == 1


def test_a_double_submit_through_the_page_says_so(member_client, member, survey):
    steps = answers_for(tried={"exercise": "much_better"})
    for step in ("about", "legs", "treatments", "outcomes"):
        post_step(member_client, step, steps[step])
    consent = {"step": "consent", "direction": "next", "statistics": "on"}

    member_client.post(TAKE, consent)
    second = member_client.post(TAKE, consent, follow=True)

    assert "Your answers were already saved; nothing has changed." in text(second)
    assert Response.objects.filter(member=member).count() == 1


def test_one_response_per_member_and_version(member, survey, knowledge_base):
    answer(member, survey, tried={"exercise": "much_better"})
    answer(member, survey, tried={"exercise": "none"})

    assert Response.objects.filter(member=member, survey=survey).count() == 1
    assert TreatmentReport.objects.get(response__member=member).outcome == "none"


def test_a_change_that_hides_a_step_drops_its_answers_when_sent(member, survey, knowledge_base):
    answer(member, survey, conditions=[RLS])
    answer(member, survey, conditions=["insomnia"])

    sent = Response.objects.get(member=member).submitted_answers
    assert "legs_sitting" not in sent and sent["pain"] == 5


def test_sending_with_a_required_answer_missing_goes_back_to_that_step(member, member_client, survey):
    post_step(member_client, "about", answers_for()["about"])
    Response.objects.filter(member=member).update(step="consent")

    response = member_client.post(TAKE, {"step": "consent", "direction": "next", "statistics": "on"})

    assert response["Location"] == f"{TAKE}?step=legs"
    assert Response.objects.get(member=member).status == Response.Status.DRAFT

"""The statistics table: what a refresh counts (members once, with their newest answers and consent in force),
how "too early to tell" and severity are counted, the debounced background refresh and the scheduled command."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from community.survey import actions, tasks
from community.survey.models import (
    OtherTreatmentName,
    RemedyStatistic,
    Response,
    StatisticsRefresh,
    Survey,
    TreatmentReport,
)
from community.survey.statistics import refresh_statistics
from tests.factories.survey import RLS, answer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_thresholds(settings):
    # A handful of members is enough to see numbers here; the thresholds themselves are tested in test_figures.
    settings.SURVEY_MIN_RATED = 1
    settings.SURVEY_MIN_COUNT = 1


def cell(therapy, condition) -> dict:
    return RemedyStatistic.objects.get(kind="treatment", therapy=therapy, condition=condition).figures


def test_a_submission_refreshes_the_statistics(make_respondent, knowledge_base):
    make_respondent(tried={"exercise": "much_better", "massage": "none"})
    make_respondent(tried={"exercise": "a_little_better"})

    exercise = cell(knowledge_base["exercise"], knowledge_base["rls"])
    assert exercise["n_tried"] == 2 and exercise["n_rated"] == 2
    assert exercise["helped"]["count"] == 1 and exercise["helped"]["share"] == 0.5
    assert [row["count"] for row in exercise["outcomes"]] == [1, 1, 0, 0, 0]
    assert [row["label"] for row in exercise["outcomes"]] == [
        "Much better",
        "A little better",
        "No change",
        "A little worse",
        "Much worse",
    ]
    assert StatisticsRefresh.objects.get(pk=1).responses_counted == 2


def test_too_early_to_tell_is_counted_apart_and_left_out_of_the_shares(make_respondent, knowledge_base):
    make_respondent(tried={"exercise": "much_better"})
    make_respondent(tried={"exercise": "none"})
    make_respondent(tried={"exercise": "too_early"})

    exercise = cell(knowledge_base["exercise"], knowledge_base["rls"])
    assert (exercise["n_tried"], exercise["n_rated"], exercise["n_too_early"]) == (3, 2, 1)
    assert exercise["helped"]["share"] == 0.5


def test_side_effects_are_a_share_of_everyone_who_tried(make_respondent, knowledge_base):
    make_respondent(tried={"massage": "a_little_better"}, side_effects="mild")
    make_respondent(tried={"massage": "too_early"}, side_effects="none")

    massage = cell(knowledge_base["massage"], knowledge_base["rls"])
    assert massage["side_effects"] == {"count": 1, "share": 0.5}


def test_a_member_with_two_conditions_counts_in_each(make_respondent, knowledge_base):
    make_respondent(conditions=[RLS, "insomnia"], tried={"exercise": "much_better"})

    assert cell(knowledge_base["exercise"], knowledge_base["rls"])["n_tried"] == 1
    assert cell(knowledge_base["exercise"], knowledge_base["insomnia"])["n_tried"] == 1


def test_members_are_counted_once_with_their_newest_answers(
    make_member, survey, knowledge_base, django_capture_on_commit_callbacks
):
    member = make_member()
    with django_capture_on_commit_callbacks(execute=True):
        answer(member, survey, tried={"exercise": "none"})
        newer = actions.make_new_version(survey=survey)
        actions.publish_survey(survey=newer)
        # The new version starts from the earlier answers; the member changes one and sends.
        answer(member, newer, tried={"exercise": "much_better"})

    exercise = cell(knowledge_base["exercise"], knowledge_base["rls"])
    assert exercise["n_tried"] == 1 and exercise["helped"]["count"] == 1
    assert Response.objects.filter(member=member, superseded=True).get().survey == survey


def test_a_treatment_both_chosen_and_typed_counts_once(
    make_member, survey, knowledge_base, django_capture_on_commit_callbacks
):
    name = OtherTreatmentName.objects.create(name="exercise", example="Exercise")
    member = make_member()
    with django_capture_on_commit_callbacks(execute=True):
        answer(member, survey, tried={"exercise": "much_better"}, other="Exercise")
        actions.map_other_treatment(name=name, treatment=knowledge_base["exercise"].survey_treatment, editor=None)

    assert cell(knowledge_base["exercise"], knowledge_base["rls"])["n_tried"] == 1


def test_a_name_typed_under_anything_else_counts_once_an_editor_maps_it(
    make_member, survey, knowledge_base, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer(make_member(), survey, other="Massage by my partner")
    assert not RemedyStatistic.objects.filter(therapy=knowledge_base["massage"]).exists()
    typed = OtherTreatmentName.objects.get()
    assert (typed.name, typed.status) == ("massage by my partner", "pending")

    with django_capture_on_commit_callbacks(execute=True):
        actions.map_other_treatment(name=typed, treatment=knowledge_base["massage"].survey_treatment, editor=None)

    assert cell(knowledge_base["massage"], knowledge_base["rls"])["n_tried"] == 1


def test_withdrawing_consent_takes_the_member_out_of_the_next_refresh(
    make_respondent, knowledge_base, django_capture_on_commit_callbacks
):
    leaving = make_respondent(tried={"exercise": "much_better"})
    make_respondent(tried={"exercise": "none"})

    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw_consent(member=leaving, purpose="statistics")

    exercise = cell(knowledge_base["exercise"], knowledge_base["rls"])
    assert exercise["n_tried"] == 1 and exercise["helped"]["count"] == 0
    # The answers stay the member's own; only the counting stops.
    assert Response.objects.filter(member=leaving, status="submitted").exists()


def test_deleting_the_answers_takes_them_out_of_the_next_refresh(
    make_respondent, knowledge_base, django_capture_on_commit_callbacks
):
    leaving = make_respondent(tried={"exercise": "much_better"})
    make_respondent(tried={"exercise": "none"})

    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_survey_answers(member=leaving)

    assert cell(knowledge_base["exercise"], knowledge_base["rls"])["n_tried"] == 1
    assert not Response.objects.filter(member=leaving).exists()


def test_the_severity_distribution_counts_bands_per_condition(make_respondent, knowledge_base):
    make_respondent(legs_item=0)  # 0 points: no symptoms this week
    make_respondent(legs_item=1)  # 6 of 18: marked
    make_respondent(legs_item=3)  # 18: heavy
    make_respondent(conditions=["insomnia"])  # pain 5: moderate

    rls = RemedyStatistic.objects.get(kind="severity", condition=knowledge_base["rls"]).figures
    insomnia = RemedyStatistic.objects.get(kind="severity", condition=knowledge_base["insomnia"]).figures
    assert rls["n"] == 3
    assert {band["code"]: band["count"] for band in rls["bands"]} == {
        "symptom_free": 1,
        "light": 0,
        "marked": 1,
        "heavy": 1,
    }
    assert rls["score_name"] == "Remedy Commons restless legs score (0–18)"
    assert "not comparable with the IRLS" in rls["score_note"]
    assert {band["code"]: band["count"] for band in insomnia["bands"]}["moderate"] == 1


def test_a_refresh_replaces_every_row_and_records_when(make_respondent, knowledge_base):
    make_respondent(tried={"exercise": "much_better"})
    RemedyStatistic.objects.update(figures={"stale": True})

    result = refresh_statistics()

    assert result.responses == 1
    assert not RemedyStatistic.objects.filter(figures={"stale": True}).exists()
    assert StatisticsRefresh.objects.get(pk=1).refreshed_at is not None


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}})
def test_a_burst_of_submissions_queues_one_deferred_refresh(
    make_member, survey, knowledge_base, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for outcome in ("much_better", "none", "a_little_worse"):
            answer(make_member(), survey, tried={"exercise": outcome})

    queued = default_task_backend.results
    assert len(queued) == 1
    assert queued[0].task.run_after is not None
    assert StatisticsRefresh.objects.get(pk=1).requested_at is not None

    # The worker runs it: the mark is cleared, so the next submission asks again.
    queued[0].task.call()
    assert StatisticsRefresh.objects.get(pk=1).requested_at is None
    assert cell(knowledge_base["exercise"], knowledge_base["rls"])["n_tried"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.request_refresh() is True


def test_the_scheduled_command_refreshes_at_once(make_respondent, knowledge_base, capsys):
    make_respondent(tried={"exercise": "much_better"})
    RemedyStatistic.objects.all().delete()

    call_command("refresh_survey_statistics")

    assert "from 1 responses" in capsys.readouterr().out
    assert cell(knowledge_base["exercise"], knowledge_base["rls"])["n_tried"] == 1


def test_draft_answers_are_never_counted(make_member, survey, knowledge_base):
    member = make_member()
    actions.save_survey_step(member=member, survey=survey, step="about", values={"conditions": [RLS]})

    refresh_statistics()

    assert Survey.objects.current() == survey
    assert not TreatmentReport.objects.exists()
    assert StatisticsRefresh.objects.get(pk=1).responses_counted == 0


def test_giving_consent_again_counts_the_member_again(
    make_respondent, knowledge_base, survey, django_capture_on_commit_callbacks
):
    member = make_respondent(tried={"exercise": "much_better"})
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw_consent(member=member, purpose="statistics")
    assert not RemedyStatistic.objects.filter(therapy=knowledge_base["exercise"]).exists()

    with django_capture_on_commit_callbacks(execute=True):
        actions.set_consents(member=member, survey=survey, wanted={"statistics": True})

    assert cell(knowledge_base["exercise"], knowledge_base["rls"])["n_tried"] == 1

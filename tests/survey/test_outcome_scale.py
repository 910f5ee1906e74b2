"""The outcome scale is symmetric (as many grades of worse as of better), and version 1's answers, given on a
lopsided scale, are read on it: by migration 0010 in the rows the statistics count, when sent again, and when they
carry over into a new version. The statistics ("helped" = much better, Wilson intervals, suppression) follow."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from community.survey import actions, flow
from community.survey import definition as definitions
from community.survey.models import RemedyStatistic, Response, Survey, TreatmentReport
from community.survey.statistics import wilson_interval
from tests.factories.survey import RLS, answer

pytestmark = pytest.mark.django_db

MIGRATION = "0010_survey_version_2_symmetric_outcomes"
VERSION_1_RLS_ITEMS = [
    "rls_discomfort",
    "rls_urge",
    "rls_relief",
    "rls_sleep",
    "rls_tiredness",
    "rls_overall",
    "rls_frequency",
    "rls_average_day",
    "rls_daily_life",
    "rls_mood",
]


@pytest.fixture
def version_1(db) -> Survey:
    return Survey.objects.get(slug="experience", version=1)


def answer_version_1(member, survey: Survey, *, tried: dict[str, str]) -> Response:
    """Answer version 1 as members did before version 2: its ten-item score and its outcome codes."""
    steps = {
        "about": {"conditions": [RLS], "years_since_onset": 4, "diagnosed": "yes", "age_band": "45_59"},
        "rls": dict.fromkeys(VERSION_1_RLS_ITEMS, "2"),
        "treatments": {"treatments_tried": list(tried)},
        "outcomes": {},
    }
    for code, outcome in tried.items():
        steps["outcomes"] |= {
            f"outcomes:{code}:status": "still",
            f"outcomes:{code}:duration": "3_12m",
            f"outcomes:{code}:outcome": outcome,
            f"outcomes:{code}:side_effects": "none",
            f"outcomes:{code}:recommend": "yes",
        }
    step = "about"
    while step != "consent":
        step = actions.save_survey_step(member=member, survey=survey, step=step, values=steps[step]).step
    response, _changed = actions.submit_response(member=member, survey=survey, consents={"statistics": True})
    return response


def run_the_migration() -> None:
    """Migration 0010's data steps, with the models as they were just before it (its schema is already in place)."""
    executor = MigrationExecutor(connection)
    before = executor.loader.project_state(("community", "0009_section_score_note")).apps
    migration = executor.loader.get_migration("community", MIGRATION)
    for operation in migration.operations:
        operation.code(before, None)


def test_the_outcome_scale_has_as_many_grades_of_worse_as_of_better(survey):
    block = definitions.of(survey).section("outcomes").block
    options = [(option.code, option.label) for option in block.item("outcome").options]

    assert options == [
        ("much_better", "Much better"),
        ("a_little_better", "A little better"),
        ("none", "No change"),
        ("a_little_worse", "A little worse"),
        ("much_worse", "Much worse"),
        ("too_early", "Too early to tell"),
    ]
    rated = [code for code, _label in options if code != flow.TOO_EARLY]
    middle = rated.index("none")
    assert len(rated[:middle]) == len(rated[middle + 1 :]) == 2
    assert tuple(rated) == flow.OUTCOMES and flow.HELPED == ("much_better",)


def test_version_1s_outcomes_map_step_by_step_from_no_change():
    assert flow.OUTCOME_FROM_VERSION_1 == {
        "major": "much_better",
        "moderate": "much_better",
        "slight": "a_little_better",
        "none": "none",
        "worse": "a_little_worse",
        "too_early": "too_early",
    }
    # The migration keeps its own copy, so that it never changes; it is the same mapping.
    migration = importlib.import_module(f"community.migrations.{MIGRATION}")
    assert migration.OUTCOME_FROM_VERSION_1 == flow.OUTCOME_FROM_VERSION_1
    # "Helped" means the same for version 1's answers as before: a big or a clear improvement.
    assert {old for old, new in flow.OUTCOME_FROM_VERSION_1.items() if new in flow.HELPED} == {"major", "moderate"}


def test_the_migration_maps_version_1_answers_in_the_statistics_rows_and_leaves_the_answers_as_given(
    make_member, version_1, knowledge_base
):
    old_codes = ["major", "moderate", "slight", "none", "worse", "too_early"]
    responses = [answer_version_1(make_member(), version_1, tried={"exercise": code}) for code in old_codes]
    # As the rows stood before the migration: version 1's codes.
    for response, code in zip(responses, old_codes, strict=True):
        TreatmentReport.objects.filter(response=response).update(outcome=code)

    run_the_migration()

    mapped = [TreatmentReport.objects.get(response=response).outcome for response in responses]
    assert mapped == ["much_better", "much_better", "a_little_better", "none", "a_little_worse", "too_early"]
    # The answers themselves still point at version 1 and mean what its questions asked.
    first = Response.objects.get(pk=responses[0].pk)
    assert first.survey == version_1 and first.submitted_answers["outcomes:exercise:outcome"] == "major"
    outcome = definitions.of(version_1).section("outcomes").block.item("outcome")
    assert outcome.label_of("major") == "A big improvement"
    # Running it twice changes nothing more, and version 2 is not loaded twice.
    run_the_migration()
    assert Survey.objects.filter(slug="experience", version=2).count() == 1
    assert [TreatmentReport.objects.get(response=response).outcome for response in responses] == mapped


def test_a_version_1_answer_sent_again_is_counted_on_the_symmetric_scale(make_member, version_1, knowledge_base):
    member = make_member()
    answer_version_1(member, version_1, tried={"exercise": "worse", "massage": "moderate"})

    outcomes = dict(TreatmentReport.objects.values_list("treatment__code", "outcome"))

    assert outcomes == {"exercise": "a_little_worse", "massage": "much_better"}


def test_version_1_outcomes_carry_over_into_the_new_version_on_the_new_scale(make_member, version_1, survey):
    member = make_member()
    answer_version_1(member, version_1, tried={"exercise": "major", "massage": "worse"})

    carried = actions.carried_over(member=member, survey=survey)

    assert carried["outcomes:exercise:outcome"] == "much_better"
    assert carried["outcomes:massage:outcome"] == "a_little_worse"
    # Version 1's ten-item score is not asked any more; nothing of it is carried into version 2's answers.
    assert not [key for key in carried if key.startswith("rls_")]


def test_helped_shares_and_intervals_count_both_versions_on_the_one_scale(
    settings, make_member, version_1, survey, knowledge_base, refresh
):
    settings.SURVEY_MIN_RATED = 1
    settings.SURVEY_MIN_COUNT = 1
    for code in ("major", "moderate", "slight", "worse"):
        answer_version_1(make_member(), version_1, tried={"exercise": code})
    for code in ("much_better", "a_little_better", "none", "much_worse", "too_early"):
        answer(make_member(), survey, tried={"exercise": code})

    refresh()

    exercise = RemedyStatistic.objects.get(kind="treatment", therapy=knowledge_base["exercise"]).figures
    assert (exercise["n_tried"], exercise["n_rated"], exercise["n_too_early"]) == (9, 8, 1)
    assert {row["code"]: row["count"] for row in exercise["outcomes"]} == {
        "much_better": 3,
        "a_little_better": 2,
        "none": 1,
        "a_little_worse": 1,
        "much_worse": 1,
    }
    low, high = wilson_interval(3, 8)
    assert exercise["helped"] == {"count": 3, "share": 3 / 8, "low": low, "high": high}


def test_the_severity_of_version_1s_different_score_is_not_mixed_into_the_new_one(
    settings, make_member, version_1, survey, knowledge_base, refresh
):
    settings.SURVEY_MIN_RATED = 1
    settings.SURVEY_MIN_COUNT = 1
    answer_version_1(make_member(), version_1, tried={"exercise": "major"})  # 20 of 40 on version 1's score
    answer(make_member(), survey, legs_item=1, tried={"exercise": "none"})  # 6 of 18: marked

    refresh()

    severity = RemedyStatistic.objects.get(kind="severity", condition=knowledge_base["rls"]).figures
    assert severity["n"] == 1
    assert {band["code"]: band["count"] for band in severity["bands"]} == {
        "symptom_free": 0,
        "light": 0,
        "marked": 1,
        "heavy": 0,
    }

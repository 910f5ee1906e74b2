"""Survey statistics in the API: the aggregates the pages show, suppressed the same way, and never an answer."""

from __future__ import annotations

import pytest
from django.test import Client

from community.survey import reading
from community.survey.statistics import refresh_statistics
from tests.factories.survey import RLS, answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(settings, survey, knowledge_base, make_member):
    """Six members with restless legs: exercise helped four of them; one member tried acupuncture."""
    settings.SURVEY_MIN_RATED = 4
    settings.SURVEY_MIN_COUNT = 2
    outcomes = ["much_better", "much_better", "much_better", "much_better", "a_little_better", "none"]
    for number, outcome in enumerate(outcomes):
        tried = {"exercise": outcome}
        if number == 0:
            tried["acupuncture"] = "a_little_better"
        answer(
            make_member(display_name=f"Respondent {number}"),
            survey,
            tried=tried,
            other="Moonwater tincture" if number == 1 else "",
            tips={"exercise": "Walk the dog at dusk, it calms me."} if number == 2 else None,
        )
    refresh_statistics()
    return knowledge_base


def test_the_statistics_are_the_aggregates_the_results_page_shows(answered):
    body = Client().get("/api/v1/survey/statistics/").json()

    rls = next(report for report in body if report["condition"]["slug"] == RLS)
    exercise = next(cell for cell in rls["treatments"] if cell["treatment_code"] == "exercise")
    expected = reading.condition_report(answered["rls"]).by_therapy_slug["exercise"]
    assert exercise["n_tried"] == expected.n_tried == 6
    assert exercise["helped"] == expected.helped and exercise["helped"]["count"] == 4
    assert exercise["outcomes"] == expected.figures["outcomes"]
    assert rls["most_helpful"][0] == "exercise"
    assert "not a trial" in rls["caveat"]
    page = Client().get("/survey/results/").content.decode()
    assert reading.percent(exercise["helped"]["share"]) in page


def test_small_numbers_are_not_shown(answered):
    rls = Client().get(f"/api/v1/survey/statistics/{RLS}/").json()

    acupuncture = next((cell for cell in rls["treatments"] if cell["treatment_code"] == "acupuncture"), None)
    assert acupuncture is None or (acupuncture["n_tried"] is None and acupuncture["helped"] is None)


def test_the_therapy_for_condition_page_carries_the_pairs_statistics(answered):
    body = Client().get(f"/api/v1/therapy-conditions/exercise/{RLS}/").json()

    cell = reading.pair_cell(answered["exercise"], answered["rls"])
    assert body["survey_statistics"]["helped"] == cell.helped and cell.helped["count"] == 4
    assert body["survey_statistics"]["n_rated"] == cell.n_rated == 6
    assert "not a trial" in body["survey_statistics"]["caveat"]


def test_no_answer_of_any_member_is_in_the_statistics(answered):
    everything = "".join(
        Client().get(url).content.decode()
        for url in (
            "/api/v1/survey/statistics/",
            f"/api/v1/survey/statistics/{RLS}/",
            f"/api/v1/therapy-conditions/exercise/{RLS}/",
        )
    )

    assert "Moonwater" not in everything and "Walk the dog at dusk" not in everything
    assert "Respondent" not in everything and "@" not in everything
    assert "years_since_onset" not in everything and "legs_evenings" not in everything

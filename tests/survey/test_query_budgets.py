"""The survey's pages cost the same small number of queries with 400 or with thousands of responses: pages read
the precomputed statistics, never the responses. (The benchmark in bench/survey_refresh.py times 50,000.)"""

from __future__ import annotations

import pytest

from community.survey import definition as definitions
from community.survey.demo import _seed_members
from community.survey.statistics import refresh_statistics
from tests.clients import login
from tests.factories.survey import answer

pytestmark = pytest.mark.django_db

CONDITIONS = [
    ("Restless legs syndrome", "restless-legs-syndrome"),
    ("Insomnia", "insomnia"),
    ("Fibromyalgia", "fibromyalgia"),
    ("Chronic low back pain", "chronic-low-back-pain"),
    ("Migraine", "migraine"),
]
THERAPIES = ["exercise", "iron-supplementation", "massage", "sleep-hygiene", "yoga-and-stretching", "acupuncture",
             "acupressure", "cbt-i", "pneumatic-compression"]  # fmt: skip


@pytest.fixture(params=[400, 2_500], ids=["400-responses", "2500-responses"])
def answered(request, survey, make_condition, make_therapy, make_page):
    conditions = [make_condition(name=name, slug=slug) for name, slug in CONDITIONS]
    for slug in THERAPIES:
        therapy = make_therapy(name=slug.replace("-", " ").capitalize(), slug=slug)
        for condition in conditions:
            make_page(therapy=therapy, condition=condition)
    definition = definitions.of(survey)
    created = _seed_members(survey, definition, prefix="budget", count=request.param, name="Budget", seed=3)
    refresh_statistics()
    assert created == request.param
    return request.param


@pytest.fixture
def respondent(make_member, survey, answered):
    member = make_member()
    answer(member, survey, tried={"exercise": "much_better", "massage": "none"})
    return member


def test_the_results_page_is_read_in_one_query_then_kept_until_the_next_refresh(
    client, answered, django_assert_num_queries
):
    # 1. on the first view only: every statistics row with its condition, treatment and therapy
    with django_assert_num_queries(1):
        assert client.get("/survey/results/").status_code == 200
    # Then the page is kept until the next refresh (portal/shared_pages.py).
    with django_assert_num_queries(0):
        assert client.get("/survey/results/").status_code == 200


def test_a_condition_page_with_its_statistics_costs_the_same_with_400_or_2500_responses(
    client, answered, django_assert_num_queries
):
    # The knowledge base's and the discussions' six (see tests/therapies/test_query_budgets.py), and
    # 7. the condition's statistics rows  8. the current survey (call to action)
    with django_assert_num_queries(8):
        assert client.get("/conditions/restless-legs-syndrome/").status_code == 200


def test_a_therapy_page_with_its_statistics_costs_the_same_with_400_or_2500_responses(
    client, answered, django_assert_num_queries
):
    # session-less visitor: therapy, citations, FAQ, pages, practitioners, general forum, threads,
    # 8. the therapy's statistics rows  9. approved tips
    with django_assert_num_queries(9):
        assert client.get("/therapies/exercise/").status_code == 200


def test_a_therapy_for_condition_page_with_its_statistics_costs_the_same_with_400_or_2500_responses(
    client, answered, django_assert_num_queries
):
    # page, citations, points, practitioners, the condition's forum, threads, 7. the pair's statistics row
    with django_assert_num_queries(7):
        assert client.get("/therapies/exercise/restless-legs-syndrome/").status_code == 200


def test_the_survey_page_of_a_member_who_answered_costs_a_fixed_few_queries(respondent, django_assert_num_queries):
    client = login(respondent)
    # 1. session  2. member  3. verified address  4. current survey  5. the member's responses
    # 6. unread notifications (header)
    with django_assert_num_queries(6):
        assert client.get("/survey/").status_code == 200


def test_a_members_own_answers_cost_a_fixed_few_queries(respondent, django_assert_num_queries):
    client = login(respondent)
    # 1. session  2. member  3. current survey  4. the member's responses  5. names of the treatments they chose
    # 6. consents in force  7. their tips  8. verified address  9. unread notifications (header)
    # 10. the follow-ups due (the box, issue 18)
    with django_assert_num_queries(10):
        assert client.get("/survey/mine/").status_code == 200


@pytest.mark.parametrize("step", ["about", "treatments", "outcomes", "consent"])
def test_every_step_of_the_survey_costs_a_fixed_few_queries(respondent, step, django_assert_num_queries):
    client = login(respondent)
    # 1. session  2. member  3. verified address  4. current survey  5. the member's response
    # 6. the treatment list (or, on the consent step, the consents in force)  7. unread notifications (header)
    with django_assert_num_queries(7):
        assert client.get(f"/survey/take/?step={step}").status_code == 200


def test_the_home_pages_call_to_action_costs_a_fixed_few_queries_then_only_the_members_parts(
    respondent, django_assert_num_queries
):
    client = login(respondent)
    # The page's shell, rendered once: 1. session  2. member  3. conditions  4. recently reviewed therapies
    # 5. the current survey  6. newest threads; then this member's parts: 7. standing and unread notifications (header)
    # 8. whether the member answered the survey
    with django_assert_num_queries(8):
        page = client.get("/").content.decode()
    assert "Update your answers" in page
    # Every later reader's page is the kept shell and their own parts (session, member, standing, answered).
    with django_assert_num_queries(4):
        assert "Update your answers" in client.get("/").content.decode()

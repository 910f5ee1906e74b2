"""The follow-up statistics: still helping at 3 and 12 months and stopped because of side effects, per treatment and
condition, each with its denominator and Wilson interval, under the survey's suppression rules, shown on the
therapy-for-condition page and in the API beside the one-shot figures, for the same number of queries however many
follow-ups there are."""

from __future__ import annotations

import datetime
import random

import pytest
from django.test import Client

from community.survey import actions as survey_actions
from community.survey import definition as definitions
from community.survey.demo import _seed_members
from community.survey.followups import actions
from community.survey.followups.demo import seed_follow_ups
from community.survey.followups.models import FollowUp
from community.survey.followups.statistics import KINDS, RELATIONS, follow_up_figures, names
from community.survey.models import RemedyStatistic
from community.survey.statistics import derivable, refresh_statistics, wilson_interval
from tests.factories.survey import RLS

pytestmark = pytest.mark.django_db

STILL_HELPING = {"still_using": "yes", "still_helping": "a_lot"}
NOT_MUCH = {"still_using": "yes", "still_helping": "a_little"}
SIDE_EFFECTS = {"still_using": "no", "stopped_why": ["side_effects"]}
COST = {"still_using": "no", "stopped_why": ["cost"]}


def counts(**per_kind) -> dict[str, int]:
    """counts(k3=(helping, not_helping, side_effects)) → the named counts of the follow-up relations."""
    values = {}
    for kind in KINDS:
        helping, not_helping, side_effects = per_kind.get(f"k{kind}", (0, 0, 0))
        keys = names(kind)
        values |= {
            keys["n"]: helping + not_helping,
            keys["helping"]: helping,
            keys["not_helping"]: not_helping,
            keys["side_effects"]: side_effects,
            keys["no_side_effects"]: helping + not_helping - side_effects,
        }
    return values


def figures(values, *, min_rated=20, min_count=10):
    return {row["after_months"]: row for row in follow_up_figures(values, min_rated=min_rated, min_count=min_count)}


# --- The figures, without the database ------------------------------------------------------------------------------


def test_each_share_has_its_denominator_and_wilson_interval():
    shown = figures(counts(k3=(30, 20, 10), k12=(12, 18, 10)))

    low, high = wilson_interval(30, 50)
    assert shown[3]["n"] == 50
    assert shown[3]["still_helping"] == {"count": 30, "share": 0.6, "low": low, "high": high}
    assert shown[3]["stopped_for_side_effects"]["count"] == 10
    assert shown[12]["n"] == 30 and shown[12]["still_helping"]["share"] == 0.4


def test_no_share_is_shown_below_twenty_answers_and_the_number_who_answered_is():
    shown = figures(counts(k3=(12, 7, 0)))

    assert shown[3]["n"] == 19
    assert shown[3]["still_helping"] is None and shown[3]["stopped_for_side_effects"] is None
    assert shown[12] == {"after_months": 12, "n": 0, "still_helping": None, "stopped_for_side_effects": None}


def test_a_small_count_is_hidden_with_whatever_would_give_it_away():
    # 4 stopped for side effects: hidden; "not stopped for side effects" (46) would give it away from 50.
    values = counts(k3=(30, 20, 4))

    shown = figures(values)

    assert shown[3]["stopped_for_side_effects"] is None
    assert shown[3]["n"] is None or shown[3]["still_helping"] is not None
    known = _visible(values, follow_up_figures(values, min_rated=20, min_count=10))
    hidden = {name for name in values if name not in known}
    assert names(3)["side_effects"] in hidden
    assert names(3)["side_effects"] not in derivable(hidden, RELATIONS)


def _visible(values: dict[str, int], shown: list[dict]) -> dict[str, int]:
    """Every number a reader can read or compute from the published figures: counts, and counts behind shares."""
    known = {}
    for row in shown:
        keys = names(row["after_months"])
        if row["n"] is not None:
            known[keys["n"]] = row["n"]
        for key, name in (("still_helping", "helping"), ("stopped_for_side_effects", "side_effects")):
            if row[key] is not None:
                known[keys[name]] = row[key]["count"]
                assert round(row[key]["share"] * row["n"]) == row[key]["count"]
    return known


def _solutions(values: dict[str, int], known: dict[str, int], reach: int) -> dict[str, set[int]]:
    """Brute force: every filling of the hidden numbers (non-negative, within `reach` of the truth) under which
    every published sum holds; returns, per hidden number, the values it can take."""
    hidden = sorted(name for name in values if name not in known)
    ranges = [range(max(0, values[name] - reach), values[name] + reach + 1) for name in hidden]
    possible: dict[str, set[int]] = {name: set() for name in hidden}

    def fill(index: int, assigned: dict[str, int]) -> None:
        if index == len(hidden):
            if all(assigned[r.total] == sum(assigned[p] for p in r.parts) for r in RELATIONS):
                for name in hidden:
                    possible[name].add(assigned[name])
            return
        for value in ranges[index]:
            fill(index + 1, {**assigned, hidden[index]: value})

    fill(0, dict(known))
    return possible


@pytest.mark.parametrize("seed", range(30))
def test_a_hidden_follow_up_number_cannot_be_worked_out_from_the_numbers_shown(seed):
    rng = random.Random(seed)
    per_kind = {}
    for kind in KINDS:
        helping = rng.choice([0, 2, 9, 10, 14, 30])
        not_helping = rng.choice([0, 1, 6, 11, 25])
        per_kind[f"k{kind}"] = (helping, not_helping, rng.randint(0, helping + not_helping))
    values = counts(**per_kind)

    known = _visible(values, follow_up_figures(values, min_rated=20, min_count=10))
    possible = _solutions(values, known, reach=2)

    # Nothing published is a small non-zero number…
    for name, value in known.items():
        assert value == 0 or value >= 10, f"{name}={value} is shown"
    # …and no small non-zero number can be solved for: each could be something else. (What can be solved for is
    # zero, or a sum the page never prints that is not small, like "not helping" = answered − helping.)
    for name, candidates in possible.items():
        assert values[name] in candidates
        if len(candidates) == 1:
            assert values[name] == 0 or values[name] >= 10, f"{name}={values[name]} can be worked out from {known}"


# --- Through the refresh --------------------------------------------------------------------------------------------


@pytest.fixture
def small_thresholds(settings):
    settings.SURVEY_MIN_RATED = 2
    settings.SURVEY_MIN_COUNT = 1


@pytest.fixture
def follow_ups_answered(small_thresholds, make_respondent, knowledge_base, time_machine):
    """Four members rated exercise; at 3 months two still find it helps, one stopped for side effects, one for cost;
    at 12 months one answered."""
    time_machine.move_to(datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC), tick=False)
    members = [make_respondent(tried={"exercise": "much_better"}) for _ in range(4)]
    for member, answers in zip(members, [STILL_HELPING, STILL_HELPING, SIDE_EFFECTS, COST], strict=True):
        follow_up = FollowUp.objects.get(member=member, kind=3)
        actions.answer_follow_up(follow_up=follow_up, answers=answers)
    actions.answer_follow_up(follow_up=FollowUp.objects.get(member=members[0], kind=12), answers=NOT_MUCH)
    refresh_statistics()
    return members


def pair_figures(knowledge_base) -> dict:
    return RemedyStatistic.objects.get(
        kind="treatment", therapy=knowledge_base["exercise"], condition=knowledge_base["rls"]
    ).figures


def test_the_refresh_counts_the_answered_follow_ups_per_treatment_and_condition(follow_ups_answered, knowledge_base):
    three, twelve = pair_figures(knowledge_base)["follow_ups"]

    assert (three["after_months"], three["n"]) == (3, 4)
    assert three["still_helping"]["count"] == 2 and three["still_helping"]["share"] == 0.5
    assert three["stopped_for_side_effects"]["count"] == 1
    # One answer at 12 months: below the share threshold of 2.
    assert (twelve["n"], twelve["still_helping"], twelve["stopped_for_side_effects"]) == (1, None, None)


def test_a_member_who_withdraws_consent_to_the_statistics_is_no_longer_counted(follow_ups_answered, knowledge_base):
    survey_actions.withdraw_consent(member=follow_ups_answered[2], purpose="statistics")
    refresh_statistics()

    three = pair_figures(knowledge_base)["follow_ups"][0]
    assert three["n"] == 3 and three["stopped_for_side_effects"]["count"] == 0


def test_the_page_shows_the_follow_ups_beside_the_one_shot_figures_with_who_answers_them(follow_ups_answered, client):
    page = " ".join(client.get(f"/therapies/exercise/{RLS}/").content.decode().split())

    assert "Still helping at 3 months: 50% of 4 members who answered (95% interval" in page
    assert "Stopped because of side effects by 3 months: 25% of 4 members who answered" in page
    assert "Still helping at 12 months: not enough answers yet (1)." in page
    assert "they are not a random sample of everyone who tried the treatment" in page
    assert page.index("helped (95% interval") < page.index("Still helping at 3 months")


def test_the_api_shows_the_follow_ups_beside_the_one_shot_figures(follow_ups_answered, client):
    pair = client.get(f"/api/v1/therapy-conditions/exercise/{RLS}/").json()["survey_statistics"]
    listed = client.get(f"/api/v1/survey/statistics/{RLS}/").json()["treatments"]

    three, twelve = pair["follow_ups"]["intervals"]
    assert pair["helped"] is not None
    assert (three["n"], three["still_helping"]["count"], three["stopped_for_side_effects"]["count"]) == (4, 2, 1)
    assert twelve == {"after_months": 12, "n": 1, "still_helping": None, "stopped_for_side_effects": None}
    assert "not a random sample" in pair["follow_ups"]["note"]
    assert next(cell for cell in listed if cell["treatment_code"] == "exercise")["follow_ups"] == pair["follow_ups"]


# --- The page's cost, and the refresh's, with many follow-ups ------------------------------------------------------


@pytest.fixture(params=[10, 10_000], ids=["10-follow-ups", "10000-follow-ups"])
def many_follow_ups(request, survey, make_condition, make_therapy, make_page):
    conditions = [make_condition(name="Restless legs syndrome", slug=RLS), make_condition(name="Insomnia")]
    for slug in ("exercise", "massage", "iron-supplementation", "sleep-hygiene", "acupuncture"):
        therapy = make_therapy(name=slug.replace("-", " ").capitalize(), slug=slug)
        for condition in conditions:
            make_page(therapy=therapy, condition=condition)
    members = 10 if request.param == 10 else 3_000
    _seed_members(survey, definitions.of(survey), prefix="survey-bench", count=members, name="Bench", seed=4)
    created = seed_follow_ups(email_prefix="survey-bench-", limit=request.param)
    refresh_statistics()
    assert created == request.param
    return request.param


def test_the_therapy_for_condition_page_costs_the_same_with_10_or_10000_follow_ups(
    many_follow_ups, django_assert_num_queries
):
    client = Client()
    # page, citations, points, practitioners, the condition's forum, threads, 7. the pair's statistics row (the
    # follow-up figures are inside it)
    with django_assert_num_queries(7):
        page = client.get(f"/therapies/exercise/{RLS}/")
    assert page.status_code == 200
    if many_follow_ups == 10_000:
        assert "Still helping at 3 months" in page.content.decode()


def test_the_refresh_groups_the_follow_ups_in_one_query(many_follow_ups, django_assert_max_num_queries):
    # The one-shot statistics' queries (see test_statistics.py) and one grouped query over the follow-ups.
    with django_assert_max_num_queries(16):
        refresh_statistics()

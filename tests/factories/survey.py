"""The survey as published, a small knowledge base for it to list, and members' answers built through the actions."""

from __future__ import annotations

import pytest

from community.survey import actions
from community.survey.models import Survey

RLS = "restless-legs-syndrome"


@pytest.fixture
def survey(db) -> Survey:
    """The built-in survey's current version (2), as the data migrations published it."""
    return Survey.objects.current()


@pytest.fixture
def knowledge_base(make_condition, make_therapy, make_page):
    """Restless legs and insomnia; exercise, massage and acupuncture, with pages for restless legs."""
    rls = make_condition(name="Restless legs syndrome", slug=RLS)
    insomnia = make_condition(name="Insomnia")
    therapies = {
        slug: make_therapy(name=name, slug=slug)
        for slug, name in [("exercise", "Exercise"), ("massage", "Massage"), ("acupuncture", "Acupuncture")]
    }
    for therapy in therapies.values():
        make_page(therapy=therapy, condition=rls)
    return {"rls": rls, "insomnia": insomnia, **therapies}


# The items of our own restless legs score (version 2): six, each answered 0–3.
LEGS_ITEMS = [
    "legs_evenings",
    "legs_start_time",
    "legs_sitting",
    "legs_falling_asleep",
    "legs_night_waking",
    "legs_plans",
]


def answers_for(
    *,
    conditions=(RLS,),
    tried: dict[str, str] | None = None,
    side_effects: str = "none",
    legs_item: int = 2,
    other: str = "",
    tips: dict[str, str] | None = None,
) -> dict[str, dict]:
    """Each step's answers, as the forms clean them, for a member with these conditions and outcomes."""
    steps = {
        "about": {"conditions": list(conditions), "years_since_onset": 4, "diagnosed": "yes", "age_band": "45_59"},
        "legs": {code: str(legs_item) for code in LEGS_ITEMS},
        "general": {"sleep_quality": "3", "symptom_days": 4, "pain": 5},
        "treatments": {},
        "outcomes": {},
    }
    tried = tried or {}
    if tried:
        steps["treatments"]["treatments_tried"] = list(tried)
    if other:
        steps["treatments"]["treatments_other"] = other
    for key, outcome in tried.items():
        steps["outcomes"] |= _block(key, outcome, side_effects, (tips or {}).get(key, ""))
    for number, _name in enumerate([line for line in other.splitlines() if line.strip()], start=1):
        steps["outcomes"] |= _block(f"other-{number}", "a_little_better", side_effects, "")
    return steps


def _block(key: str, outcome: str, side_effects: str, tip: str) -> dict:
    values = {
        f"outcomes:{key}:status": "still",
        f"outcomes:{key}:duration": "3_12m",
        f"outcomes:{key}:outcome": outcome,
        f"outcomes:{key}:side_effects": side_effects,
        f"outcomes:{key}:recommend": "yes",
    }
    if tip:
        values[f"outcomes:{key}:tip"] = tip
    return values


def answer(member, survey: Survey, *, research: bool = False, recontact: bool = False, **options):
    """Take the survey through the actions, step by step as the pages do, and send it."""
    steps = answers_for(**options)
    response = None
    step = "about"
    while step != "consent":
        response = actions.save_survey_step(member=member, survey=survey, step=step, values=steps[step])
        step = response.step
    response, _changed = actions.submit_response(
        member=member,
        survey=survey,
        consents={"statistics": True, "research": research, "recontact": recontact},
    )
    return response

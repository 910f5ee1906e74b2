"""The follow-up questions as a versioned definition, kept as data like the survey's (`community/survey/builtin.py`).

They are loaded into the survey's own tables as the survey `follow-up` (a migration publishes version 1), so a
change is a new version made in the admin like any survey's, and each answer points at the version it answered.
`derived` reads the two facts the statistics count from a set of answers.
"""

from __future__ import annotations

from typing import Any

from community.survey import definition as definitions
from community.survey.definition import SurveyDef
from community.survey.models import BUILTIN_SLUG, Survey

SLUG = "follow-up"
# Follow-ups are scheduled only after answers to a survey version whose texts promise them (version 3 on).
FROM_SURVEY_VERSION = 3

STILL_USING = "still_using"
STILL_HELPING = "still_helping"
STOPPED_WHY = "stopped_why"
# "Still helping": still using it, and it helps a lot or somewhat.
HELPING = ("a_lot", "somewhat")
SIDE_EFFECTS = "side_effects"

FOLLOW_UP: dict[str, Any] = {
    "slug": SLUG,
    "version": 1,
    "title": "How is it going?",
    "intro": (
        "A few months ago you told us about this treatment. Three short questions tell the community whether "
        "treatments keep helping over time. Your answers are counted in the statistics like your survey answers, "
        "never shown on their own."
    ),
    "consent_intro": "",
    "consent_statistics": "",
    "consent_research": "",
    "consent_recontact": "",
    "sections": [
        {
            "code": "follow_up",
            "title": "How is it going?",
            "questions": [
                {
                    "code": STILL_USING,
                    "kind": "single",
                    "text": "Are you still using it?",
                    "options": [("yes", "Yes"), ("no", "No, I stopped")],
                },
                {
                    "code": STILL_HELPING,
                    "kind": "single",
                    "text": "Is it still helping?",
                    "show_if": (STILL_USING, "yes"),
                    "options": [
                        ("a_lot", "Yes, a lot"),
                        ("somewhat", "Yes, somewhat"),
                        ("a_little", "Only a little"),
                        ("not_any_more", "No, not any more"),
                    ],
                },
                {
                    "code": STOPPED_WHY,
                    "kind": "multiple",
                    "text": "Why did you stop?",
                    "help": "Choose every reason that applies.",
                    "show_if": (STILL_USING, "no"),
                    "options": [
                        ("stopped_helping", "It stopped helping"),
                        (SIDE_EFFECTS, "Side effects"),
                        ("cost", "Cost"),
                        ("hard_to_keep_up", "It was hard to keep up"),
                        ("symptoms_went_away", "My symptoms went away"),
                        ("other", "Another reason"),
                    ],
                },
            ],
        }
    ],
}
VERSIONS = [FOLLOW_UP]


def current_survey() -> Survey | None:
    return Survey.objects.current(SLUG)


def current() -> SurveyDef | None:
    survey = current_survey()
    return definitions.of(survey) if survey else None


def derived(answers: dict) -> tuple[bool, bool]:
    """(still helping, stopped because of side effects) from one follow-up's answers."""
    using = answers.get(STILL_USING) == "yes"
    reasons = answers.get(STOPPED_WHY) or []
    return using and answers.get(STILL_HELPING) in HELPING, not using and SIDE_EFFECTS in reasons


def promises_follow_ups(survey: Survey) -> bool:
    """Whether answers to this survey version were given under texts that say we will ask again."""
    return survey.slug == BUILTIN_SLUG and survey.version >= FROM_SURVEY_VERSION

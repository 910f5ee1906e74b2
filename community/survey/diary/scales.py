"""Which score a diary records for a condition, read from the current survey's definition (definitions as data).

A condition whose scored survey section asks several choice items (restless legs: six items scored 0–3) is
recorded item by item and summed; any other condition is recorded as the survey's single 0–10 number.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from community.survey import definition as definitions
from community.survey.definition import CHOICE_KINDS, QuestionDef, Role, SurveyDef

DEFAULT_MAX = 10


@dataclass(frozen=True)
class Scale:
    name: str
    note: str
    maximum: int
    # The scored items, when the score is their sum; empty for a single 0–10 score.
    items: tuple[QuestionDef, ...] = ()
    single: QuestionDef | None = None


def conditions(survey: SurveyDef | None = None) -> list[tuple[str, str]]:
    """(code, name) of the conditions a diary can be kept for: the survey's conditions question."""
    survey = survey if survey is not None else definitions.current()
    question = survey.with_role(Role.CONDITIONS) if survey else None
    return [(option.code, option.label) for option in question.options] if question else []


def scale_for(condition: str, survey: SurveyDef | None = None) -> Scale:
    survey = survey if survey is not None else definitions.current()
    for section in survey.sections if survey else ():
        if not (section.score_name and section.show_if and condition in section.show_if.options):
            continue
        scored = section.scored
        if scored and all(item.kind in CHOICE_KINDS and item.options for item in scored):
            maximum = sum(max(option.score or 0 for option in item.options) for item in scored)
            return Scale(name=section.score_name, note=section.score_note, maximum=maximum, items=scored)
        if len(scored) == 1 and scored[0].max_value is not None:
            return Scale(
                name=section.score_name, note=section.score_note, maximum=scored[0].max_value, single=scored[0]
            )
    return Scale(name=_("Your symptoms (0–10)"), note="", maximum=DEFAULT_MAX)

"""The survey's call to action, which depends on whether this member answered (portal/shared_pages.py)."""

from __future__ import annotations

from django.template.loader import render_to_string

from community.survey.home import has_answered
from portal.shared_pages import Filling, filler

TEMPLATES = {"box": "survey/includes/call_to_action.html", "home": "survey/home_section.html"}


@filler("survey-cta")
def fill_survey_cta(filling: Filling, holes: list[list[str]]) -> list[str]:
    """`{% hole "survey-cta" "box" survey_id %}` (condition pages) or `"home"` (the home page): the page knows the
    survey; whether this member answered it is one query."""
    member = filling.user.is_authenticated
    answered = {}
    filled = []
    for style, survey_id in holes:
        if member and survey_id not in answered:
            answered[survey_id] = has_answered(filling.user, int(survey_id))
        cta = {"answered": answered.get(survey_id, False), "member": member}
        filled.append(render_to_string(TEMPLATES[style], {"cta": cta, "section": cta}))
    return filled

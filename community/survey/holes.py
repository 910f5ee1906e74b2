"""The survey's call to action, which depends on whether this member answered (portal/shared_pages.py)."""

from __future__ import annotations

from django.template.loader import render_to_string

from community.survey.home import call_to_action
from portal.shared_pages import Filling, filler

TEMPLATES = {"box": "survey/includes/call_to_action.html", "home": "survey/home_section.html"}


@filler("survey-cta")
def fill_survey_cta(filling: Filling, holes: list[list[str]]) -> list[str]:
    """`{% hole "survey-cta" "box" %}` (condition pages) or `"home"` (the home page): one query, nothing when no
    survey is published."""
    cta = filling.once("survey-cta", lambda: call_to_action(filling.user))
    if cta is None:
        return [""] * len(holes)
    return [render_to_string(TEMPLATES[style], {"cta": cta, "section": cta}) for (style,) in holes]

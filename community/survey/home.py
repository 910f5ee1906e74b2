"""The survey's call to action: on the home page (a registered section) and on condition pages (a template tag)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from community.survey.models import BUILTIN_SLUG, Response, Survey
from portal.home import HomeSection


def call_to_action(user) -> dict | None:
    """Whether there is a survey to take and whether this member has answered its current version: one query."""
    surveys = Survey.objects.published().filter(slug=BUILTIN_SLUG).order_by("-version")
    if user.is_authenticated:
        surveys = surveys.annotate(
            answered=Exists(
                Response.objects.filter(member=user, survey=OuterRef("pk"), status=Response.Status.SUBMITTED)
            )
        )
    survey = surveys.only("pk", "version").first()
    if survey is None:
        return None
    return {"answered": getattr(survey, "answered", False), "member": user.is_authenticated}


def home_context(request: HttpRequest) -> dict | None:
    """The home page's survey section is a hole (community/survey/holes.py): whether this member answered."""
    return {}


def home_sections() -> list[HomeSection]:
    return [HomeSection("survey", "survey/home_hole.html", home_context, order=25)]

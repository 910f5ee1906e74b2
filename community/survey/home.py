"""The survey's call to action: on the home page (a registered section) and on condition pages (a template tag)."""

from __future__ import annotations

from django.http import HttpRequest

from community.survey.models import BUILTIN_SLUG, Response, Survey
from portal.home import HomeSection


def current_survey_id() -> int | None:
    """The survey version a call to action invites to: kept in the page, which asks per reader only whether they
    answered it (community/survey/holes.py)."""
    return (
        Survey.objects.published().filter(slug=BUILTIN_SLUG).order_by("-version").values_list("pk", flat=True).first()
    )


def has_answered(user, survey_id: int) -> bool:
    return Response.objects.filter(member=user, survey_id=survey_id, status=Response.Status.SUBMITTED).exists()


def home_context(request: HttpRequest) -> dict | None:
    survey_id = current_survey_id()
    return {"survey_id": survey_id} if survey_id else None


def home_sections() -> list[HomeSection]:
    return [HomeSection("survey", "survey/home_hole.html", home_context, order=25)]

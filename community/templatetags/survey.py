"""What knowledge-base pages show of the survey: "What members report" and the call to action.

`therapies` templates load these (`{% load survey %}`); its code never imports the survey. Each tag reads the
precomputed statistics table once.
"""

from __future__ import annotations

from django import template
from django.conf import settings

from community.survey import reading
from community.survey.home import current_survey_id
from community.survey.models import Tip

register = template.Library()
TIPS_SHOWN = 5


def _thresholds() -> dict:
    return {"min_rated": settings.SURVEY_MIN_RATED, "min_count": settings.SURVEY_MIN_COUNT}


@register.simple_tag
def condition_survey_report(condition) -> reading.ConditionReport:
    """Use as `{% condition_survey_report condition as survey_report %}`; rows and sections read it."""
    return reading.condition_report(condition)


@register.inclusion_tag("survey/includes/condition_statistics.html")
def condition_survey_statistics(condition, report):
    """The condition's figures, after the survey's call to action (a hole: whether this member answered)."""
    return {"condition": condition, "report": report, "survey_id": current_survey_id(), **_thresholds()}


@register.inclusion_tag("survey/includes/row_figure.html")
def survey_row_figure(report, therapy_slug):
    return {"cell": report.by_therapy_slug.get(therapy_slug) if report else None}


@register.inclusion_tag("survey/includes/therapy_statistics.html")
def therapy_survey_statistics(therapy):
    cells = reading.therapy_cells(therapy)
    # The grade sits beside the members' figures: the view has the therapy's pages with their labels already.
    grades = {page.condition.slug: page.label for page in getattr(therapy, "pages", [])}
    for cell in cells:
        cell.grade = grades.get(cell.condition_slug)
    tips = list(
        Tip.objects.filter(treatment__therapy=therapy, status=Tip.Status.APPROVED)
        .only("text", "created_on")
        .order_by("-created_on", "-pk")[:TIPS_SHOWN]
    )
    return {
        "therapy": therapy,
        "cells": cells,
        "chart": reading.therapy_chart(therapy.name, therapy.slug, cells),
        "tips": tips,
        **_thresholds(),
    }


@register.inclusion_tag("survey/includes/pair_statistics.html")
def therapy_condition_survey_statistics(page):
    cell = reading.pair_cell(page.therapy, page.condition)
    return {
        "page": page,
        "therapy": page.therapy,
        "condition": page.condition,
        "cell": cell,
        "chart": cell.outcome_chart() if cell else None,
        **_thresholds(),
    }

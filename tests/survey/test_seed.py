"""The demo survey data: 400 synthetic members, so that some figures show numbers and others "not enough answers
yet"; running the seed again adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from community.survey.models import Consent, OtherTreatmentName, RemedyStatistic, Response, Tip

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--demo", stdout=out)
    return out.getvalue()


def test_the_demo_has_numbers_in_some_cells_and_not_enough_answers_in_others():
    output = seed()

    assert "Survey responses: 400 new" in output
    assert Response.objects.filter(status="submitted").count() == 400
    assert Consent.objects.filter(purpose="statistics", withdrawn_at=None).count() == 400
    cells = list(RemedyStatistic.objects.filter(kind="treatment", condition__slug="restless-legs-syndrome"))
    shown = [cell for cell in cells if cell.figures["helped"]]
    not_yet = [cell for cell in cells if not cell.figures["helped"]]
    assert len(shown) >= 3 and len(not_yet) >= 3
    assert RemedyStatistic.objects.get(kind="severity", condition__slug="restless-legs-syndrome").figures["bands"]
    assert Tip.objects.filter(status="approved").exists()
    assert OtherTreatmentName.objects.filter(status="pending", mentions__gt=0).exists()


def test_seeding_again_adds_no_survey_data():
    seed()
    before = (Response.objects.count(), Consent.objects.count(), Tip.objects.count())

    output = seed()

    assert "Survey responses: 0 new" in output
    assert (Response.objects.count(), Consent.objects.count(), Tip.objects.count()) == before

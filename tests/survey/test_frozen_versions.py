"""The survey versions the migrations load are frozen files (community/migrations/surveys/); the code's definitions
must stay exactly those versions, since a published version's questions and consent texts never change."""

from __future__ import annotations

import json

import pytest

from community.migrations._survey_loader import definition
from community.models import Survey
from community.survey import builtin
from community.survey.followups.definition import FOLLOW_UP


@pytest.mark.parametrize(
    ("frozen", "code"),
    [
        ("survey_v1", builtin.SURVEY),
        ("survey_v2", builtin.SURVEY_V2),
        ("survey_v3", builtin.SURVEY_V3),
        ("follow_up_v1", FOLLOW_UP),
    ],
)
def test_each_published_version_in_the_code_is_the_one_its_migration_loaded(frozen, code):
    assert definition(frozen) == json.loads(json.dumps(code))


@pytest.mark.django_db
def test_the_migrations_load_every_frozen_version_with_its_consent_texts():
    for name in ("survey_v1", "survey_v2", "survey_v3", "follow_up_v1"):
        data = definition(name)
        survey = Survey.objects.get(slug=data["slug"], version=data["version"])
        assert survey.consent_statistics == data["consent_statistics"]
        assert survey.questions.count() == sum(
            1 + len(question.get("items", [])) for section in data["sections"] for question in section["questions"]
        )

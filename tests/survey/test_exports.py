"""Editors' research exports: de-identified answers of consenting members only, a codebook, every download
logged, and nobody else may download."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine

from community.survey import actions
from community.survey.exports import pseudonym
from community.survey.models import SurveyExport
from tests.clients import login
from tests.factories.survey import answer

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def answered(make_member, survey, knowledge_base):
    with time_machine.travel("2026-05-17 09:30Z"):
        consenting = make_member(email="consenting@example.org", display_name="Shares Gladly")
        answer(
            consenting,
            survey,
            research=True,
            tried={"exercise": "much_better"},
            other="Grandma's secret tea",
            tips={"exercise": "Walk with my neighbour Jane Doe every evening"},
        )
        withheld = make_member(email="private@example.org", display_name="Keeps To Self")
        answer(withheld, survey, research=False, tried={"massage": "none"})
    return consenting, withheld


def test_the_answers_hold_only_members_with_research_consent(editor_client, survey, answered):
    consenting, withheld = answered

    exported = rows(editor_client.get(f"/admin/community/survey/{survey.pk}/export/answers/"))

    assert [row["pid"] for row in exported] == [pseudonym(consenting.pk)]
    assert exported[0]["treatments_tried"] == "exercise"
    assert exported[0]["outcomes__exercise__outcome"] == "much_better"
    assert exported[0]["legs_score"] == "12"


def test_the_answers_have_no_identifying_column_and_no_free_text(editor_client, survey, answered):
    consenting, _withheld = answered

    response = editor_client.get(f"/admin/community/survey/{survey.pk}/export/answers/")
    content = response.content.decode()
    header = next(csv.reader(io.StringIO(content)))

    for forbidden in ("email", "user", "member", "display_name", "name", "country", "tip", "other"):
        assert not any(forbidden in column for column in header), forbidden
    for secret in ("consenting@example.org", "Shares Gladly", "Jane Doe", "secret tea", "2026-05-17"):
        assert secret not in content
    assert rows(response)[0]["submitted_month"] == "2026-05"
    assert rows(response)[0]["pid"] != str(consenting.pk)


def test_the_pseudonym_is_stable_and_not_the_id(settings):
    assert pseudonym(7) == pseudonym(7) != pseudonym(8)
    settings.SECRET_KEY = "another-key-" + "x" * 50
    assert pseudonym(7) != "7"


def test_withdrawing_research_consent_takes_the_member_out_of_the_next_export(editor_client, survey, answered):
    consenting, _withheld = answered
    actions.withdraw_consent(member=consenting, purpose="research")

    assert rows(editor_client.get(f"/admin/community/survey/{survey.pk}/export/answers/")) == []


def test_the_codebook_explains_every_column_and_answer_code(editor_client, survey, answered):
    codebook = rows(editor_client.get(f"/admin/community/survey/{survey.pk}/export/codebook/"))

    by_column = {}
    for row in codebook:
        by_column.setdefault(row["column"], []).append(row)
    assert {"pid", "survey_version", "submitted_month", "legs_score", "age_band"} <= set(by_column)
    assert [(r["answer_code"], r["score"]) for r in by_column["legs_evenings"]] == [
        ("0", "0"),
        ("1", "1"),
        ("2", "2"),
        ("3", "3"),
    ]
    assert "exercise" in [r["answer_code"] for r in by_column["treatments_tried"]]
    assert [r["answer_code"] for r in by_column["outcomes__{treatment}__outcome"]] == [
        "much_better",
        "a_little_better",
        "none",
        "a_little_worse",
        "much_worse",
        "too_early",
    ]
    assert "country" not in by_column and "outcomes__{treatment}__tip" not in by_column


def test_every_download_is_logged(editor_client, survey, answered):
    editor_client.get(f"/admin/community/survey/{survey.pk}/export/answers/")
    editor_client.get(f"/admin/community/survey/{survey.pk}/export/codebook/")

    log = list(SurveyExport.objects.order_by("pk").values_list("editor__display_name", "kind", "rows"))
    assert log[0] == ("Editor Elin", "answers", 1)
    assert log[1][:2] == ("Editor Elin", "codebook")
    assert "Editor Elin" in editor_client.get("/admin/community/surveyexport/").content.decode()


def test_a_moderator_cannot_download_answers(moderator_client, survey, answered):
    response = moderator_client.get(f"/admin/community/survey/{survey.pk}/export/answers/")

    assert response.status_code == 403
    assert not SurveyExport.objects.exists()


def test_a_member_cannot_download_answers(member, survey, answered):
    response = login(member).get(f"/admin/community/survey/{survey.pk}/export/answers/")

    assert response.status_code == 302 and not SurveyExport.objects.exists()


@pytest.mark.parametrize("kind", ["answers", "codebook"])
def test_the_export_action_gives_the_admins_download_and_logs_the_same_row(editor_client, survey, answered, kind):
    moment = "2026-05-04 09:30:00+00:00"
    with time_machine.travel(moment, tick=False):
        downloaded = editor_client.get(f"/admin/community/survey/{survey.pk}/export/{kind}/").content.decode()
    editor = SurveyExport.objects.get().editor
    with time_machine.travel(moment, tick=False):
        text = actions.export_survey(survey=survey, kind=kind, editor=editor)

    assert text == downloaded
    first, second = SurveyExport.objects.order_by("pk").values_list("editor", "survey", "kind", "rows", "created_at")
    assert first == second and first[0] == editor.pk and first[2] == kind

"""The restless legs score is our own instrument, visibly not the IRLS (a 10-item scale, each item 0–4, total 0–40,
bands 1–10 / 11–20 / 21–30 / 31–40); every page that shows it says it is not comparable with the IRLS; version 1's
IRLS-shaped block stays as members answered it; and a licensed, validated scale can be loaded as a new version."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from community.survey import actions, builtin, flow
from community.survey import definition as definitions
from community.survey.licensed import load_licensed_scale
from community.survey.models import Survey
from tests.clients import login
from tests.factories.survey import RLS, answer
from tests.html import text

pytestmark = pytest.mark.django_db

IRLS_ITEMS = 10
IRLS_ITEM_SCORES = [0, 1, 2, 3, 4]
IRLS_BANDS = [(1, 10), (11, 20), (21, 30), (31, 40)]
# The ten topics of the IRLS, as the spec names them, in their order.
IRLS_TOPIC_WORDS = ["discomfort", "urge", "relief", "sleep", "tired", "overall", "often", "average", "daily", "mood"]


@pytest.fixture
def legs(survey):
    return definitions.of(survey).section("legs")


def test_our_score_has_another_number_of_items_another_answer_scale_and_other_bands(legs):
    scored = legs.scored
    item_scores = {tuple(option.score for option in question.options) for question in scored}
    highest = sum(max(option.score for option in question.options) for question in scored)
    bands = [(band["min"], band["max"]) for band in legs.score_bands if band["min"] > 0]

    assert len(scored) != IRLS_ITEMS and len(scored) == 6
    assert item_scores == {(0, 1, 2, 3)} and list(item_scores)[0] != tuple(IRLS_ITEM_SCORES)
    assert highest == 18 != 40
    assert bands == [(1, 5), (6, 11), (12, 18)]
    assert not set(bands) & set(IRLS_BANDS) and len(bands) != len(IRLS_BANDS)
    # Band names of our own, not mild / moderate / severe / very severe.
    assert {band["code"] for band in legs.score_bands}.isdisjoint({"mild", "moderate", "severe", "very_severe"})


def test_our_items_are_worded_by_us_and_do_not_follow_the_irls_topics(legs):
    texts = [question.text.lower() for question in legs.scored]

    # Not the ten topics in their order: at most a couple of our six share a topic word, never in sequence.
    sharing = [word for word in IRLS_TOPIC_WORDS if any(word in item for item in texts)]
    assert len(sharing) <= 2
    assert "IRLS" not in " ".join(question.text for question in legs.questions)
    assert [question.code for question in legs.scored] == [code for code, _text, _labels in builtin.LEGS_ITEMS]
    # No item code of version 1's block is reused: a code never changes meaning.
    assert not {q.code for q in legs.scored} & {code for code, _t, _o in builtin.RLS_ITEMS}


def test_the_score_says_it_is_ours_and_not_comparable_with_the_irls(legs):
    assert legs.score_name == "Remedy Commons restless legs score (0–18)"
    assert "not comparable with the IRLS" in legs.score_note
    assert "not a validated clinical scale" in legs.intro


def test_a_score_is_read_in_our_bands(survey, legs):
    definition = definitions.of(survey)
    answers = {"conditions": [RLS], **{q.code: "1" for q in legs.scored}}

    (severity,) = flow.severities(definition, answers)

    assert severity.score == 6 and severity.band["code"] == "marked"


def test_version_1_keeps_its_block_so_its_answers_stay_readable(survey):
    first = definitions.of(Survey.objects.get(slug="experience", version=1))

    rls = first.section("rls")
    assert len(rls.scored) == 10 and rls.score_name == "Remedy Commons restless legs score (0–40)"
    assert first.section("legs") is None


def test_the_results_and_the_condition_page_say_not_comparable_with_the_irls(
    settings, client, make_member, survey, knowledge_base, refresh
):
    settings.SURVEY_MIN_RATED = 1
    settings.SURVEY_MIN_COUNT = 1
    answer(make_member(), survey, legs_item=1)
    refresh()

    for url in ("/survey/results/", f"/conditions/{RLS}/"):
        page = " ".join(text(client.get(url)).split())
        assert "Remedy Commons restless legs score (0–18)" in page, url
        assert "not comparable with the IRLS" in page, url
        assert "0–40" not in page, url


def test_with_too_few_answers_the_note_still_stands_beside_the_score(client, survey, knowledge_base, refresh):
    refresh()

    page = " ".join(text(client.get(f"/conditions/{RLS}/")).split())

    assert "How severe symptoms are: not enough answers yet." in page
    assert "not comparable with the IRLS" in page


def test_a_member_sees_the_note_beside_their_own_score(member, survey, knowledge_base):
    answer(member, survey, legs_item=1)

    page = " ".join(text(login(member).get("/survey/mine/")).split())

    assert "Remedy Commons restless legs score (0–18): <strong>6</strong> — Marked (6–11)" in page
    assert "not comparable with the IRLS" in page


# --- The slot for a licensed scale -----------------------------------------------------------------------------------

# A made-up two-question scale standing in for a licensed one (nothing of a real instrument).
LICENSED = {
    "code": "licensed_legs",
    "title": "Licensed restless legs scale",
    "intro": "Two questions from a scale used under licence.",
    "score_name": "Example licensed scale (0–4)",
    "score_note": "Used under licence from Example Holder; not written by Remedy Commons.",
    "score_bands": [
        {"code": "l_none", "label": "None", "min": 0, "max": 0},
        {"code": "l_some", "label": "Some", "min": 1, "max": 4},
    ],
    "questions": [
        {"code": "licensed_q1", "text": "Example question one?", "options": [["0", "No", 0], ["1", "A bit", 1]]},
        {
            "code": "licensed_q2",
            "text": "Example question two?",
            "options": [["0", "No", 0], ["1", "Some", 1], ["3", "Much", 3]],
        },
    ],
}


def test_a_licensed_scale_loads_as_a_draft_of_the_next_version_in_place_of_ours(survey):
    draft = load_licensed_scale(survey=survey, data=LICENSED, replace="legs")

    definition = definitions.of(draft)
    assert (draft.version, draft.status, draft.based_on) == (survey.version + 1, "draft", survey)
    assert [s.code for s in definition.sections] == ["about", "licensed_legs", "general", "treatments", "outcomes"]
    licensed = definition.section("licensed_legs")
    assert licensed.show_if.options == (RLS,) and licensed.score_note == LICENSED["score_note"]
    assert [q.code for q in licensed.scored] == ["licensed_q1", "licensed_q2"]
    # Our version stays as it was, and the draft can be published like any version.
    assert definitions.of(survey).section("legs") is not None
    actions.publish_survey(survey=draft)
    assert Survey.objects.current() == draft


def test_a_licensed_scale_without_its_licence_note_or_with_gaps_in_its_bands_is_refused(survey):
    no_note = {**LICENSED, "score_note": ""}
    gap = {**LICENSED, "score_bands": [{"code": "a", "label": "A", "min": 0, "max": 1}]}

    with pytest.raises(ValidationError, match="score_note"):
        load_licensed_scale(survey=survey, data=no_note, replace="legs")
    with pytest.raises(ValidationError, match="highest total is 4"):
        load_licensed_scale(survey=survey, data=gap, replace="legs")
    assert Survey.objects.filter(slug="experience").count() == survey.version  # no draft was left behind


def test_the_command_loads_a_scale_from_the_operators_file(survey, tmp_path):
    path = tmp_path / "scale.json"
    path.write_text(json.dumps(LICENSED), encoding="utf-8")
    out = StringIO()

    call_command("load_licensed_scale", str(path), stdout=out)

    assert "Draft created" in out.getvalue()
    assert Survey.objects.get(slug="experience", version=survey.version + 1).status == "draft"
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_licensed_scale", str(tmp_path / "missing.json"))

"""Survey definitions are data, and a published version never changes: the admin refuses edits, "make a new
version" copies it into a draft with the same codes, publishing checks that no answer code changed meaning,
and members' answers keep pointing at the version they answered (and carry over to the next)."""

from __future__ import annotations

import pytest

from community.survey import actions, flow
from community.survey import definition as definitions
from community.survey.models import Option, Question, Response, Section, Survey
from tests.factories.survey import RLS, answer
from tests.html import text

pytestmark = pytest.mark.django_db
SURVEYS = "/admin/community/survey/"


def test_the_built_in_survey_is_published_with_the_parts_the_spec_lists(survey):
    definition = definitions.of(survey)

    assert (survey.slug, survey.version, survey.is_published) == ("experience", 3, True)
    assert [s.code for s in definition.sections] == ["about", "legs", "general", "treatments", "outcomes"]
    legs = definition.section("legs")
    assert len(legs.scored) == 6 and all(q.kind == "single" for q in legs.scored)
    assert all([o.score for o in q.options] == [0, 1, 2, 3] for q in legs.scored)
    assert [(b["min"], b["max"]) for b in legs.score_bands] == [(0, 0), (1, 5), (6, 11), (12, 18)]
    assert legs.show_if.question == "conditions" and legs.show_if.options == (RLS,)
    assert "IRLS" not in "".join(q.text for q in legs.questions)
    block = definition.section("outcomes").block
    assert [item.code for item in block.items] == [
        "status",
        "duration",
        "outcome",
        "side_effects",
        "side_effects_which",
        "recommend",
        "cost",
        "tip",
    ]
    assert set(definition.consent_texts) == {"statistics", "research", "recontact"}


def test_an_editor_sees_a_published_version_but_cannot_change_it(editor_client, survey):
    page = editor_client.get(f"{SURVEYS}{survey.pk}/change/")
    refused = editor_client.post(f"{SURVEYS}{survey.pk}/change/", {"title": "Changed", "slug": "experience"})

    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert refused.status_code == 403
    survey.refresh_from_db()
    assert survey.title == "Your symptoms and what you tried"


def test_a_question_of_a_published_version_cannot_be_changed_or_deleted(editor_client, survey):
    question = Question.objects.get(survey=survey, code="age_band")

    changed = editor_client.post(f"/admin/community/question/{question.pk}/change/", {"text": "How old?"})
    deleted = editor_client.post(f"/admin/community/question/{question.pk}/delete/", {"post": "yes"})
    added = editor_client.post(
        "/admin/community/option/add/", {"question": question.pk, "code": "90_plus", "label": "90 or older"}
    )

    assert changed.status_code == 403 and deleted.status_code == 403
    assert added.status_code in (403, 404)  # options are edited in their question only
    question.refresh_from_db()
    assert question.text == "How old are you?" and question.options.count() == 5


def test_a_section_cannot_be_added_to_a_published_version(editor_client, survey):
    response = editor_client.post(
        "/admin/community/section/add/",
        {"survey": survey.pk, "position": 9, "code": "extra", "title": "Extra", "questions-TOTAL_FORMS": 0,
         "questions-INITIAL_FORMS": 0},
    )  # fmt: skip

    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert not Section.objects.filter(code="extra").exists()


def test_make_a_new_version_copies_the_published_one_into_a_draft_with_the_same_codes(editor_client, survey):
    response = editor_client.post(SURVEYS, {"action": "make_new_version", "_selected_action": [survey.pk]}, follow=True)

    draft = Survey.objects.get(slug="experience", version=survey.version + 1)
    assert "Draft created" in text(response)
    assert draft.status == "draft" and draft.based_on == survey
    old, new = definitions.of(survey), definitions.of(draft)
    assert [s.code for s in new.sections] == [s.code for s in old.sections]
    assert {code: [o.code for o in q.options] for code, q in new.questions.items()} == {
        code: [o.code for o in q.options] for code, q in old.questions.items()
    }
    assert [i.code for i in new.section("outcomes").block.items] == [
        i.code for i in old.section("outcomes").block.items
    ]
    page = editor_client.get(f"{SURVEYS}{draft.pk}/change/")
    assert 'name="_save"' in page.content.decode()


def test_publishing_refuses_an_answer_code_that_changed_its_meaning(editor_client, survey):
    draft = actions.make_new_version(survey=survey)
    Option.objects.filter(question__survey=draft, question__code="diagnosed", code="unsure").update(
        label="Diagnosed by a friend"
    )

    response = editor_client.post(SURVEYS, {"action": "publish", "_selected_action": [draft.pk]}, follow=True)

    draft.refresh_from_db()
    assert draft.status == "draft"
    assert "the answer code “unsure” meant “I am not sure”" in text(response)


def test_publishing_accepts_a_new_answer_with_a_new_code(editor_client, survey):
    draft = actions.make_new_version(survey=survey)
    question = Question.objects.get(survey=draft, code="diagnosed")
    Option.objects.create(question=question, position=9, code="waiting", label="I am waiting for an appointment")

    editor_client.post(SURVEYS, {"action": "publish", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == "published" and Survey.objects.current() == draft


def test_a_show_if_must_look_back_not_ahead(survey):
    draft = actions.make_new_version(survey=survey)
    Section.objects.filter(survey=draft, code="about").update(show_if_question="treatments_tried")

    assert any("earlier section" in problem for problem in actions.code_problems(draft))


def test_responses_keep_pointing_at_the_version_they_answered(make_member, survey, knowledge_base):
    member = make_member()
    answer(member, survey, tried={"exercise": "much_better"})
    newer = actions.make_new_version(survey=survey)
    Question.objects.filter(survey=newer, code="country").delete()
    actions.publish_survey(survey=newer)

    assert Response.objects.get(member=member).survey == survey
    assert "country" in definitions.of(survey).questions and "country" not in definitions.of(newer).questions


def test_a_new_version_starts_from_the_members_earlier_answers(make_member, survey, knowledge_base):
    member = make_member()
    answer(member, survey, tried={"exercise": "much_better"})
    newer = actions.make_new_version(survey=survey)
    actions.publish_survey(survey=newer)

    carried = actions.carried_over(member=member, survey=newer)

    assert carried["conditions"] == [RLS] and carried["outcomes:exercise:outcome"] == "much_better"
    assert flow.first_incomplete_step(definitions.of(newer), carried, {}) is None


def test_a_visitor_or_member_cannot_reach_the_survey_admin(client, member, survey):
    client.force_login(member)

    assert client.get(f"{SURVEYS}{survey.pk}/change/").status_code == 302


def test_the_version_a_migration_published_passes_the_checks_of_publishing_in_the_admin(survey):
    assert survey.version == 3
    assert actions.code_problems(survey) == []

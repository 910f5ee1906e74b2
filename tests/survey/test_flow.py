"""The flow's rules on their own: show-if on sections and questions, which answers count, scores and bands."""

from __future__ import annotations

from community.survey import flow
from community.survey.definition import OptionDef, QuestionDef, SectionDef, ShowIfDef, SurveyDef

YES_NO = (OptionDef("yes", "Yes"), OptionDef("no", "No"))
SURVEY = SurveyDef(
    pk=0,
    slug="test",
    version=1,
    title="Test",
    intro="",
    consent_intro="",
    consent_texts={},
    published=False,
    sections=(
        SectionDef(
            code="first",
            title="First",
            questions=(
                QuestionDef(code="smokes", kind="single", text="Do you smoke?", options=YES_NO),
                QuestionDef(code="conditions", kind="multiple", role="conditions", text="Conditions?"),
            ),
        ),
        SectionDef(
            code="second",
            title="Second",
            questions=(
                QuestionDef(
                    code="per_day",
                    kind="number",
                    text="How many a day?",
                    show_if=ShowIfDef("smokes", ("yes",)),
                ),
                QuestionDef(code="mood", kind="number", role="scored", text="Mood 0-10"),
            ),
            show_if=ShowIfDef("conditions", ("a", "b")),
            score_bands=({"code": "low", "min": 0, "max": 4}, {"code": "high", "min": 5, "max": 10}),
        ),
    ),
)


def test_a_section_is_shown_when_any_of_its_options_was_chosen():
    assert flow.steps(SURVEY, {"conditions": ["b"]}) == ["first", "second", "consent"]
    assert flow.steps(SURVEY, {"conditions": ["c"]}) == ["first", "consent"]
    assert flow.steps(SURVEY, {}) == ["first", "consent"]


def test_a_question_is_asked_only_when_its_condition_holds_and_only_then_required():
    smoker = {"conditions": ["a"], "smokes": "yes", "mood": 3}
    non_smoker = {"conditions": ["a"], "smokes": "no", "mood": 3}

    assert flow.first_incomplete_step(SURVEY, smoker, {}) == "second"
    assert flow.first_incomplete_step(SURVEY, non_smoker, {}) is None


def test_answers_to_questions_no_longer_asked_are_dropped():
    answers = {"conditions": ["c"], "smokes": "no", "per_day": 10, "mood": 7}

    assert flow.shown_answers(SURVEY, answers, {}) == {"conditions": ["c"], "smokes": "no"}


def test_a_score_is_read_in_its_bands_for_the_conditions_that_asked_it():
    severity = flow.severity_by_condition(SURVEY, {"conditions": ["a", "c"], "smokes": "no", "mood": 7})

    assert list(severity) == ["a"]
    assert (severity["a"].score, severity["a"].band["code"]) == (7, "high")


def test_the_next_step_after_one_that_disappeared_is_the_following_shown_one():
    assert flow.next_step(SURVEY, {"conditions": ["c"]}, after="second") == "consent"
    assert flow.previous_step(SURVEY, {"conditions": ["a"]}, before="consent") == "second"


def test_typed_treatments_are_one_per_line_without_repeats_and_at_most_five():
    typed = "Magnesium\n  magnesium \n\nWarm  baths\nA\nB\nC\nD"

    assert flow.other_names(typed) == ["Magnesium", "Warm baths", "A", "B", "C"]
    assert flow.compare_name("  Warm   Baths ") == "warm baths"

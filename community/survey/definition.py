"""A survey version read into plain, frozen objects: what the flow, the forms, the pages and the export work from.

Published versions never change, so their definition is read once per process (three queries) and kept; drafts
are read afresh every time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from community.survey.models import Option, Question, Section, Survey

Kind = Question.Kind
Role = Question.Role
CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.ITEM_0_4, Kind.RATING_1_5}
TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}


@dataclass(frozen=True)
class ShowIfDef:
    question: str
    options: tuple[str, ...]

    def met(self, answers: dict) -> bool:
        value = answers.get(self.question)
        if value in (None, "", []):
            return False
        if not self.options:
            return True
        values = value if isinstance(value, list) else [value]
        return any(str(v) in self.options for v in values)


@dataclass(frozen=True)
class OptionDef:
    code: str
    label: str
    score: int | None = None


@dataclass(frozen=True)
class QuestionDef:
    code: str
    kind: str
    text: str
    help_text: str = ""
    required: bool = True
    role: str = ""
    min_value: int | None = None
    max_value: int | None = None
    show_if: ShowIfDef | None = None
    options: tuple[OptionDef, ...] = ()
    items: tuple[QuestionDef, ...] = ()

    @property
    def is_block(self) -> bool:
        return self.kind == Kind.THERAPY_OUTCOME

    @property
    def is_free_text(self) -> bool:
        return self.kind in TEXT_KINDS

    def label_of(self, code: str) -> str:
        return next((option.label for option in self.options if option.code == str(code)), str(code))

    def score_of(self, code) -> int | None:
        return next((option.score for option in self.options if option.code == str(code)), None)

    def item(self, role: str) -> QuestionDef | None:
        return next((item for item in self.items if item.role == role), None)


@dataclass(frozen=True)
class SectionDef:
    code: str
    title: str
    intro: str = ""
    show_if: ShowIfDef | None = None
    score_name: str = ""
    score_note: str = ""
    score_bands: tuple[dict, ...] = ()
    questions: tuple[QuestionDef, ...] = ()

    @property
    def block(self) -> QuestionDef | None:
        return next((question for question in self.questions if question.is_block), None)

    @property
    def scored(self) -> tuple[QuestionDef, ...]:
        return tuple(question for question in self.questions if question.role == Role.SCORED)

    def band_of(self, score: int) -> dict | None:
        return next((band for band in self.score_bands if band["min"] <= score <= band["max"]), None)


@dataclass(frozen=True)
class SurveyDef:
    pk: int
    slug: str
    version: int
    title: str
    intro: str
    consent_intro: str
    consent_texts: dict[str, str]
    published: bool
    sections: tuple[SectionDef, ...] = field(default=())

    def section(self, code: str) -> SectionDef | None:
        return next((section for section in self.sections if section.code == code), None)

    @cached_property
    def questions(self) -> dict[str, QuestionDef]:
        """Every question by code, the items of blocks too."""
        found = {}
        for section in self.sections:
            for question in section.questions:
                found[question.code] = question
                for item in question.items:
                    found[item.code] = item
        return found

    def with_role(self, role: str) -> QuestionDef | None:
        return next(
            (q for section in self.sections for q in section.questions if q.role == role),
            None,
        )

    def section_of(self, question_code: str) -> SectionDef | None:
        for section in self.sections:
            if any(question.code == question_code for question in section.questions):
                return section
        return None


_published: dict[tuple, SurveyDef] = {}


def of(survey: Survey) -> SurveyDef:
    """The definition of a survey version (kept per process once published, since it can no longer change)."""
    # The moment of publishing is part of the key: a test database may give a rolled-back row's id to another.
    key = (survey.pk, survey.published_at)
    if survey.is_published and key in _published:
        return _published[key]
    definition = _read(survey)
    if survey.is_published:
        _published[key] = definition
    return definition


def current() -> SurveyDef | None:
    survey = Survey.objects.current()
    return of(survey) if survey else None


def _show_if(row) -> ShowIfDef | None:
    if not row.show_if_question:
        return None
    return ShowIfDef(row.show_if_question, tuple(row.show_if_option_list))


def _read(survey: Survey) -> SurveyDef:
    sections = list(Section.objects.filter(survey=survey).order_by("position", "pk"))
    questions = list(Question.objects.filter(survey=survey).order_by("position", "pk"))
    options: dict[int, list[OptionDef]] = {}
    for option in Option.objects.filter(question__survey=survey).order_by("position", "pk"):
        options.setdefault(option.question_id, []).append(OptionDef(option.code, option.label, option.score))

    def build(question, items=()) -> QuestionDef:
        return QuestionDef(
            code=question.code,
            kind=question.kind,
            text=question.text,
            help_text=question.help_text,
            required=question.required,
            role=question.role,
            min_value=question.min_value,
            max_value=question.max_value,
            show_if=_show_if(question),
            options=tuple(options.get(question.pk, ())),
            items=tuple(items),
        )

    items_of: dict[int, list[QuestionDef]] = {}
    for question in questions:
        if question.block_id:
            items_of.setdefault(question.block_id, []).append(build(question))
    section_defs = []
    for section in sections:
        top = [q for q in questions if q.section_id == section.pk and not q.block_id]
        section_defs.append(
            SectionDef(
                code=section.code,
                title=section.title,
                intro=section.intro,
                show_if=_show_if(section),
                score_name=section.score_name,
                score_note=section.score_note,
                score_bands=tuple(section.score_bands or ()),
                questions=tuple(build(q, items_of.get(q.pk, ())) for q in top),
            )
        )
    return SurveyDef(
        pk=survey.pk,
        slug=survey.slug,
        version=survey.version,
        title=survey.title,
        intro=survey.intro,
        consent_intro=survey.consent_intro,
        consent_texts={
            "statistics": survey.consent_statistics,
            "research": survey.consent_research,
            "recontact": survey.consent_recontact,
        },
        published=survey.is_published,
        sections=tuple(section_defs),
    )

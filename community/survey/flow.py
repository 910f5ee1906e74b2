"""What a member's answers mean for the survey's flow: which steps they see, which answers count, their scores.

Pure functions over a `SurveyDef` and an answers dict (item code → value; a block's items are stored under
"block:treatment:item"), so the rules can be tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass

from community.survey.definition import QuestionDef, Role, SectionDef, SurveyDef

CONSENT_STEP = "consent"
MAX_OTHER_TREATMENTS = 5
OTHER_PREFIX = "other-"
# The outcome codes the statistics rely on (the outcome item of a block must offer exactly these): a symmetric
# scale, as many grades of "worse" as of "better" around "no change". "Helped" is the top grade only.
HELPED = ("much_better",)
OUTCOMES = ("much_better", "a_little_better", "none", "a_little_worse", "much_worse")
TOO_EARLY = "too_early"
# Survey version 1 asked on a lopsided scale (three grades of improvement, one of worse). Its answers are read on
# the symmetric scale step by step from "no change": a big or a clear improvement is "much better" (together they
# were "helped", and still are), a slight one "a little better", and the single "worse" is the first step down,
# "a little worse", since version 1 never asked how much worse. The results page says so.
OUTCOME_FROM_VERSION_1 = {
    "major": "much_better",
    "moderate": "much_better",
    "slight": "a_little_better",
    "none": "none",
    "worse": "a_little_worse",
    "too_early": "too_early",
}


@dataclass(frozen=True)
class Tried:
    """One treatment the outcome block asks about: from the list, or typed under "anything else"."""

    key: str  # the treatment's code, or "other-N"
    name: str
    other_name: str = ""  # for typed ones: the name as compared (lower case, single spaces)

    @property
    def is_other(self) -> bool:
        return bool(self.other_name)


def outcome_on_scale(code: str) -> str:
    """An outcome answer on the symmetric scale, whichever version it was given to (the codes never overlap)."""
    return OUTCOME_FROM_VERSION_1.get(code, code)


def block_key(block: QuestionDef, tried_key: str, item: QuestionDef) -> str:
    return f"{block.code}:{tried_key}:{item.code}"


def compare_name(name: str) -> str:
    return " ".join(name.lower().split())[:120]


def other_names(text: str) -> list[str]:
    """The treatments typed under "anything else": one per line, duplicates dropped, at most five."""
    names: list[str] = []
    seen: set[str] = set()
    for line in (text or "").splitlines():
        name = " ".join(line.split())[:120]
        if name and compare_name(name) not in seen:
            seen.add(compare_name(name))
            names.append(name)
    return names[:MAX_OTHER_TREATMENTS]


def tried(definition: SurveyDef, answers: dict, treatment_names: dict[str, str]) -> list[Tried]:
    """The treatments the outcome block asks about, in the order the member gave them.

    `treatment_names` maps the codes of the treatment list to names; a code no longer on it is still asked about
    (a member keeps what they answered) under its code.
    """
    entries = []
    listed = definition.with_role(Role.TREATMENTS)
    if listed is not None:
        for code in answers.get(listed.code) or []:
            entries.append(Tried(key=code, name=treatment_names.get(code, code)))
    other = definition.with_role(Role.OTHER_TREATMENTS)
    if other is not None:
        for number, name in enumerate(other_names(answers.get(other.code, "")), start=1):
            entries.append(Tried(key=f"{OTHER_PREFIX}{number}", name=name, other_name=compare_name(name)))
    return entries


def has_tried_anything(definition: SurveyDef, answers: dict) -> bool:
    listed = definition.with_role(Role.TREATMENTS)
    other = definition.with_role(Role.OTHER_TREATMENTS)
    return bool((listed and answers.get(listed.code)) or (other and other_names(answers.get(other.code, ""))))


def section_visible(definition: SurveyDef, section: SectionDef, answers: dict) -> bool:
    if section.show_if is not None and not section.show_if.met(answers):
        return False
    # The outcome block has nothing to ask about until the member names a treatment.
    return section.block is None or has_tried_anything(definition, answers)


def question_visible(question: QuestionDef, answers: dict) -> bool:
    return question.show_if is None or question.show_if.met(answers)


def visible_sections(definition: SurveyDef, answers: dict) -> list[SectionDef]:
    return [section for section in definition.sections if section_visible(definition, section, answers)]


def steps(definition: SurveyDef, answers: dict) -> list[str]:
    """The codes of the steps this member goes through, the consent step last."""
    return [section.code for section in visible_sections(definition, answers)] + [CONSENT_STEP]


def next_step(definition: SurveyDef, answers: dict, after: str) -> str:
    codes = steps(definition, answers)
    if after in codes:
        return codes[min(codes.index(after) + 1, len(codes) - 1)]
    # The step just saved is no longer shown (its condition changed): continue from where it sat in the survey.
    order = [section.code for section in definition.sections]
    later = order[order.index(after) + 1 :] if after in order else []
    return next((code for code in later if code in codes), CONSENT_STEP)


def previous_step(definition: SurveyDef, answers: dict, before: str) -> str:
    codes = steps(definition, answers)
    if before in codes:
        return codes[max(codes.index(before) - 1, 0)]
    return codes[0]


def keys_of(section: SectionDef, answers: dict) -> set[str]:
    """The answer keys a section owns: its questions' codes and every key of its block."""
    keys = {question.code for question in section.questions}
    block = section.block
    if block is not None:
        keys |= {key for key in answers if key.startswith(f"{block.code}:")}
    return keys


def shown_answers(definition: SurveyDef, answers: dict, treatment_names: dict[str, str]) -> dict:
    """Only the answers to questions the member is shown now: what is left of answers to hidden steps goes."""
    kept = {}
    for section in visible_sections(definition, answers):
        for question in section.questions:
            if not question_visible(question, answers):
                continue
            if question.is_block:
                for entry in tried(definition, answers, treatment_names):
                    for item in question.items:
                        key = block_key(question, entry.key, item)
                        if key in answers:
                            kept[key] = answers[key]
            elif question.code in answers:
                kept[question.code] = answers[question.code]
    return kept


def first_incomplete_step(definition: SurveyDef, answers: dict, treatment_names: dict[str, str]) -> str | None:
    """The first shown step with a required question left unanswered, or None when all are answered."""
    for section in visible_sections(definition, answers):
        for question in section.questions:
            if not question_visible(question, answers):
                continue
            if question.is_block:
                for entry in tried(definition, answers, treatment_names):
                    for item in question.items:
                        if item.required and _empty(answers.get(block_key(question, entry.key, item))):
                            return section.code
            elif question.required and _empty(answers.get(question.code)):
                return section.code
    return None


def _empty(value) -> bool:
    return value is None or value == "" or value == []


# --- What the answers mean -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Severity:
    section: SectionDef
    score: int
    band: dict | None


def severities(definition: SurveyDef, answers: dict) -> list[Severity]:
    """The score of each shown scoring section that the member answered in full."""
    found = []
    for section in visible_sections(definition, answers):
        scored = section.scored
        if not scored or not section.score_bands:
            continue
        values = []
        for question in scored:
            value = answers.get(question.code)
            if _empty(value):
                break
            score = question.score_of(value) if question.options else value
            values.append(int(score))
        else:
            total = sum(values)
            found.append(Severity(section=section, score=total, band=section.band_of(total)))
    return found


def severity_by_condition(definition: SurveyDef, answers: dict) -> dict[str, Severity]:
    """For each condition the member named, the severity of the section asked because of it (if any)."""
    conditions = definition.with_role(Role.CONDITIONS)
    if conditions is None:
        return {}
    named = answers.get(conditions.code) or []
    result = {}
    for severity in severities(definition, answers):
        show_if = severity.section.show_if
        applies_to = show_if.options if show_if and show_if.question == conditions.code else ()
        for code in named:
            if code in applies_to and code not in result:
                result[code] = severity
    return result

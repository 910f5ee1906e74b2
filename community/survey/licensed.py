"""The slot for a licensed, validated scale: an operator who holds a licence loads it as a new survey version.

Remedy Commons ships no validated scale, since their texts are licensed (the IRLS among them), and copies nothing of
one: its own restless legs score is a different instrument (see `builtin.LEGS_SECTION`). An operator with a licence
writes the scale into a JSON file kept outside this repository, in the shape of a section of `builtin.py`:

    {
      "code": "licensed_rls",
      "title": "…", "intro": "…",
      "score_name": "…",
      "score_note": "Used under licence from … (the attribution the licence asks for).",
      "score_bands": [{"code": "…", "label": "…", "min": 0, "max": 10}, …],
      "questions": [{"code": "…", "text": "…", "options": [["0", "…", 0], ["1", "…", 1], …]}, …]
    }

and runs `manage.py load_licensed_scale FILE --replace legs`. That makes a draft of the next version of the current
survey with the section `legs` replaced by the licensed one (asked of the same members), to review and publish in
the admin like any version. Answers to earlier versions keep the score they answered; the statistics count the
bands of the published version only, so two different scores are never mixed.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from community.survey import actions
from community.survey.models import CODE_PATTERN, Option, Question, Section, Survey

CODE = re.compile(CODE_PATTERN)


def problems(data: dict[str, Any]) -> list[str]:
    """Why `data` cannot be loaded as a scored section (an empty list when it can)."""
    found = []
    for key in ("code", "title", "score_name", "score_note", "score_bands", "questions"):
        if not data.get(key):
            found.append(f"“{key}” is missing.")
    if found:
        return found
    if not CODE.match(data["code"]):
        found.append(f"The section code “{data['code']}” is not a valid code.")
    highest = 0
    for question in data["questions"]:
        code = question.get("code", "")
        if not CODE.match(code) or not question.get("text"):
            found.append(f"Question “{code}” needs a valid code and a text.")
        scores = [option[2] for option in question.get("options", []) if len(option) == 3]
        if len(scores) < 2 or len(scores) != len(question.get("options", [])):
            found.append(f"Question “{code}” needs at least two answers, each as [code, label, score].")
        elif not all(isinstance(score, int) for score in scores):
            found.append(f"Question “{code}”: scores are whole numbers.")
        else:
            highest += max(scores)
    covered = sorted((band["min"], band["max"]) for band in data["score_bands"])
    expected = 0
    for low, high in covered:
        if low != expected or high < low:
            found.append("The score bands must cover every total from 0 up, without gaps or overlaps.")
            break
        expected = high + 1
    else:
        if expected != highest + 1:
            found.append(f"The score bands end at {expected - 1}, but the highest total is {highest}.")
    return found


@transaction.atomic
def load_licensed_scale(*, survey: Survey, data: dict[str, Any], replace: str) -> Survey:
    """A draft of the next version of `survey` with its section `replace` swapped for the licensed scale."""
    found = problems(data)
    old = Section.objects.filter(survey=survey, code=replace).first()
    if old is None:
        found.append(f"{survey} has no section “{replace}”.")
    else:
        taken = set(Question.objects.filter(survey=survey).exclude(section=old).values_list("code", flat=True))
        taken |= set(Section.objects.filter(survey=survey).exclude(pk=old.pk).values_list("code", flat=True))
        clashes = sorted(taken & {data.get("code"), *(q.get("code") for q in data.get("questions", []))})
        if clashes:
            found.append(f"These codes are already used elsewhere in {survey}: {', '.join(clashes)}.")
    if found:
        raise ValidationError(found)
    draft = actions.make_new_version(survey=survey)
    replaced = Section.objects.get(survey=draft, code=replace)
    position, show_if_question, show_if_options = (
        replaced.position,
        replaced.show_if_question,
        replaced.show_if_options,
    )
    replaced.delete()
    section = Section.objects.create(
        survey=draft,
        position=position,
        code=data["code"],
        title=data["title"],
        intro=data.get("intro", ""),
        show_if_question=show_if_question,
        show_if_options=show_if_options,
        score_name=data["score_name"],
        score_note=data["score_note"],
        score_bands=data["score_bands"],
    )
    for question_position, item in enumerate(data["questions"], start=1):
        question = Question.objects.create(
            survey=draft,
            section=section,
            position=question_position,
            code=item["code"],
            kind=Question.Kind.SINGLE,
            role=Question.Role.SCORED,
            text=item["text"],
            help_text=item.get("help", ""),
        )
        Option.objects.bulk_create(
            Option(question=question, position=option_position, code=str(code), label=label, score=score)
            for option_position, (code, label, score) in enumerate(item["options"], start=1)
        )
    return draft

"""Research exports of one survey version: de-identified answers and the codebook, both CSV.

The answers file holds only members with research consent in force, and of them nothing that identifies: no user
id, e-mail or display name (a stable pseudonym instead: an HMAC of the user id under the site's secret key, so the
same member has the same pseudonym in every export and nobody without the key can reverse it), no free text
(short and long answers, tips, typed treatment names), and dates only to the month.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef

from community.survey import flow
from community.survey.definition import Kind, QuestionDef, Role, SurveyDef
from community.survey.models import Consent, Response, Treatment

MULTIPLE_SEPARATOR = ";"


def pseudonym(member_id: int) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"survey-member:{member_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:20]


def _exported(question: QuestionDef) -> bool:
    """Free text never leaves the site: it may name people, places or the member."""
    return not question.is_free_text and question.role not in (Role.OTHER_TREATMENTS, Role.TIP)


@dataclass(frozen=True)
class Column:
    name: str
    question: QuestionDef | None
    # For a block item: the treatment code it is about.
    treatment: str = ""
    note: str = ""


def columns(definition: SurveyDef, treatment_codes: list[str]) -> list[Column]:
    found = [
        Column("pid", None, note="Pseudonymous member id: the same member has the same id in every export."),
        Column("survey_version", None, note="The survey version answered."),
        Column("submitted_month", None, note="Year and month the answers were last sent (YYYY-MM)."),
    ]
    for section in definition.sections:
        for question in section.questions:
            if question.is_block:
                for code in treatment_codes:
                    for item in question.items:
                        if _exported(item):
                            found.append(Column(f"{question.code}__{code}__{item.code}", item, treatment=code))
            elif _exported(question):
                found.append(Column(question.code, question))
        if section.scored and section.score_bands:
            found.append(Column(f"{section.code}_score", None, note=f"{section.score_name}: the sum of its items."))
    return found


def _value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return MULTIPLE_SEPARATOR.join(str(v) for v in value)
    return str(value)


def consented_responses(survey):
    research = Consent.objects.filter(
        member=OuterRef("member"), purpose=Consent.Purpose.RESEARCH, withdrawn_at__isnull=True
    )
    return Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).filter(Exists(research))


def answers_csv(survey, definition: SurveyDef) -> tuple[str, int]:
    """The CSV text and its number of data rows."""
    rows = list(
        consented_responses(survey).order_by("pk").values_list("member_id", "submitted_at", "submitted_answers")
    )
    listed = definition.with_role(Role.TREATMENTS)
    treatment_codes = (
        sorted({code for _m, _s, answers in rows for code in (answers or {}).get(listed.code, [])}) if listed else []
    )
    cols = columns(definition, treatment_codes)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.name for column in cols])
    block = next((section.block for section in definition.sections if section.block), None)
    for member_id, submitted_at, answers in rows:
        answers = answers or {}
        scores = {severity.section.code: severity.score for severity in flow.severities(definition, answers)}
        line = []
        for column in cols:
            if column.name == "pid":
                line.append(pseudonym(member_id))
            elif column.name == "survey_version":
                line.append(definition.version)
            elif column.name == "submitted_month":
                line.append(submitted_at.strftime("%Y-%m") if submitted_at else "")
            elif column.name.endswith("_score") and column.question is None:
                line.append(_value(scores.get(column.name.removesuffix("_score"))))
            elif column.treatment and block is not None:
                line.append(_value(answers.get(flow.block_key(block, column.treatment, column.question))))
            else:
                line.append(_value(answers.get(column.name)))
        writer.writerow(line)
    return out.getvalue(), len(rows)


def codebook_csv(definition: SurveyDef) -> tuple[str, int]:
    """One row per column and answer code: what every column of the answers file means."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["column", "question", "kind", "answer_code", "answer_label", "score", "note"])
    count = 0

    def row(*values) -> None:
        nonlocal count
        writer.writerow(values)
        count += 1

    for column in columns(definition, ["{treatment}"]):
        question = column.question
        if question is None:
            row(column.name, "", "", "", "", "", column.note)
            continue
        note = "One column per treatment code listed under treatments_tried." if column.treatment else ""
        if question.role == Role.TREATMENTS:
            note = f"Treatment codes, separated by “{MULTIPLE_SEPARATOR}”."
            for code, name in Treatment.objects.order_by("code").values_list("code", "name"):
                row(column.name, question.text, question.kind, code, name, "", note)
            continue
        if question.kind == Kind.MULTIPLE:
            note = f"Answer codes, separated by “{MULTIPLE_SEPARATOR}”."
        if question.options:
            for option in question.options:
                score = "" if option.score is None else option.score
                row(column.name, question.text, question.kind, option.code, option.label, score, note)
        else:
            bounds = ""
            if question.kind == Kind.NUMBER:
                bounds = f"Whole number from {question.min_value} to {question.max_value}."
            elif question.kind == Kind.MONTH_YEAR:
                bounds = "Year and month (YYYY-MM)."
            row(column.name, question.text, question.kind, "", "", "", " ".join(filter(None, [bounds, note])))
    return out.getvalue(), count

"""Every change the survey makes: saving a step, submitting, consents, deleting, and the editors' work.

Each flow runs in one transaction and locks the member's response row, so a double click or two tabs cannot
interleave. A submission rebuilds the rows the statistics read and asks for a (debounced) statistics refresh.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from community.survey import definition as definitions
from community.survey import exports, flow, tasks
from community.survey.definition import Role, SurveyDef
from community.survey.followups.actions import schedule_follow_ups
from community.survey.models import (
    Consent,
    Option,
    OtherTreatmentName,
    Question,
    Response,
    ResponseCondition,
    Section,
    Survey,
    SurveyExport,
    Tip,
    Treatment,
    TreatmentReport,
)

PURPOSES = tuple(Consent.Purpose.values)
OUTCOME_CODES = {*flow.OUTCOMES, flow.TOO_EARLY}


class Incomplete(Exception):
    """A required answer is missing; `step` is where."""

    def __init__(self, step: str):
        super().__init__(step)
        self.step = step


class ConsentRequired(Exception):
    """Answers are sent only with consent to the community statistics."""


# --- Taking the survey -----------------------------------------------------------------------------------------------


def _locked_response(*, member, survey: Survey, create: bool) -> Response | None:
    """The member's response to this version, locked for the transaction; a new one starts from their last answers."""
    response = Response.objects.select_for_update().filter(member=member, survey=survey).first()
    if response is not None or not create:
        return response
    carried = carried_over(member=member, survey=survey)
    response, _created = Response.objects.get_or_create(member=member, survey=survey, defaults={"answers": carried})
    return Response.objects.select_for_update().get(pk=response.pk)


def carried_over(*, member, survey: Survey) -> dict:
    """Answers to an earlier version whose item codes this version still asks: nobody types them twice."""
    earlier = (
        Response.objects.filter(member=member, survey__slug=survey.slug, status=Response.Status.SUBMITTED)
        .exclude(survey=survey)
        .order_by("-survey__version")
        .values_list("submitted_answers", flat=True)
        .first()
    )
    if not earlier:
        return {}
    definition = definitions.of(survey)
    known = set(definition.questions)
    blocks = {q.code for q in definition.questions.values() if q.is_block}
    carried = {key: value for key, value in earlier.items() if key in known or key.split(":", 1)[0] in blocks}
    # An outcome given on version 1's scale comes back on the symmetric one, for the member to check.
    outcome_items = {q.code for q in definition.questions.values() if q.role == Role.OUTCOME}
    for key, value in carried.items():
        if key.count(":") == 2 and key.rsplit(":", 1)[1] in outcome_items and isinstance(value, str):
            carried[key] = flow.outcome_on_scale(value)
    return carried


@transaction.atomic
def save_survey_step(*, member, survey: Survey, step: str, values: dict, going_back: bool = False) -> Response:
    """Store one step's answers (replacing what the step held) and move the member's place on."""
    definition = definitions.of(survey)
    section = definition.section(step)
    if section is None:
        raise ValueError(f"no step {step!r} in {survey}")
    response = _locked_response(member=member, survey=survey, create=True)
    owned = flow.keys_of(section, response.answers)
    answers = {key: value for key, value in response.answers.items() if key not in owned}
    answers.update(values)
    move = flow.previous_step if going_back else flow.next_step
    response.answers = answers
    response.step = move(definition, answers, step)
    response.updated_at = timezone.now()
    response.save(update_fields=["answers", "step", "updated_at"])
    return response


@transaction.atomic
def submit_response(*, member, survey: Survey, consents: dict[str, bool]) -> tuple[Response, bool]:
    """Send the answers. Returns the response and whether anything changed (a double submit changes nothing)."""
    if not consents.get(Consent.Purpose.STATISTICS):
        raise ConsentRequired
    response = _locked_response(member=member, survey=survey, create=False)
    if response is None:
        raise Incomplete(definitions.of(survey).sections[0].code)
    definition = definitions.of(survey)
    names = _treatment_names(definition, response.answers)
    answers = flow.shown_answers(definition, response.answers, names)
    missing = flow.first_incomplete_step(definition, answers, names)
    if missing is not None:
        raise Incomplete(missing)
    consents_changed = set_consents(member=member, survey=survey, wanted=consents)
    if response.is_submitted and answers == response.submitted_answers:
        if response.step:
            response.step = ""
            response.save(update_fields=["step"])
        return response, consents_changed
    now = timezone.now()
    first = not response.is_submitted
    response.answers = answers
    response.submitted_answers = answers
    response.status = Response.Status.SUBMITTED
    response.step = ""
    response.updated_at = now
    response.submitted_at = now if first else response.submitted_at
    response.save(update_fields=["answers", "submitted_answers", "status", "step", "updated_at", "submitted_at"])
    # Each member counts once, with their newest answers.
    Response.objects.filter(member=member, status=Response.Status.SUBMITTED).exclude(pk=response.pk).update(
        superseded=True
    )
    _record_for_statistics(response, definition=definition, answers=answers, names=names)
    _keep_tips(response, definition=definition, answers=answers, names=names)
    schedule_follow_ups(response=response)
    tasks.request_refresh()
    return response, True


def _treatment_names(definition: SurveyDef, answers: dict) -> dict[str, str]:
    listed = definition.with_role(Role.TREATMENTS)
    codes = answers.get(listed.code, []) if listed else []
    return dict(Treatment.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}


def _record_for_statistics(response: Response, *, definition: SurveyDef, answers: dict, names: dict) -> None:
    """Rebuild the rows the statistics count from: the member's conditions (with severity) and treatments."""
    from therapies.models import Condition

    ResponseCondition.objects.filter(response=response).delete()
    TreatmentReport.objects.filter(response=response).delete()
    conditions_question = definition.with_role(Role.CONDITIONS)
    codes = answers.get(conditions_question.code, []) if conditions_question else []
    by_slug = {c.slug: c for c in Condition.objects.filter(slug__in=codes)} if codes else {}
    severity = flow.severity_by_condition(definition, answers)
    ResponseCondition.objects.bulk_create(
        ResponseCondition(
            response=response,
            code=code,
            condition=by_slug.get(code),
            severity_band=severity[code].band["code"] if code in severity and severity[code].band else "",
            severity_score=severity[code].score if code in severity else None,
        )
        for code in codes
    )
    block = next((q for section in definition.sections if (q := section.block)), None)
    if block is None:
        return
    outcome, side_effects = block.item(Role.OUTCOME), block.item(Role.SIDE_EFFECTS)
    entries = flow.tried(definition, answers, names)
    treatment_ids = dict(Treatment.objects.filter(code__in=[e.key for e in entries]).values_list("code", "pk"))
    others = [entry.other_name for entry in entries if entry.is_other]
    mapped = note_other_names(others, examples={e.other_name: e.name for e in entries if e.is_other})
    reports = []
    for entry in entries:
        treatment_id = treatment_ids.get(entry.key) if not entry.is_other else mapped.get(entry.other_name)
        if entry.is_other and treatment_id in treatment_ids.values():
            treatment_id = None  # also chosen from the list: counted there, once
        reports.append(
            TreatmentReport(
                response=response,
                treatment_id=treatment_id,
                other_name=entry.other_name,
                # Stored on the symmetric scale, whichever version the answer was given to.
                outcome=flow.outcome_on_scale(answers.get(flow.block_key(block, entry.key, outcome), ""))
                if outcome
                else "",
                side_effects=answers.get(flow.block_key(block, entry.key, side_effects), "") if side_effects else "",
            )
        )
    TreatmentReport.objects.bulk_create(reports)
    if others:
        count_mentions(others)


def count_mentions(names: list[str]) -> None:
    """How many answers name each typed treatment: the editors' queue puts the most named first."""
    named = (
        TreatmentReport.objects.filter(other_name=OuterRef("name"))
        .order_by()
        .values("other_name")
        .annotate(n=Count("pk"))
        .values("n")
    )
    OtherTreatmentName.objects.filter(name__in=names).update(mentions=Coalesce(Subquery(named), 0))


def note_other_names(names: list[str], *, examples: dict[str, str]) -> dict[str, int | None]:
    """Names typed under "anything else", entered for the editors' review; returns those already mapped."""
    if not names:
        return {}
    known = {row.name: row for row in OtherTreatmentName.objects.filter(name__in=names)}
    OtherTreatmentName.objects.bulk_create(
        [OtherTreatmentName(name=name, example=examples[name]) for name in names if name not in known],
        ignore_conflicts=True,
    )
    return {
        name: row.treatment_id
        for name, row in known.items()
        if row.status == OtherTreatmentName.Status.MAPPED and row.treatment_id
    }


def _keep_tips(response: Response, *, definition: SurveyDef, answers: dict, names: dict) -> None:
    """Tips go to the moderators on their own: a changed tip waits again, an emptied one goes."""
    block = next((q for section in definition.sections if (q := section.block)), None)
    tip_item = block.item(Role.TIP) if block else None
    if tip_item is None:
        return
    treatment_ids = dict(Treatment.objects.filter(code__in=list(names)).values_list("code", "pk"))
    wanted = {}
    for entry in flow.tried(definition, answers, names):
        text = (answers.get(flow.block_key(block, entry.key, tip_item)) or "").strip()
        if text:
            wanted[entry.name[:120]] = (text, None if entry.is_other else treatment_ids.get(entry.key))
    existing = {tip.treatment_name: tip for tip in Tip.objects.filter(member=response.member, survey=response.survey)}
    for name, tip in existing.items():
        if name not in wanted:
            tip.delete()
        elif tip.text != wanted[name][0]:
            tip.text, tip.status, tip.decided_by = wanted[name][0], Tip.Status.PENDING, None
            tip.save(update_fields=["text", "status", "decided_by"])
    Tip.objects.bulk_create(
        Tip(member=response.member, survey=response.survey, treatment_id=treatment_id, treatment_name=name, text=text)
        for name, (text, treatment_id) in wanted.items()
        if name not in existing
    )


# --- Consents --------------------------------------------------------------------------------------------------------


@transaction.atomic
def set_consents(*, member, survey: Survey, wanted: dict[str, bool]) -> bool:
    """Grant what is wanted and not in force, withdraw what is in force and no longer wanted. Returns if any moved.

    A grant given to another version's text is replaced by a grant to this one (the old row is closed).
    """
    active = {c.purpose: c for c in Consent.objects.select_for_update().filter(member=member, withdrawn_at=None)}
    definition = definitions.of(survey)
    now = timezone.now()
    changed = False
    for purpose in PURPOSES:
        grant = active.get(purpose)
        text = definition.consent_texts[purpose]
        if wanted.get(purpose):
            if grant is not None and grant.text == text:
                continue
            if grant is not None:
                grant.withdrawn_at = now
                grant.save(update_fields=["withdrawn_at"])
            Consent.objects.create(member=member, purpose=purpose, survey=survey, text=text, granted_at=now)
            changed = True
            if purpose == Consent.Purpose.STATISTICS and grant is None:
                tasks.request_refresh()  # counted again from the next refresh
        elif grant is not None:
            grant.withdrawn_at = now
            grant.save(update_fields=["withdrawn_at"])
            changed = True
            if purpose == Consent.Purpose.STATISTICS:
                tasks.request_refresh()
    return changed


@transaction.atomic
def withdraw_consent(*, member, purpose: str) -> bool:
    """Withdraw one consent; without the statistics one, the member drops out of the next refresh."""
    withdrawn = Consent.objects.filter(member=member, purpose=purpose, withdrawn_at=None).update(
        withdrawn_at=timezone.now()
    )
    if withdrawn and purpose == Consent.Purpose.STATISTICS:
        tasks.request_refresh()
    return bool(withdrawn)


def consents_in_force(member) -> dict[str, Consent]:
    return {c.purpose: c for c in Consent.objects.filter(member=member, withdrawn_at=None)}


# --- Deleting --------------------------------------------------------------------------------------------------------


@transaction.atomic
def delete_survey_answers(*, member) -> int:
    """Every response, tip and consent in force of the member goes; the next refresh no longer counts them."""
    responses = Response.objects.filter(member=member)
    counted = responses.filter(status=Response.Status.SUBMITTED).exists()
    deleted, _ = responses.delete()
    Tip.objects.filter(member=member).delete()
    Consent.objects.filter(member=member, withdrawn_at=None).update(withdrawn_at=timezone.now())
    if counted:
        tasks.request_refresh()
    return deleted


# --- Editors: versions -----------------------------------------------------------------------------------------------


@transaction.atomic
def make_new_version(*, survey: Survey) -> Survey:
    """A draft copy of the version with the next number, keeping every item and answer code."""
    newest = Survey.objects.filter(slug=survey.slug).order_by("-version").values_list("version", flat=True).first()
    copy = Survey.objects.create(
        slug=survey.slug,
        version=(newest or 0) + 1,
        title=survey.title,
        intro=survey.intro,
        consent_intro=survey.consent_intro,
        consent_statistics=survey.consent_statistics,
        consent_research=survey.consent_research,
        consent_recontact=survey.consent_recontact,
        status=Survey.Status.DRAFT,
        based_on=survey,
    )
    section_map = {}
    for section in Section.objects.filter(survey=survey):
        old_pk = section.pk
        section.pk, section.survey = None, copy
        section.save()
        section_map[old_pk] = section
    question_map = {}
    # Blocks before their items, so the items can point at the copied block.
    for question in Question.objects.filter(survey=survey).order_by(F("block_id").asc(nulls_first=True), "pk"):
        old_pk = question.pk
        question.pk, question.survey, question.section = None, copy, section_map[question.section_id]
        question.block = question_map.get(question.block_id) if question.block_id else None
        question.save()
        question_map[old_pk] = question
    Option.objects.bulk_create(
        Option(question=question_map[o.question_id], position=o.position, code=o.code, label=o.label, score=o.score)
        for o in Option.objects.filter(question__survey=survey)
    )
    return copy


def code_problems(survey: Survey) -> list[str]:
    """Why a draft cannot be published: an answer code reused for another answer, a show-if that looks ahead, an
    outcome item whose answers the statistics would not understand."""
    problems = []
    earlier_labels = {
        (question_code, option_code): label
        for question_code, option_code, label in Option.objects.filter(
            question__survey__slug=survey.slug, question__survey__version__lt=survey.version
        ).values_list("question__code", "code", "label")
    }
    definition = definitions.of(survey)
    for question in definition.questions.values():
        for option in question.options:
            before = earlier_labels.get((question.code, option.code))
            if before is not None and before != option.label:
                problems.append(
                    f"{question.code}: the answer code “{option.code}” meant “{before}” in an earlier version; "
                    f"give “{option.label}” a new code."
                )
        if question.role == Role.OUTCOME and {o.code for o in question.options} != OUTCOME_CODES:
            problems.append(f"{question.code}: an outcome item offers exactly {', '.join(sorted(OUTCOME_CODES))}.")
    for index, section in enumerate(definition.sections):
        earlier = {q.code for s in definition.sections[:index] for q in s.questions}
        for owner, show_if in [(section.code, section.show_if)] + [(q.code, q.show_if) for q in section.questions]:
            if show_if is not None and show_if.question not in earlier:
                problems.append(
                    f"{owner}: “show only if” must name a question of an earlier section, not “{show_if.question}”."
                )
    return problems


@transaction.atomic
def publish_survey(*, survey: Survey) -> None:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_published:
        return
    problems = code_problems(survey)
    if problems:
        raise ValidationError(problems)
    survey.status = Survey.Status.PUBLISHED
    survey.published_at = timezone.now()
    survey.save(update_fields=["status", "published_at"])


# --- Editors: research exports ---------------------------------------------------------------------------------------


@transaction.atomic
def export_survey(*, survey: Survey, kind: str, editor) -> str:
    """The CSV of one survey version for research — the consented answers or the codebook (`SurveyExport.Kind`) —
    with the download logged: who, what, how many rows."""
    definition = definitions.of(survey)
    if kind == SurveyExport.Kind.ANSWERS:
        text, rows = exports.answers_csv(survey, definition)
    elif kind == SurveyExport.Kind.CODEBOOK:
        text, rows = exports.codebook_csv(definition)
    else:
        raise ValueError(f"No export of kind {kind!r}.")
    SurveyExport.objects.create(editor=editor, survey=survey, kind=kind, rows=rows)
    return text


# --- Editors: the treatment list and tips ----------------------------------------------------------------------------


@transaction.atomic
def map_other_treatment(*, name: OtherTreatmentName, treatment: Treatment, editor) -> int:
    """Count a typed name as a treatment on the list, in every response that named it (once per response)."""
    name.status, name.treatment = OtherTreatmentName.Status.MAPPED, treatment
    name.decided_by, name.decided_at = editor, timezone.now()
    name.save(update_fields=["status", "treatment", "decided_by", "decided_at"])
    already = TreatmentReport.objects.filter(treatment=treatment).values("response_id")
    updated = (
        TreatmentReport.objects.filter(other_name=name.name)
        .exclude(response_id__in=already)
        .update(treatment=treatment)
    )
    Tip.objects.filter(treatment__isnull=True, treatment_name__iexact=name.example).update(treatment=treatment)
    if updated:
        tasks.request_refresh()
    return updated


@transaction.atomic
def add_other_treatment_to_list(*, name: OtherTreatmentName, editor) -> Treatment:
    """Put a typed name on the list members choose from, and count the answers that named it."""
    code = base = slugify(name.example)[:100] or "treatment"
    number = 2
    while Treatment.objects.filter(code=code).exists():
        code, number = f"{base}-{number}", number + 1
    treatment = Treatment.objects.create(code=code, name=name.example[:120], listed=True)
    map_other_treatment(name=name, treatment=treatment, editor=editor)
    return treatment


@transaction.atomic
def decline_other_treatment(*, name: OtherTreatmentName, editor) -> None:
    name.status, name.treatment = OtherTreatmentName.Status.DECLINED, None
    name.decided_by, name.decided_at = editor, timezone.now()
    name.save(update_fields=["status", "treatment", "decided_by", "decided_at"])
    counted = TreatmentReport.objects.filter(other_name=name.name, treatment__isnull=False)
    if counted.update(treatment=None):
        tasks.request_refresh()


@transaction.atomic
def moderate_tip(*, tip: Tip, approve: bool, moderator) -> None:
    tip.status = Tip.Status.APPROVED if approve else Tip.Status.DECLINED
    tip.decided_by = moderator
    tip.save(update_fields=["status", "decided_by"])

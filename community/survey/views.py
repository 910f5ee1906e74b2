"""The survey's pages: what it is, taking it step by step, the member's own answers, and the public results."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.survey import actions, flow, reading
from community.survey import definition as definitions
from community.survey import treatments as treatment_list
from community.survey.definition import QuestionDef, Role, SurveyDef
from community.survey.forms import ConsentForm, StepForm
from community.survey.models import Consent, Response, Survey, Tip
from community.survey.permissions import can_take_survey, survey_refusal
from portal import generations, shared_pages
from portal.breadcrumbs import crumbs


def _survey_crumb() -> tuple[str, str]:
    return _("Survey"), reverse("community:survey")


def _current_survey() -> Survey:
    survey = Survey.objects.current()
    if survey is None:
        raise Http404(_("There is no survey open at the moment."))
    return survey


def survey_home(request: HttpRequest) -> HttpResponse:
    survey = Survey.objects.current()
    response = None
    answered_before = False
    if survey is not None and request.user.is_authenticated:
        mine = list(Response.objects.filter(member=request.user).select_related("survey").order_by("-survey__version"))
        response = next((r for r in mine if r.survey_id == survey.pk), None)
        answered_before = any(r.is_submitted for r in mine)
    return render(
        request,
        "survey/home.html",
        {
            "survey": survey,
            "intro": definitions.of(survey).intro if survey else "",
            "response": response,
            "answered_before": answered_before,
            "refusal": survey_refusal(request.user),
            "crumbs": crumbs((_("Survey"), None)),
        },
    )


def _refused(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "survey/refused.html",
        {"refusal": survey_refusal(request.user), "crumbs": crumbs(_survey_crumb(), (_("Take the survey"), None))},
        status=403,
    )


def _reachable(definition: SurveyDef, codes: list[str], answers: dict) -> list[str]:
    """The steps a member may open: every one up to the first with a required answer still missing."""
    incomplete = flow.first_incomplete_step(definition, answers, {}) or flow.CONSENT_STEP
    return codes[: codes.index(incomplete) + 1] if incomplete in codes else codes


@login_required
def take(request: HttpRequest) -> HttpResponse:
    if not can_take_survey(request.user):
        return _refused(request)
    survey = _current_survey()
    definition = definitions.of(survey)
    response = Response.objects.filter(member=request.user, survey=survey).first()
    answers = response.answers if response else actions.carried_over(member=request.user, survey=survey)
    codes = flow.steps(definition, answers)
    reachable = _reachable(definition, codes, answers)
    wanted = request.POST.get("step") or request.GET.get("step") or (response.step if response else "") or codes[0]
    if wanted not in reachable:
        return redirect(f"{reverse('community:survey_take')}?step={reachable[-1]}")
    if wanted == flow.CONSENT_STEP:
        return _consent_step(request, survey=survey, definition=definition, response=response, codes=codes)

    section = definition.section(wanted)
    listed = definition.with_role(Role.TREATMENTS)
    treatments = treatment_list.choices(answers.get(listed.code, []) if listed else [])
    going_back = request.method == "POST" and request.POST.get("direction") == "back"
    if request.method == "POST":
        form = StepForm(
            request.POST,
            definition=definition,
            section=section,
            answers=answers,
            treatments=treatments,
            lenient=going_back,
        )
        if form.is_valid() or going_back:
            saved = actions.save_survey_step(
                member=request.user, survey=survey, step=wanted, values=form.answers(), going_back=going_back
            )
            return redirect(f"{reverse('community:survey_take')}?step={saved.step}")
    else:
        form = StepForm(definition=definition, section=section, answers=answers, treatments=treatments)
    return _step_page(request, definition=definition, codes=codes, step=wanted, form=form, section=section)


def _step_page(request, *, definition: SurveyDef, codes: list[str], step: str, form, section=None, status=200):
    index = codes.index(step)
    return render(
        request,
        "survey/take.html",
        {
            "survey": definition,
            "section": section,
            "step": step,
            "form": form,
            "step_number": index + 1,
            "step_count": len(codes),
            "previous": codes[index - 1] if index > 0 else None,
            "last": step == flow.CONSENT_STEP,
            "crumbs": crumbs(_survey_crumb(), (_("Take the survey"), None)),
        },
        status=status,
    )


def _consent_step(request, *, survey: Survey, definition: SurveyDef, response: Response | None, codes: list[str]):
    in_force = actions.consents_in_force(request.user)
    if request.method == "POST" and request.POST.get("direction") == "back":
        return redirect(f"{reverse('community:survey_take')}?step={codes[max(len(codes) - 2, 0)]}")
    if request.method == "POST":
        form = ConsentForm(request.POST, definition=definition)
        if form.is_valid():
            try:
                _response, changed = actions.submit_response(
                    member=request.user, survey=survey, consents=form.cleaned_data
                )
            except actions.Incomplete as incomplete:
                messages.error(request, _("A question on this step still needs an answer before you can send."))
                return redirect(f"{reverse('community:survey_take')}?step={incomplete.step}")
            if changed:
                messages.success(request, _("Thank you. Your answers are saved and will be counted shortly."))
            else:
                messages.info(request, _("Your answers were already saved; nothing has changed."))
            return redirect("community:survey_mine")
    else:
        initial = {purpose: purpose in in_force for purpose in Consent.Purpose.values}
        form = ConsentForm(initial=initial, definition=definition)
    return _step_page(request, definition=definition, codes=codes, step=flow.CONSENT_STEP, form=form)


def _answer_text(question: QuestionDef, value, treatment_names: dict[str, str]) -> str:
    if question.role == Role.TREATMENTS:
        return ", ".join(treatment_names.get(code, code) for code in value)
    if isinstance(value, list):
        return ", ".join(question.label_of(code) for code in value)
    if question.options:
        return question.label_of(value)
    return str(value)


def summary(definition: SurveyDef, answers: dict, treatment_names: dict[str, str]) -> list[dict]:
    """The member's answers by step, in words, for /survey/mine/."""
    steps = []
    scores = {severity.section.code: severity for severity in flow.severities(definition, answers)}
    for section in flow.visible_sections(definition, answers):
        rows, groups = [], []
        for question in section.questions:
            if not flow.question_visible(question, answers):
                continue
            if question.is_block:
                for entry in flow.tried(definition, answers, treatment_names):
                    items = []
                    for item in question.items:
                        value = answers.get(flow.block_key(question, entry.key, item))
                        if value not in (None, "", []):
                            items.append({"question": item.text, "answer": _answer_text(item, value, {})})
                    groups.append({"name": entry.name, "rows": items})
            else:
                value = answers.get(question.code)
                answer = "" if value in (None, "", []) else _answer_text(question, value, treatment_names)
                rows.append({"question": question.text, "answer": answer})
        score = scores.get(section.code)
        steps.append(
            {
                "code": section.code,
                "title": section.title,
                "rows": rows,
                "groups": groups,
                "score": score,
                "band": score.band["label"] if score and score.band else "",
            }
        )
    return steps


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    survey = Survey.objects.current()
    responses = list(Response.objects.filter(member=request.user).select_related("survey").order_by("-survey__version"))
    response = next((r for r in responses if survey and r.survey_id == survey.pk), None) or next(
        (r for r in responses if r.is_submitted), None
    )
    steps = []
    if response is not None:
        definition = definitions.of(response.survey)
        answers = response.submitted_answers if response.is_submitted else response.answers
        listed = definition.with_role(Role.TREATMENTS)
        codes = answers.get(listed.code, []) if listed else []
        names = dict(treatment_list.choices(codes))
        steps = summary(definition, answers, names)
    in_force = actions.consents_in_force(request.user)
    return render(
        request,
        "survey/mine.html",
        {
            "survey": survey,
            "response": response,
            "current": response is not None and survey is not None and response.survey_id == survey.pk,
            "steps": steps,
            "consents": [
                {"purpose": purpose, "label": label, "grant": in_force.get(purpose)}
                for purpose, label in Consent.Purpose.choices
            ],
            "tips": list(Tip.objects.filter(member=request.user).order_by("treatment_name")),
            "can_take": can_take_survey(request.user),
            "crumbs": crumbs(_survey_crumb(), (_("Your answers"), None)),
        },
    )


@login_required
@require_POST
def change_consents(request: HttpRequest) -> HttpResponse:
    survey = _current_survey()
    wanted = {purpose: request.POST.get(purpose) == "on" for purpose in Consent.Purpose.values}
    if actions.set_consents(member=request.user, survey=survey, wanted=wanted):
        if not wanted[Consent.Purpose.STATISTICS]:
            messages.success(
                request, _("Your choices are saved. Your answers will no longer be counted in the statistics.")
            )
        else:
            messages.success(request, _("Your choices are saved."))
    else:
        messages.info(request, _("Nothing has changed."))
    return redirect("community:survey_mine")


@login_required
@require_POST
def delete_answers(request: HttpRequest) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Please tick the box to confirm that your answers should be deleted."))
        return redirect("community:survey_mine")
    actions.delete_survey_answers(member=request.user)
    messages.success(request, _("Your survey answers are deleted. The statistics will no longer count them."))
    return redirect("community:survey_mine")


# A results page holds whole conditions, up to about this many rows of treatments (at least one condition): every
# condition on one page while they are few, a page a phone can load once there are many (with 300 therapies a
# condition lists some 150 treatments, and eight of them made a page of 728 KB).
ROWS_PER_PAGE = 120


def _pages_of(reports: list) -> list[list]:
    pages: list[list] = [[]]
    rows = 0
    for report in reports:
        size = max(len(report.cells), 1)
        if pages[-1] and rows + size > ROWS_PER_PAGE:
            pages.append([])
            rows = 0
        pages[-1].append(report)
        rows += size
    return pages


@shared_pages.shared_page(lambda **kwargs: [generations.STATISTICS, generations.KNOWLEDGE])
def results(request: HttpRequest) -> HttpResponse:
    """Every condition's figures, a few conditions a page, with a list of all of them to jump to: kept until the
    next statistics refresh or knowledge-base edit."""
    pages = _pages_of(reading.all_reports())
    page = Paginator(pages, 1).get_page(request.GET.get("page"))
    jump = [
        {"name": report.condition_name, "slug": report.condition_slug, "page": number}
        for number, reports in enumerate(pages, start=1)
        for report in reports
    ]
    figures = render_to_string(
        "survey/includes/results_figures.html",
        {
            "reports": page.object_list[0] if page.object_list else [],
            "page": page,
            "jump": jump,
            "refreshed_at": next(
                (report.refreshed_at for reports in pages for report in reports if report.refreshed_at), None
            ),
            "min_rated": settings.SURVEY_MIN_RATED,
            "min_count_less": settings.SURVEY_MIN_COUNT - 1,
        },
        request=request,
    )
    return render(
        request,
        "survey/results.html",
        {
            "figures": figures,
            "min_rated": settings.SURVEY_MIN_RATED,
            "min_count_less": settings.SURVEY_MIN_COUNT - 1,
            "crumbs": crumbs(_survey_crumb(), (_("Results"), None)),
        },
    )

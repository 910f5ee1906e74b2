"""The member's follow-up pages: those due, answering one, "stop asking me", and the signed link from the e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community.survey.followups import actions
from community.survey.followups import definition as follow_up_definition
from community.survey.followups.forms import FollowUpForm
from community.survey.followups.models import FollowUp, FollowUpStop
from community.survey.followups.notify import read_follow_up_token
from community.survey.followups.permissions import can_answer_follow_ups, follow_up_refusal, owns_follow_up
from community.survey.models import Treatment
from portal.breadcrumbs import crumbs


def _crumbs(*last) -> list:
    return crumbs(
        (_("Survey"), reverse("community:survey")), (_("Follow-ups"), reverse("community:survey_follow_ups")), *last
    )


def _refused(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "survey/follow_ups/refused.html",
        {"refusal": follow_up_refusal(request.user), "crumbs": _crumbs()},
        status=403,
    )


def _own_follow_up(request: HttpRequest, follow_up_id: int) -> FollowUp:
    """The member's own follow-up; anyone else's does not exist for them."""
    follow_up = FollowUp.objects.select_related("treatment").filter(pk=follow_up_id).first()
    if follow_up is None or not owns_follow_up(request.user, follow_up):
        raise Http404(_("No such follow-up."))
    return follow_up


@login_required
@require_GET
def follow_ups(request: HttpRequest) -> HttpResponse:
    if not can_answer_follow_ups(request.user):
        return _refused(request)
    stops = FollowUpStop.objects.filter(member=request.user)
    stopped_all = any(stop.treatment_id is None for stop in stops)
    stopped_ids = {stop.treatment_id for stop in stops if stop.treatment_id}
    followed = Treatment.objects.filter(
        pk__in=FollowUp.objects.filter(member=request.user).values("treatment_id")
    ).order_by("name")
    return render(
        request,
        "survey/follow_ups/list.html",
        {
            "due": list(FollowUp.objects.due_for(request.user)),
            "treatments": [{"treatment": t, "stopped": stopped_all or t.pk in stopped_ids} for t in followed],
            "stopped_all": stopped_all,
            "crumbs": crumbs((_("Survey"), reverse("community:survey")), (_("Follow-ups"), None)),
        },
    )


@login_required
def follow_up(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = _own_follow_up(request, follow_up_id)
    if not can_answer_follow_ups(request.user):
        return _refused(request)
    definition = follow_up_definition.current()
    if definition is None:
        raise Http404(_("There are no follow-up questions at the moment."))
    if follow_up.is_answered:
        messages.info(request, _("Thank you: you have already answered this follow-up."))
        return redirect("community:survey_follow_ups")
    form = FollowUpForm(request.POST if request.method == "POST" else None, definition=definition)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_follow_up(follow_up=follow_up, answers=form.answers())
        except actions.AlreadyAnswered:
            messages.info(request, _("Thank you: you have already answered this follow-up."))
        else:
            messages.success(request, _("Thank you: your answers are recorded."))
        return redirect("community:survey_follow_ups")
    return render(
        request,
        "survey/follow_ups/answer.html",
        {
            "follow_up": follow_up,
            "definition": definition,
            "form": form,
            "crumbs": _crumbs((follow_up.treatment.name, None)),
        },
    )


@require_GET
def follow_up_link(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click link from the e-mail: checked, then on to the follow-up (which asks the member to sign in)."""
    data = read_follow_up_token(token)
    if data is None:
        return render(request, "survey/follow_ups/bad_link.html", {"crumbs": _crumbs()}, status=400)
    return redirect("community:survey_follow_up", follow_up_id=data["f"])


@login_required
@require_POST
def stop(request: HttpRequest) -> HttpResponse:
    """ "Stop asking me" about one treatment (`treatment` = its id) or all (`treatment` = "all"); "resume" undoes."""
    if not can_answer_follow_ups(request.user):
        return _refused(request)
    wanted = request.POST.get("treatment", "")
    if request.POST.get("resume"):
        actions.resume_asking(member=request.user)
        messages.success(request, _("We will ask you again about each treatment when its follow-up is due."))
    elif wanted == "all":
        actions.stop_asking(member=request.user)
        messages.success(request, _("We will not ask you any more follow-up questions."))
    else:
        treatment = Treatment.objects.filter(
            pk=int(wanted) if wanted.isdigit() else 0,
            pk__in=FollowUp.objects.filter(member=request.user).values("treatment_id"),
        ).first()
        if treatment is None:
            raise Http404(_("No such treatment among your follow-ups."))
        actions.stop_asking(member=request.user, treatment=treatment)
        messages.success(
            request, _("We will not ask you about %(treatment)s any more.") % {"treatment": treatment.name}
        )
    return redirect("community:survey_follow_ups")

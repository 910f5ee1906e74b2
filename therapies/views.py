"""Knowledge-base pages: conditions, therapies and therapy-for-condition pages, and voting on them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import generations, shared_pages
from portal.breadcrumbs import crumbs
from therapies import structured_data
from therapies.actions.votes import VOTE_VALUES, cast_vote
from therapies.evidence import ranked_and_unranked
from therapies.forms import TherapyFilterForm
from therapies.holes import practitioners_meta
from therapies.invalidation import pair_tally, therapy_tally
from therapies.models import (
    Condition,
    ConditionCitation,
    Therapy,
    TherapyCondition,
    TherapyConditionAcupoint,
    TherapyConditionCitation,
)
from therapies.permissions import can_vote


def _conditions_crumb() -> tuple[str, str]:
    return _("Conditions"), reverse("therapies:condition_list")


def _therapies_crumb() -> tuple[str, str]:
    return _("Therapies"), reverse("therapies:therapy_list")


def _citations(model) -> Prefetch:
    return Prefetch("citations", queryset=model.objects.select_related("reference"))


# What the knowledge base's pages show (portal/generations.py): its own content, the community's figures and
# threads beside it, and the practitioners who offer it.
KNOWLEDGE_PAGE = [generations.KNOWLEDGE, generations.STATISTICS, generations.DIRECTORY, generations.DISCUSSIONS]


def _health_page(*scopes: str) -> list[str]:
    """A health page's scopes, with the day: its "Review overdue since DATE" appears on the first day it applies,
    though the passing of a date changes no content."""
    return [*KNOWLEDGE_PAGE, *scopes, generations.today()]


def _guidelines(references: list) -> list[tuple[int, object]]:
    """The clinical guidelines among a page's references, with their numbers in its reference list."""
    return [(number, ref) for number, ref in enumerate(references, start=1) if ref.kind == ref.Kind.GUIDELINE]


def _preview(response: HttpResponse, item) -> HttpResponse:
    """An editor's preview of a draft is theirs alone: never kept, never shared."""
    return response if item.is_published else shared_pages.render_for_one(response)


@shared_pages.shared_page(lambda **kwargs: [generations.KNOWLEDGE])
def condition_list(request: HttpRequest) -> HttpResponse:
    conditions = Condition.objects.published()
    return render(
        request,
        "therapies/condition_list.html",
        {"conditions": conditions, "crumbs": crumbs((_("Conditions"), None))},
    )


@shared_pages.shared_page(lambda **kwargs: _health_page())
def condition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    condition = get_object_or_404(
        Condition.objects.viewable_by(request.user).prefetch_related(_citations(ConditionCitation)), slug=slug
    )
    pages = list(TherapyCondition.objects.viewable_by(request.user).listed_for(condition))
    ranked, unranked = ranked_and_unranked(pages)
    references = condition.ordered_references()
    response = render(
        request,
        "therapies/condition_detail.html",
        {
            "condition": condition,
            "crumbs": crumbs(_conditions_crumb(), (condition.name, None)),
            "ranked": ranked,
            "unranked": unranked,
            "grades_no_medicine": not any(page.therapy.category == Therapy.Category.MEDICINE for page in pages),
            "guidelines": _guidelines(references),
            "references": references,
            "jsonld": structured_data.condition_page(request, condition, ranked + unranked),
        },
    )
    if condition.is_published:
        title = _("Practitioners who treat %(name)s") % {"name": condition.name}
        response.shell_meta = {"practitioners": practitioners_meta(title=title, condition=condition.slug)}
    return _preview(response, condition)


# A page a phone can load, however many therapies the knowledge base grows to.
THERAPIES_PER_PAGE = 24


@shared_pages.shared_page(lambda **kwargs: [generations.KNOWLEDGE])
def therapy_list(request: HttpRequest) -> HttpResponse:
    form = TherapyFilterForm(request.GET or None)
    conditions = list(Condition.objects.published().only("name", "slug"))
    form.fields["condition"].choices = [("", _("All conditions")), *((c.slug, c.name) for c in conditions)]
    therapies = Therapy.objects.listed(**(form.cleaned_data if form.is_valid() else {}))
    page = Paginator(therapies, THERAPIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "therapies/therapy_list.html",
        {
            "form": form,
            "therapies": page.object_list,
            "page": page,
            "filtered": form.is_valid() and any(form.cleaned_data.values()),
            "crumbs": crumbs((_("Therapies"), None)),
        },
    )


@shared_pages.shared_page(lambda slug, **kwargs: _health_page(therapy_tally(slug)))
def therapy_detail(request: HttpRequest, slug: str) -> HttpResponse:
    therapy = get_object_or_404(Therapy.objects.viewable_by(request.user).with_page_parts(request.user), slug=slug)
    response = render(
        request,
        "therapies/therapy_detail.html",
        {
            "therapy": therapy,
            "crumbs": crumbs(_therapies_crumb(), (therapy.name, None)),
            "references": therapy.ordered_references(),
            "jsonld": structured_data.therapy_page(request, therapy),
        },
    )
    if therapy.is_published:
        title = _("Practitioners offering %(name)s") % {"name": therapy.name}
        response.shell_meta = {"practitioners": practitioners_meta(title=title, therapy=therapy.slug)}
    return _preview(response, therapy)


@shared_pages.shared_page(
    lambda therapy_slug, condition_slug, **kwargs: _health_page(pair_tally(therapy_slug, condition_slug))
)
def therapy_condition_detail(request: HttpRequest, therapy_slug: str, condition_slug: str) -> HttpResponse:
    page = get_object_or_404(
        TherapyCondition.objects.viewable_by(request.user)
        .select_related("therapy", "condition")
        .prefetch_related(
            _citations(TherapyConditionCitation),
            Prefetch("point_rows", queryset=TherapyConditionAcupoint.objects.select_related("acupoint")),
        ),
        therapy__slug=therapy_slug,
        condition__slug=condition_slug,
    )
    response = render(
        request,
        "therapies/therapy_condition_detail.html",
        {
            "page": page,
            "therapy": page.therapy,
            "condition": page.condition,
            "crumbs": crumbs(
                _therapies_crumb(), (page.therapy.name, page.therapy.get_absolute_url()), (page.condition.name, None)
            ),
            "references": page.ordered_references(),
            "jsonld": structured_data.therapy_condition_page(request, page),
        },
    )
    if page.is_published:
        title = _("Practitioners offering %(therapy)s who treat %(condition)s") % {
            "therapy": page.therapy.name,
            "condition": page.condition.name,
        }
        response.shell_meta = {
            "practitioners": practitioners_meta(title=title, therapy=page.therapy.slug, condition=page.condition.slug)
        }
    return _preview(response, page)


def _vote(request: HttpRequest, target) -> HttpResponse:
    """The vote buttons' plain form post (static/js/votes.js votes through the API instead): redirect after post."""
    if not request.user.is_authenticated:
        return redirect_to_login(target.get_absolute_url())
    if not can_vote(request.user):
        messages.error(request, _("Please verify your e-mail address before you vote."))
        return redirect(target.get_absolute_url())
    value = VOTE_VALUES.get(request.POST.get("vote", ""))
    if value is None:
        return HttpResponseBadRequest(_("Choose up, down or withdraw."))
    cast_vote(user=request.user, target=target, value=value)
    messages.success(request, _("Your vote is saved.") if value else _("Your vote is withdrawn."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = target.get_absolute_url()
    return redirect(f"{next_url}#votes")


@require_POST
def vote_therapy(request: HttpRequest, slug: str) -> HttpResponse:
    return _vote(request, get_object_or_404(Therapy.objects.published(), slug=slug))


@require_POST
def vote_therapy_condition(request: HttpRequest, therapy_slug: str, condition_slug: str) -> HttpResponse:
    page = get_object_or_404(
        TherapyCondition.objects.published().select_related("therapy", "condition"),
        therapy__slug=therapy_slug,
        condition__slug=condition_slug,
    )
    return _vote(request, page)

"""Practitioner directory pages: search, listing, and the member forms that feed the editors' review queue."""

from __future__ import annotations

import functools
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import generations, shared_pages
from portal.breadcrumbs import crumbs
from portal.kept import kept_shell
from therapies import permissions, structured_data
from therapies.actions import listings
from therapies.directory import cards, finding
from therapies.directory.proposals import proposal_as_initial
from therapies.forms import (
    DEFAULT_RADIUS,
    ClaimListingForm,
    ListingForm,
    PractitionerSearchForm,
    ReportListingForm,
    SuggestListingForm,
    search_form_parts,
)
from therapies.models import ListingRequest, Practitioner

PAGE_SIZE = 20
LIST_TEMPLATE = "therapies/practitioner_list.html"
RESULTS_TEMPLATE = "therapies/includes/practitioner_results.html"


def _directory_crumb() -> tuple[str, str]:
    return _("Practitioners"), reverse("therapies:practitioner_list")


DIRECTORY_PAGE = [generations.DIRECTORY, generations.KNOWLEDGE]


def _keep_list(request: HttpRequest) -> bool:
    """The directory browsed by therapy, condition or language is worth keeping; a search by place or by words is
    one reader's own (and a place is remembered for their later pages)."""
    return not request.GET.get("near") and not request.GET.get("q")


@shared_pages.shared_page(lambda **kwargs: DIRECTORY_PAGE, keep_when=_keep_list)
def practitioner_list(request: HttpRequest) -> HttpResponse:
    query = None
    if request.GET:
        # A link with only ?near=… searches the default radius, and the form must show that radius too.
        query = request.GET.copy()
        query.setdefault("radius", str(DEFAULT_RADIUS))
    choices, field_shells = search_form_parts()
    form = PractitionerSearchForm(query, choices=choices)
    context = {"form": form, "crumbs": crumbs((_("Practitioners"), None)), "searched": form.is_bound}
    if form.is_bound and not form.is_valid():
        # An unknown or ambiguous place, or a filter value we don't know: the message sits next to the field
        # and no list is shown, so a wrong place never looks like "nobody near you".
        context["place_choices"] = [
            {"label": choice.label, "url": _search_url(request, near=choice.label)}
            for choice in (form.lookup.choices if form.lookup is not None and form.lookup.ambiguous else ())
        ]
        context.update(title=_("Find a practitioner"), fields=field_shells.fill(form))
        return render(request, LIST_TEMPLATE, context)

    place = form.place if form.is_bound else None
    unit = form.unit_for(place)
    radius = form.radius_searched()
    page = finding.results_page(**form.search_arguments(), page=request.GET.get("page"), per_page=PAGE_SIZE)
    results = {
        "page": page,
        "cards": cards.result_cards(page.object_list, unit=unit),
        "place": place,
        "unit": unit,
        "unit_label": _("miles") if unit == "mi" else _("km"),
        "radius": radius,
        "did_you_mean": [
            {"label": choice.label, "url": _search_url(request, near=choice.label)}
            for choice in (form.lookup.choices if place is not None else ())
        ],
    }
    search = {
        "title": _("Practitioners near %(place)s") % {"place": place.label} if place else _("Find a practitioner"),
        "fields": field_shells.fill(form),
        "results": render_to_string(RESULTS_TEMPLATE, results, request),
    }
    if _keep_list(request) or request.user.is_staff:
        response = render(request, LIST_TEMPLATE, {**context, **search})
    else:
        # A search by place or by words: its page is the same for every search but for its title, fields and results.
        parts = {
            "title": search["title"],
            "results": search["results"],
            **{f"field {name}": html for name, html in search["fields"].items()},
        }
        response = shared_pages.respond(_search_shell(request, context), parts=parts)
    if place is not None:
        finding.remember_place(
            request, response, label=place.label, latitude=place.latitude, longitude=place.longitude, unit=unit
        )
    return response


def _search_shell(request: HttpRequest, context: dict) -> shared_pages.Shell:
    """The page of a search with holes for the search's own parts (`{% hole "part" %}`, portal/holes.py): the
    layout, the form around its fields and the notes, rendered once per generation and kept."""
    hole = functools.partial(shared_pages.hole, "part")
    holes = {
        "title": hole("title"),
        "fields": {name: hole("field", name) for name in context["form"].fields},
        "results": hole("results"),
    }
    return kept_shell(
        request, "directory:search-page", scopes=DIRECTORY_PAGE, template=LIST_TEMPLATE, context={**context, **holes}
    )


def _search_url(request: HttpRequest, **changes) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        query[key] = value
    return f"{reverse('therapies:practitioner_list')}?{query.urlencode()}"


def _listing(request: HttpRequest, slug: str) -> Practitioner:
    return get_object_or_404(Practitioner.objects.viewable_by(request.user), slug=slug)


@shared_pages.shared_page(lambda **kwargs: DIRECTORY_PAGE)
def practitioner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A listing; how far it is from the reader's place and its owner's edit link are holes (therapies/holes.py)."""
    listing = get_object_or_404(
        Practitioner.objects.viewable_by(request.user)
        .select_related("owner")
        .prefetch_related("languages", "therapies", "conditions"),
        slug=slug,
    )
    therapies = [therapy for therapy in listing.therapies.all() if therapy.is_published]
    conditions = [condition for condition in listing.conditions.all() if condition.is_published]
    response = render(
        request,
        "therapies/practitioner_detail.html",
        {
            "listing": listing,
            "therapies": therapies,
            "conditions": conditions,
            "can_claim": permissions.is_claimable(listing),
            "crumbs": crumbs(_directory_crumb(), (listing.name, None)),
            "jsonld": structured_data.practitioner_page(request, listing, therapies, conditions),
        },
    )
    # A listing waiting for review is seen by its owner and the editors only.
    return response if listing.is_published else shared_pages.render_for_one(response)


def _require_contributor(request: HttpRequest, listing: Practitioner | None = None) -> HttpResponse | None:
    """Members without a verified address are told why instead of being shown a form they cannot send."""
    if permissions.can_contribute(request.user):
        return None
    messages.error(request, _("Please verify your e-mail address first: the editors need to be able to write back."))
    return redirect(listing.get_absolute_url() if listing else reverse("therapies:practitioner_list"))


@login_required
def suggest(request: HttpRequest) -> HttpResponse:
    if refusal := _require_contributor(request):
        return refusal
    if request.method == "POST":
        form = SuggestListingForm(request.POST)
        if form.is_valid():
            try:
                listings.suggest_listing(
                    user=request.user,
                    listing=form.save(commit=False),
                    relations=form.relations(),
                    message=form.cleaned_data["message"],
                    token=form.cleaned_data["token"],
                )
            except listings.TooManyPending:
                form.add_error(None, _("You have several suggestions waiting for review. Please wait for an editor."))
            else:
                messages.success(
                    request,
                    _("Thank you. An editor will check the listing before it appears and e-mail you the decision."),
                )
                return redirect("therapies:practitioner_list")
    else:
        form = SuggestListingForm(initial={"token": uuid.uuid4(), "country": "US"})
    return render(
        request,
        "therapies/practitioner_suggest.html",
        {
            "form": form,
            "title": _("Suggest a practitioner"),
            "crumbs": crumbs(_directory_crumb(), (_("Suggest a practitioner"), None)),
        },
    )


@login_required
def claim(request: HttpRequest, slug: str) -> HttpResponse:
    listing = get_object_or_404(Practitioner.objects.published(), slug=slug)
    if refusal := _require_contributor(request, listing):
        return refusal
    if not permissions.can_claim(request.user, listing):
        raise PermissionDenied(_("This listing already has an owner. If that is wrong, report a problem."))
    form = ClaimListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _request, created = listings.claim_listing(user=request.user, practitioner=listing, **form.cleaned_data)
        except listings.TooManyPending:
            form.add_error(None, _("You have several claims waiting for review. Please wait for an editor."))
        else:
            if created:
                messages.success(request, _("Thank you. An editor will check your claim and e-mail you the decision."))
            else:
                messages.info(request, _("Your claim of this listing is already waiting for an editor."))
            return redirect(listing)
    return _member_form(request, listing, form, "therapies/practitioner_claim.html", _("Claim this listing"))


@login_required
def report(request: HttpRequest, slug: str) -> HttpResponse:
    listing = get_object_or_404(Practitioner.objects.published(), slug=slug)
    if refusal := _require_contributor(request, listing):
        return refusal
    form = ReportListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _request, created = listings.report_listing(user=request.user, practitioner=listing, **form.cleaned_data)
        except listings.TooManyPending:
            form.add_error(None, _("You have many reports waiting for review. Please wait for an editor."))
        else:
            if created:
                messages.success(request, _("Thank you. An editor will look into it and e-mail you what they did."))
            else:
                messages.info(request, _("You have already reported this listing; an editor will look into it."))
            return redirect(listing)
    return _member_form(request, listing, form, "therapies/practitioner_report.html", _("Report a problem"))


@login_required
def propose_edit(request: HttpRequest, slug: str) -> HttpResponse:
    listing = get_object_or_404(Practitioner.objects.exclude(status=Practitioner.Status.PENDING), slug=slug)
    if not permissions.can_propose_edit(request.user, listing):
        # Strangers learn nothing about the listing's owner: the same 404 as for a listing that isn't there.
        raise Http404
    pending = listing.requests.pending().filter(kind=ListingRequest.Kind.EDIT, submitted_by=request.user).first()
    if request.method == "POST":
        form = ListingForm(request.POST, instance=Practitioner.objects.get(pk=listing.pk))
        if form.is_valid():
            proposal = listings.propose_listing_edit(
                user=request.user, practitioner=listing, proposed=form.proposed_values()
            )
            if proposal is None:
                messages.info(request, _("Nothing was changed, so there is nothing to review."))
            else:
                messages.success(request, _("Thank you. An editor will review your changes before they are published."))
            return redirect(listing)
    else:
        form = ListingForm(instance=listing, initial=proposal_as_initial(pending) if pending else None)
    return _member_form(
        request, listing, form, "therapies/practitioner_edit.html", _("Propose an edit"), pending=pending
    )


def _member_form(request, listing, form, template: str, title: str, **extra) -> HttpResponse:
    return render(
        request,
        template,
        {
            "listing": listing,
            "form": form,
            "title": title,
            "crumbs": crumbs(_directory_crumb(), (listing.name, listing.get_absolute_url()), (title, None)),
            **extra,
        },
    )

"""The knowledge base's parts of a page that belong to one reader (portal/shared_pages.py), filled per request.

- `votes`: a member's up and down buttons with their own vote pressed; "sign in to vote" for a visitor. The counts
  are the same for everyone and stay in the page (a vote makes only its page's tally out of date:
  therapies.invalidation.vote_counted).
- `practitioners`: practitioners near the place the reader searched for last (therapies.directory.finding); without one,
  the verified-first section the page was rendered with (`meta["practitioners"]`).
- `listing-distance`, `listing-owner`: on a listing, how far it is from that place; for its owner, a link to
  propose an edit.
"""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.holes import csrf_input
from portal.shared_pages import Filling, filler
from therapies import permissions
from therapies.directory import distances, finding
from therapies.models import ListingRequest, Practitioner, TherapyConditionVote, TherapyVote

VOTES = {"therapy": TherapyVote, "pair": TherapyConditionVote}


@filler("votes")
def fill_votes(filling: Filling, holes: list[list[str]]) -> list[str]:
    """`{% hole "votes" kind pk vote_url %}`: the member's own vote on each page, one query per kind."""
    request = filling.request
    if not filling.user.is_authenticated:
        login = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
        html = render_to_string("therapies/includes/vote_sign_in.html", {"login_url": login})
        return [html] * len(holes)
    mine: dict[tuple[str, int], int] = {}
    for kind, model in VOTES.items():
        pks = [int(pk) for hole_kind, pk, _url in holes if hole_kind == kind]
        if pks:
            votes = model.objects.filter(user=filling.user, target_id__in=pks).values_list("target_id", "value")
            mine.update({(kind, target): value for target, value in votes})
    token = csrf_input(filling)
    return [
        render_to_string(
            "therapies/includes/vote_form.html",
            {"vote_url": url, "my_vote": mine.get((kind, int(pk)), 0), "csrf_input": token, "path": request.path},
        )
        for kind, pk, url in holes
    ]


@filler("practitioners")
def fill_practitioners(filling: Filling, holes: list[list[str]]) -> list[str]:
    default = filling.state.get("meta", {}).get("practitioners")
    if default is None:
        return [""] * len(holes)
    place = finding.remembered_place(filling.request)
    if place is None:
        return [default["html"]] * len(holes)
    section = finding.section(place=place, therapy=default["therapy"], condition=default["condition"])
    html = render_practitioner_section(section, title=default["title"])
    return [html] * len(holes)


def render_practitioner_section(section: dict, *, title: str) -> str:
    return render_to_string("therapies/includes/practitioner_section.html", {"section": section, "title": title})


def practitioners_meta(*, title: str, therapy: str = "", condition: str = "") -> dict:
    """What a page keeps for its `practitioners` hole: the verified-first section, rendered once."""
    section = finding.section(therapy=therapy, condition=condition)
    return {
        "html": render_practitioner_section(section, title=title),
        "title": str(title),
        "therapy": therapy,
        "condition": condition,
    }


@filler("listing-distance")
def fill_listing_distance(filling: Filling, holes: list[list[str]]) -> list[str]:
    """How far a listing is from the place the reader searched for last."""
    place = finding.remembered_place(filling.request)
    if place is None:
        return [""] * len(holes)
    filled = []
    for latitude, longitude in holes:
        km = distances.great_circle_km(place.latitude, place.longitude, float(latitude), float(longitude))
        distance = floatformat(distances.in_unit(km, place.unit), 1)
        if place.unit == "mi":
            text = _("%(distance)s miles from %(place)s") % {"distance": distance, "place": place.label}
        else:
            text = _("%(distance)s km from %(place)s") % {"distance": distance, "place": place.label}
        filled.append(format_html(" · {}", text))
    return filled


@filler("listing-owner")
def fill_listing_owner(filling: Filling, holes: list[list[str]]) -> list[str]:
    """The listing's owner may propose an edit, and sees whether their last one still waits for an editor."""
    user = filling.user
    filled = []
    for pk, owner_id in holes:
        if not (permissions.owns_listing(user, int(owner_id)) and permissions.can_contribute(user)):
            filled.append("")
            continue
        listing = Practitioner.objects.only("slug").get(pk=int(pk))
        pending = listing.requests.pending().filter(kind=ListingRequest.Kind.EDIT, submitted_by=user).exists()
        filled.append(
            render_to_string("therapies/includes/listing_owner.html", {"listing": listing, "pending_edit": pending})
        )
    return filled

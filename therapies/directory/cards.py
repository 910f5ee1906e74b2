"""The directory's result cards: each listing's card is rendered once per content generation and kept
(portal/kept.py), so a page of results costs a cache read, not twenty template renders and their queries. The one part
that depends on the search, how far the listing is, is put in by string work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal import generations
from portal.kept import kept_values
from therapies.directory import distances
from therapies.directory.finding import Result, listing_cards
from therapies.models import Practitioner

# A card shows the listing (directory) and the names of the therapies it offers (knowledge base).
CARD_SCOPES = [generations.DIRECTORY, generations.KNOWLEDGE]
CARD_TEMPLATE = "therapies/includes/practitioner_card.html"
DISTANCE_SLOT = "<!--distance-->"
ONE_DECIMAL = Decimal("0.1")


def result_cards(results: Sequence[Result], *, unit: str) -> list[SafeString]:
    """The HTML of each result's card, in order, with its distance in `unit` ("km" or "mi") when it has one."""
    language = translation.get_language()
    pks = {f"directory:card:{language}:{result.pk}": result.pk for result in results}
    cards = kept_values(pks, scopes=CARD_SCOPES, compute=lambda missing: _render({key: pks[key] for key in missing}))
    distance = _distance_html(unit)
    return [
        mark_safe(cards[key].replace(DISTANCE_SLOT, distance(result.distance_km), 1))
        for key, result in zip(pks, results, strict=True)
        if key in cards  # unpublished since the search ran
    ]


def _distance_html(unit: str) -> Callable[[float | None], str]:
    """How far a listing is, as its card shows it: what the card template's blocktranslate would print with
    `distance|floatformat:1`, at a fraction of the cost (floatformat is ~50 µs, twenty times a page)."""
    text = _("%(distance)s miles away") if unit == "mi" else _("%(distance)s km away")
    separator = formats.get_format("DECIMAL_SEPARATOR")

    def html(distance_km: float | None) -> str:
        if distance_km is None:
            return ""
        # floatformat's rounding: half up, from the shortest decimal that reads back as the float.
        rounded = Decimal(repr(distances.in_unit(distance_km, unit))).quantize(ONE_DECIMAL, ROUND_HALF_UP)
        return f'<strong class="distance">{text % {"distance": str(rounded).replace(".", separator)}}</strong> · '

    return html


def _render(pks_by_key: dict[str, int]) -> dict[str, str]:
    """The cards of these listings, in three queries (the listings, their therapies, their languages)."""
    listings = listing_cards(Practitioner.objects.published().filter(pk__in=pks_by_key.values())).in_bulk()
    slot = mark_safe(DISTANCE_SLOT)
    return {
        key: render_to_string(CARD_TEMPLATE, {"listing": listings[pk], "show_details": True, "distance_slot": slot})
        for key, pk in pks_by_key.items()
        if pk in listings
    }

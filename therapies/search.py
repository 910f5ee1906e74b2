"""The search sources of `therapies`: conditions and therapies (name, other names, summary) and practitioners."""

from __future__ import annotations

from django.db.models import Q

from portal.search import SearchHit
from therapies.models import Condition, Practitioner, Therapy


def _matching(queryset, query: str, *, user, limit: int) -> list[SearchHit]:
    words = query.split()
    for word in words:
        queryset = queryset.filter(Q(name__icontains=word) | Q(aliases__icontains=word) | Q(summary__icontains=word))
    return [
        SearchHit(title=item.name, url=item.get_absolute_url(), summary=item.summary)
        for item in queryset.published().only("name", "slug", "summary")[:limit]
    ]


def search_conditions(query: str, *, user, limit: int) -> list[SearchHit]:
    return _matching(Condition.objects.all(), query, user=user, limit=limit)


def search_therapies(query: str, *, user, limit: int) -> list[SearchHit]:
    return _matching(Therapy.objects.all(), query, user=user, limit=limit)


def search_practitioners(query: str, *, user, limit: int) -> list[SearchHit]:
    listings = Practitioner.objects.published().matching(query).only("slug", "name", "credentials", "city", "country")
    return [
        SearchHit(
            title=f"{listing.name}, {listing.credentials}" if listing.credentials else listing.name,
            url=listing.get_absolute_url(),
            summary=f"{listing.city}, {listing.country_name}",
        )
        for listing in listings.order_by("name")[:limit]
    ]

"""The knowledge base's search sources: conditions and therapies, by name, other names and summary."""

from __future__ import annotations

from django.db.models import Q

from portal.search import SearchHit
from therapies.models import Condition, Therapy


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

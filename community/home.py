"""The discussions' section on the home page: the newest visible threads."""

from __future__ import annotations

from django.http import HttpRequest

from community.models import Thread
from portal.home import HomeSection

NEWEST = 6


def newest_context(request: HttpRequest) -> dict | None:
    threads = list(
        Thread.objects.public()
        .select_related("forum")
        .only("title", "slug", "forum__slug", "forum__name", "post_count", "last_activity_at", "members_only", "status")
        .order_by("-last_activity_at")[:NEWEST]
    )
    return {"threads": threads} if threads else None


def home_sections() -> list[HomeSection]:
    return [HomeSection("newest-discussions", "community/home_discussions.html", newest_context, order=30)]

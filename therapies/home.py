"""The knowledge base's sections on the home page: the conditions, and the therapies reviewed most recently."""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest

from portal.home import HomeSection
from therapies.models import Condition, Therapy

RECENTLY_REVIEWED = 6


def conditions_context(request: HttpRequest) -> dict | None:
    conditions = list(Condition.objects.published().only("name", "slug", "summary"))
    return {"conditions": conditions} if conditions else None


def recently_reviewed_context(request: HttpRequest) -> dict | None:
    therapies = list(
        Therapy.objects.published()
        .order_by(F("reviewed_on").desc(nulls_last=True), "name")
        .only("name", "slug", "summary", "reviewed_on")[:RECENTLY_REVIEWED]
    )
    return {"therapies": therapies} if therapies else None


def home_sections() -> list[HomeSection]:
    return [
        HomeSection("conditions", "therapies/home_conditions.html", conditions_context, order=10),
        HomeSection(
            "recently-reviewed-therapies", "therapies/home_therapies.html", recently_reviewed_context, order=20
        ),
    ]

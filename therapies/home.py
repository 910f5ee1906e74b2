"""The knowledge base's sections on the home page: the conditions, and the therapies read most."""

from __future__ import annotations

from django.http import HttpRequest

from portal.home import HomeSection
from therapies.models import Condition, Therapy

MOST_READ = 6


def conditions_context(request: HttpRequest) -> dict | None:
    conditions = list(Condition.objects.published().only("name", "slug", "summary"))
    return {"conditions": conditions} if conditions else None


def most_read_context(request: HttpRequest) -> dict | None:
    therapies = list(
        Therapy.objects.published().order_by("-read_count", "name").only("name", "slug", "summary")[:MOST_READ]
    )
    return {"therapies": therapies} if therapies else None


def home_sections() -> list[HomeSection]:
    return [
        HomeSection("conditions", "therapies/home_conditions.html", conditions_context, order=10),
        HomeSection("most-read-therapies", "therapies/home_therapies.html", most_read_context, order=20),
    ]

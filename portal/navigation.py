"""The header navigation. A section shows once its app provides the page, so no link leads to a 404."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str


MAIN_NAVIGATION = [
    NavItem(_("Conditions"), "therapies:condition_list"),
    NavItem(_("Therapies"), "therapies:therapy_list"),
    NavItem(_("Practitioners"), "therapies:practitioner_list"),
    NavItem(_("Community"), "community:forum_list"),
    NavItem(_("Survey"), "community:survey"),
    NavItem(_("Search"), "search"),
]


@cache
def _resolve(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def main_navigation() -> list[dict]:
    items = []
    for item in MAIN_NAVIGATION:
        url = _resolve(item.url_name)
        if url is not None:
            items.append({"label": item.label, "url": url})
    return items


def search_url() -> str | None:
    return _resolve("search")

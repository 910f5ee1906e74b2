"""The sitemap: a registry of sections that apps fill, plus portal's own pages."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

_sections: dict[str, type[Sitemap] | Sitemap] = {}


def register(name: str, sitemap: type[Sitemap] | Sitemap) -> None:
    _sections[name] = sitemap


def sections() -> dict[str, type[Sitemap] | Sitemap]:
    return dict(_sections)


class SitePagesSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> list[str]:
        return ["home", "rules", "privacy", "terms", "disclaimer", "support"]

    def location(self, item: str) -> str:
        return reverse(item)

"""The survey's public pages in the sitemap: what it is, and the results. Taking it and one's answers are private."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SurveySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self) -> list[str]:
        return ["community:survey", "community:survey_results"]

    def location(self, item: str) -> str:
        return reverse(item)

"""Sitemap sections of the discussions: forums, and visible threads that are not members only; no demo content."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from community.models import Forum, Thread


class ForumSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Forum.objects.listed().exclude(condition__demo=True).only("slug")


class ThreadSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4
    limit = 5000

    def items(self):
        return (
            Thread.objects.readable_by(AnonymousUser())
            .filter(demo=False)
            .select_related("forum")
            .only("slug", "last_activity_at", "forum__slug")
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.last_activity_at

"""Sitemap sections for the knowledge base: published pages only."""

from django.contrib.sitemaps import Sitemap

from therapies.models import Condition, Therapy, TherapyCondition


class ConditionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Condition.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class TherapySitemap(ConditionSitemap):
    def items(self):
        return Therapy.objects.published().only("slug", "updated_at")


class TherapyConditionSitemap(ConditionSitemap):
    priority = 0.7

    def items(self):
        return (
            TherapyCondition.objects.published()
            .select_related("therapy", "condition")
            .only("updated_at", "therapy__slug", "condition__slug")
            .order_by("pk")
        )

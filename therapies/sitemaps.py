"""Sitemap sections for the knowledge base and the directory: published pages only, and no demo content."""

from django.contrib.sitemaps import Sitemap

from therapies.models import Condition, Practitioner, Therapy, TherapyCondition


class ConditionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Condition.objects.published().filter(demo=False).only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class TherapySitemap(ConditionSitemap):
    def items(self):
        return Therapy.objects.published().filter(demo=False).only("slug", "updated_at")


class TherapyConditionSitemap(ConditionSitemap):
    priority = 0.7

    def items(self):
        return (
            TherapyCondition.objects.published()
            .filter(demo=False)
            .select_related("therapy", "condition")
            .only("updated_at", "therapy__slug", "condition__slug")
            .order_by("pk")
        )


class PractitionerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Practitioner.objects.published().filter(demo=False).only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TherapiesConfig(AppConfig):
    """Conditions, therapies, per-condition evidence and references, and the practitioner directory."""

    name = "therapies"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from portal import account_data, demo, home, search, shared_pages, sitemaps
        from therapies import invalidation
        from therapies import sitemaps as therapy_sitemaps
        from therapies.account_data import erase_directory_data, erase_votes, export_directory_data, export_votes
        from therapies.demo_data.removal import remove_directory, remove_knowledge_base
        from therapies.demo_data.seed import seed_knowledge_base
        from therapies.directory import finding
        from therapies.directory.demo import seed_directory
        from therapies.home import home_sections
        from therapies.news.account_data import erase_condition_follows, export_condition_follows
        from therapies.search import (
            search_conditions,
            search_practitioners,
            search_therapies,
            search_therapy_conditions,
        )

        sitemaps.register("conditions", therapy_sitemaps.ConditionSitemap)
        sitemaps.register("therapies", therapy_sitemaps.TherapySitemap)
        sitemaps.register("therapy-conditions", therapy_sitemaps.TherapyConditionSitemap)
        sitemaps.register("practitioners", therapy_sitemaps.PractitionerSitemap)
        search.register(search.SearchSource("conditions", _("Conditions"), search_conditions, order=10))
        search.register(search.SearchSource("therapies", _("Therapies"), search_therapies, order=20))
        pages_title = _("Therapies for conditions")
        search.register(search.SearchSource("therapy-conditions", pages_title, search_therapy_conditions, order=30))
        search.register(search.SearchSource("practitioners", _("Practitioners"), search_practitioners, order=40))
        invalidation.connect()
        # The remembered place's cookie: its holder's therapy pages and listings show their place.
        shared_pages.readers_cookie(finding.PLACE_COOKIE)
        demo.register(
            demo.SeedStep(
                name="knowledge base",
                run=seed_knowledge_base,
                order=10,
                remove=remove_knowledge_base,
                models=("therapies.Condition", "therapies.Therapy", "therapies.TherapyCondition",
                        "therapies.Reference", "therapies.Acupoint"),
            )
        )  # fmt: skip
        demo.register(
            demo.SeedStep(
                name="practitioner directory",
                run=seed_directory,
                order=20,
                remove=remove_directory,
                models=("therapies.Practitioner",),
            )
        )
        for section in home_sections():
            home.register(section)
        account_data.register(
            account_data.DataSection(
                key="votes",
                title=_("Your votes on therapies"),
                description=_("Your up and down votes on therapy pages. Withdrawn and deleted with your account."),
                export=export_votes,
                erase=erase_votes,
            )
        )
        account_data.register(
            account_data.DataSection(
                key="directory",
                title=_("Practitioner directory"),
                description=_(
                    "Listings you suggested or claimed, problems you reported and edits you proposed. Deleted with "
                    "your account; listings you manage stay in the directory without an owner."
                ),
                export=export_directory_data,
                erase=erase_directory_data,
            )
        )
        account_data.register(
            account_data.DataSection(
                key="condition_news",
                title=_("News of conditions you follow"),
                description=_(
                    "The conditions whose news you follow by e-mail, the sentence you agreed to, when you agreed and "
                    "when you stopped, and when digests were sent. Deleted with your account."
                ),
                export=export_condition_follows,
                erase=erase_condition_follows,
            )
        )

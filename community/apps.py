from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """Discussions and their moderation, and the symptom-experience survey (community/survey), whose tables belong
    to this app."""

    name = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from django.utils.translation import gettext_lazy as _

        from community import holes, invalidation  # noqa: F401 - holes registers the discussions' fillers
        from community import sitemaps as community_sitemaps
        from community.account_data import erase_discussions, export_discussions
        from community.demo_data.removal import remove_discussions
        from community.demo_data.seed import seed_discussions
        from community.home import home_sections
        from community.search import search_sources
        from portal import account_data, demo, home, search, sitemaps
        from therapies.models import Condition

        demo.register(
            demo.SeedStep(
                name="discussions",
                run=seed_discussions,
                order=30,
                remove=remove_discussions,
                models=("community.Thread",),
            )
        )
        sitemaps.register("forums", community_sitemaps.ForumSitemap)
        sitemaps.register("threads", community_sitemaps.ThreadSitemap)
        for section in home_sections():
            home.register(section)
        for source in search_sources():
            search.register(source)
        account_data.register(
            account_data.DataSection(
                key="discussions",
                title=_("Your posts and discussions"),
                description=_(
                    "Your posts, the threads you follow, the reports you made and the rules you accepted. When you "
                    "delete your account your posts stay in their threads under “deleted member”; you choose "
                    "whether their text stays too."
                ),
                export=export_discussions,
                erase=erase_discussions,
                offers_keep_contributions=True,
            )
        )

        # The knowledge base does not know the community: the forum follows its condition from here.
        post_save.connect(_condition_saved, sender=Condition, dispatch_uid="community.condition_forum")
        invalidation.connect()
        from community.survey.ready import ready as survey_ready

        survey_ready()


def _condition_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    from community.forums import sync_condition_forum

    sync_condition_forum(instance)

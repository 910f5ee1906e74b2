from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """Discussions and their moderation; the survey and its statistics come with their own issue."""

    name = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from therapies.models import Condition

        # The knowledge base does not know the community: the forum follows its condition from here.
        post_save.connect(_condition_saved, sender=Condition, dispatch_uid="community.condition_forum")


def _condition_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    from community.forums import sync_condition_forum

    sync_condition_forum(instance)

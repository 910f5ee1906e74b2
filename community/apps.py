from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """Discussions, moderation, the survey and its statistics (built by later issues)."""

    name = "community"
    verbose_name = _("Community")

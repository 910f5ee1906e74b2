from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Accounts, site pages and the small registries the other apps plug into."""

    name = "portal"
    verbose_name = _("Site and accounts")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from portal import account_data, demo, generations, holes, sitemaps  # noqa: F401 - holes: the page fillers
        from portal.actions import export_account_section
        from portal.seed import mark_demo_accounts, remove_demo_accounts, seed_demo_logins

        account_data.register(
            account_data.DataSection(
                key="account",
                title=_("Your account"),
                description=_(
                    "Your e-mail address, display name, bio, notification preferences and which "
                    "two-factor methods you use (never the secrets themselves). Deleted with your account."
                ),
                export=export_account_section,
            )
        )
        sitemaps.register("pages", sitemaps.SitePagesSitemap)
        # The content generations are read once a request (portal/generations.py).
        request_started.connect(generations.start_request, dispatch_uid="generations.start_request")
        request_finished.connect(generations.end_request, dispatch_uid="generations.end_request")
        demo.register(demo.SeedStep(name="demo logins", run=seed_demo_logins, order=0))
        # Last to seed, first to remove: the accounts' survey answers go before the treatments they name.
        demo.register(
            demo.SeedStep(
                name="demo accounts",
                run=mark_demo_accounts,
                order=10_000,
                remove=remove_demo_accounts,
                models=("portal.User",),
            )
        )

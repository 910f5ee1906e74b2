"""Load the demo content (idempotent), or remove it with --remove. Refused with DEBUG off unless --demo is given.

Everything it writes is flagged as demo content (portal/demo.py): while any is there, every page says so and asks
search engines not to index it. Demo logins only with DEBUG on or --demo-logins.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal import demo, generations

REFUSAL = (
    "seed_demo fills the database with fictional reviewers, practitioners, members and posts, and DEBUG is off: "
    "this looks like a real site. On a demonstration site, run it again with --demo (every page then says that it "
    "shows demonstration content); on your own machine, run it with DEBUG=1. To take demo content out of a "
    "database, use --remove."
)


class Command(BaseCommand):
    help = "Load the demo content (safe to run again), or remove every demo row with --remove."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            dest="demo_site",
            help="Load it although DEBUG is off: for a demonstration site, whose every page then says so.",
        )
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help="Create the demo logins even with DEBUG off (never on a public site).",
        )
        parser.add_argument(
            "--scale",
            choices=["demo", "large"],
            default="demo",
            help="'large' generates a big data set for benchmarks (demo rows as well).",
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Delete every demo row (and what hangs from it) and nothing else.",
        )

    def handle(self, *args, demo_site: bool, demo_logins: bool, scale: str, remove: bool, **options):
        if remove:
            try:
                demo.remove_demo_content(stdout=self.stdout)
            except demo.RemovalRefused as refusal:
                raise CommandError(str(refusal)) from refusal
            self.stdout.write(self.style.SUCCESS("Demo content removed; the site shows no demonstration banner."))
            return
        if not settings.DEBUG and not demo_site:
            raise CommandError(REFUSAL)
        with_logins = demo_logins or settings.DEBUG
        for step in demo.steps():
            self.stdout.write(f"Seeding {step.name}…")
            with transaction.atomic():
                step.run(scale=scale, stdout=self.stdout, with_logins=with_logins)
                # Bulk inserts send no signals: no page kept before the seed may be served after it.
                generations.bump_everything()
        demo.remember_presence(True)
        if not with_logins:
            self.stdout.write("No demo logins created (DEBUG is off; pass --demo-logins to create them).")
        self.stdout.write(self.style.SUCCESS("Demo content is in place; every page says that it is a demonstration."))

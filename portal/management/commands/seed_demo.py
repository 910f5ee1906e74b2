"""Load the demo content (idempotent). Demo logins only with DEBUG on or --demo-logins."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo, generations


class Command(BaseCommand):
    help = "Load the demo content. Safe to run again: existing demo data is left as it is."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help="Create the demo logins even with DEBUG off (never on a public site).",
        )
        parser.add_argument(
            "--scale",
            choices=["demo", "large"],
            default="demo",
            help="'large' generates a big data set for benchmarks.",
        )

    def handle(self, *args, demo_logins: bool, scale: str, **options):
        with_logins = demo_logins or settings.DEBUG
        for step in demo.steps():
            self.stdout.write(f"Seeding {step.name}…")
            with transaction.atomic():
                step.run(scale=scale, stdout=self.stdout, with_logins=with_logins)
                # Bulk inserts send no signals: no page kept before the seed may be served after it.
                generations.bump_everything()
        if not with_logins:
            self.stdout.write("No demo logins created (DEBUG is off; pass --demo-logins to create them).")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

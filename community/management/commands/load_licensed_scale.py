"""Load a licensed, validated scale (a JSON file the operator holds) as a draft of the next survey version."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from community.survey.licensed import load_licensed_scale
from community.survey.models import Survey


class Command(BaseCommand):
    help = (
        "Make a draft of the next version of the current survey with one scored section replaced by a licensed "
        "scale from a JSON file (see community/survey/licensed.py for its shape). Review and publish it in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file with the licensed scale.")
        parser.add_argument("--replace", default="legs", help="Code of the section it replaces (default: legs).")

    def handle(self, *args, file: str, replace: str, **options):
        survey = Survey.objects.current()
        if survey is None:
            raise CommandError("There is no published survey to base the new version on.")
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            draft = load_licensed_scale(survey=survey, data=data, replace=replace)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Draft created: {draft}. Review it in the admin, then publish it.")

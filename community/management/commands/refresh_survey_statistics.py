"""Recompute the survey statistics; run on a schedule (cron, a systemd timer) besides the refresh after answers."""

from django.core.management.base import BaseCommand

from community.survey.models import StatisticsRefresh
from community.survey.statistics import refresh_statistics
from community.survey.tasks import refresh_survey_statistics


class Command(BaseCommand):
    help = "Recompute the public survey statistics from the counted responses."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Hand the refresh to a task worker instead.")

    def handle(self, *args, queue: bool = False, **options):
        if queue:
            result = refresh_survey_statistics.enqueue()
            self.stdout.write(f"Survey statistics refresh queued (task {result.id}).")
            return
        # A refresh that was waiting is done by this one.
        StatisticsRefresh.objects.filter(pk=1).update(requested_at=None)
        result = refresh_statistics()
        self.stdout.write(
            f"Survey statistics refreshed: {result.rows} rows from {result.responses} responses "
            f"in {result.seconds:.2f} s."
        )

"""Queue the daily notification digest; run once a day from the scheduler (cron, a systemd timer, …)."""

from django.core.management.base import BaseCommand

from community.notify import send_daily_digests


class Command(BaseCommand):
    help = "Queue the daily digest of notifications for members who chose it; a task worker sends them."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send in this process instead of queueing.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            sent = send_daily_digests.call()
            self.stdout.write(f"Daily digests sent: {sent}")
        else:
            result = send_daily_digests.enqueue()
            self.stdout.write(f"Daily digests queued (task {result.id}).")

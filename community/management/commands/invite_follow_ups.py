"""Queue the invitation of due survey follow-ups; run once a day from the scheduler (cron, a systemd timer, …)."""

from django.core.management.base import BaseCommand

from community.survey.followups.tasks import invite_follow_ups


class Command(BaseCommand):
    help = "Invite members whose 3- or 12-month survey follow-ups are due (in the app, and by e-mail per preference)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Invite in this process instead of queueing.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            self.stdout.write(f"Follow-ups invited: {invite_follow_ups.call()}")
        else:
            result = invite_follow_ups.enqueue()
            self.stdout.write(f"Follow-up invitations queued (task {result.id}).")

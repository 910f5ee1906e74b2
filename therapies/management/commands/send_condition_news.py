"""Queue the condition-news digests and forget unconfirmed requests; run once a day from the scheduler."""

from django.core.management.base import BaseCommand

from therapies.news.tasks import forget_unconfirmed_follows, send_condition_news_digests


class Command(BaseCommand):
    help = (
        "Send each follower of a condition the notes they have not had (at most one e-mail a week per condition) "
        "and delete follow requests not confirmed within seven days; a task worker does the work."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Work in this process instead of queueing.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            sent = send_condition_news_digests.call()
            forgotten = forget_unconfirmed_follows.call()
            self.stdout.write(f"Condition news digests sent: {sent}; unconfirmed requests forgotten: {forgotten}")
        else:
            digests = send_condition_news_digests.enqueue()
            cleanup = forget_unconfirmed_follows.enqueue()
            self.stdout.write(f"Condition news queued (tasks {digests.id}, {cleanup.id}).")

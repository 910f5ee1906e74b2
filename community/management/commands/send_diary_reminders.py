"""Queue the weekly diary reminders; run from the scheduler (daily is fine: nobody gets two in one week)."""

from django.core.management.base import BaseCommand

from community.survey.diary.tasks import send_diary_reminders


class Command(BaseCommand):
    help = "Send the weekly diary reminder to members who turned it on and have not had this week's."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send in this process instead of queueing.")

    def handle(self, *args, now: bool = False, **options):
        if now:
            self.stdout.write(f"Diary reminders sent: {send_diary_reminders.call()}")
        else:
            result = send_diary_reminders.enqueue()
            self.stdout.write(f"Diary reminders queued (task {result.id}).")

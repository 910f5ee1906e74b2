"""The weekly diary reminder by e-mail: off unless the member turns it on, never twice in one week, and every
message carries a signed one-click link that turns it off.

Run `manage.py send_diary_reminders` from the scheduler (daily is fine: a member gets at most one a week).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from portal.mail import send_later, templated_message

OFF_SALT = "community.survey.diary.reminder-off"


def off_token(member) -> str:
    return signing.dumps({"m": member.pk}, salt=OFF_SALT, compress=True)


def read_off_token(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=OFF_SALT)
    except signing.BadSignature:
        return None
    return data.get("m") if isinstance(data, dict) else None


@task()
def send_diary_reminders() -> int:
    """One reminder this week to each member who asked for it and may get e-mail; returns how many were sent."""
    from community.survey.diary.actions import claim_reminder_week, week_of
    from community.survey.diary.models import DiaryReminder
    from community.survey.diary.permissions import can_receive_reminders

    week = week_of(timezone.localdate())
    due = DiaryReminder.objects.filter(weekly=True, member__is_active=True).exclude(last_sent_week__gte=week)
    members = get_user_model().objects.filter(pk__in=due.values("member_id"))
    sent = 0
    for member in members.iterator(chunk_size=500):
        if not can_receive_reminders(member):
            continue
        if claim_reminder_week(member_id=member.pk, week=week):
            _send(member)
            sent += 1
    return sent


def _send(member) -> None:
    off_url = settings.SITE_URL + reverse("community:diary_reminder_off", args=[off_token(member)])
    context = {"member": member, "diary_url": settings.SITE_URL + reverse("community:diary"), "off_url": off_url}
    send_later(templated_message("survey/diary/email/reminder", context, to=member.email, unsubscribe_url=off_url))

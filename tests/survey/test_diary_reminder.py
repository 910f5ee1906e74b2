"""The weekly diary reminder: off by default, turned on on the diary page, sent once a week at most, only to a
confirmed address that accepts e-mail, and turned off by the signed link in every reminder."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client

from community.survey.diary import actions, scales
from community.survey.diary.models import DiaryReminder
from community.survey.diary.tasks import send_diary_reminders
from tests.clients import login

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def off_link(message) -> str:
    return re.search(r"https?://\S+/survey/diary/reminder/off/\S+/", message.body).group(0)


def test_the_reminder_is_off_unless_the_member_turns_it_on(member, survey):
    actions.record_entry(member=member, condition="migraine", scale=scales.scale_for("migraine"), score=3)

    assert send_diary_reminders.call() == 0
    assert mail.outbox == []


def test_a_member_turns_it_on_on_the_diary_page_and_gets_one_reminder_a_week(member_client, member, survey):
    page = member_client.get("/survey/diary/").content.decode()
    assert 'name="weekly"' in page and "checked" not in page.split('name="weekly"')[1].split(">")[0]

    member_client.post("/survey/diary/reminder/", {"weekly": "on"})

    assert DiaryReminder.objects.get(member=member).weekly is True
    with time_machine.travel(MONDAY, tick=False):
        assert send_diary_reminders.call() == 1
    with time_machine.travel(MONDAY + datetime.timedelta(days=6), tick=False):
        assert send_diary_reminders.call() == 0  # Sunday: still the same week
    with time_machine.travel(MONDAY + datetime.timedelta(days=7), tick=False):
        assert send_diary_reminders.call() == 1
    assert [message.to for message in mail.outbox] == [[member.email], [member.email]]
    assert "/survey/diary/" in mail.outbox[0].body


def test_two_overlapping_runs_in_one_week_send_once(member, survey):
    actions.set_reminder(member=member, weekly=True)
    week = actions.week_of(MONDAY.date())

    assert actions.claim_reminder_week(member_id=member.pk, week=week) is True
    assert actions.claim_reminder_week(member_id=member.pk, week=week) is False


def test_the_reminder_holds_nothing_of_the_diary(member, survey):
    actions.record_entry(
        member=member, condition="migraine", scale=scales.scale_for("migraine"), score=7, note="Secret note"
    )
    actions.set_reminder(member=member, weekly=True)

    send_diary_reminders.call()

    (message,) = mail.outbox
    assert "Secret note" not in message.body and "7" not in message.subject
    assert message.extra_headers["List-Unsubscribe"] == f"<{off_link(message)}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_opening_the_signed_link_changes_nothing_and_shows_one_button(client, member, survey):
    actions.set_reminder(member=member, weekly=True)
    send_diary_reminders.call()

    response = client.get(urlsplit(off_link(mail.outbox[0])).path)  # what a mail scanner or a link preview does

    page = response.content.decode()
    assert response.status_code == 200
    assert "Turn off the weekly diary reminder?" in page
    assert 'method="post"' in page and "Turn the reminder off" in page
    assert DiaryReminder.objects.get(member=member).weekly is True


def test_pressing_the_button_turns_the_reminder_off_without_signing_in(client, member, survey):
    actions.set_reminder(member=member, weekly=True)
    send_diary_reminders.call()

    response = client.post(urlsplit(off_link(mail.outbox[0])).path)

    assert response.status_code == 200
    assert "The weekly diary reminder is off" in response.content.decode()
    assert DiaryReminder.objects.get(member=member).weekly is False
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=8)):
        assert send_diary_reminders.call() == 0
    assert "The weekly diary reminder is off" in client.get(urlsplit(off_link(mail.outbox[0])).path).content.decode()


def test_a_mail_programs_one_click_post_turns_it_off_without_a_session_or_csrf_token(member, survey):
    actions.set_reminder(member=member, weekly=True)
    send_diary_reminders.call()

    response = Client(enforce_csrf_checks=True).post(
        urlsplit(off_link(mail.outbox[0])).path, {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert "The weekly diary reminder is off" in response.content.decode()
    assert DiaryReminder.objects.get(member=member).weekly is False


def test_a_tampered_link_changes_nothing(client, member, survey):
    actions.set_reminder(member=member, weekly=True)

    responses = [send("/survey/diary/reminder/off/not-a-signed-token/") for send in (client.get, client.post)]

    for response in responses:
        assert response.status_code == 400
        assert "This link is not valid." in response.content.decode()
    assert DiaryReminder.objects.get(member=member).weekly is True


def test_no_reminder_goes_to_an_unconfirmed_address_or_a_member_who_wants_no_e_mail(make_member, survey):
    unverified = make_member(verified=False)
    no_mail = make_member(email_frequency="never")
    for person in (unverified, no_mail):
        actions.set_reminder(member=person, weekly=True)

    assert send_diary_reminders.call() == 0
    assert (
        "Reminders go by e-mail only to a confirmed address" in login(unverified).get("/survey/diary/").content.decode()
    )


def test_turning_it_off_on_the_page_stops_it(member_client, member, survey):
    actions.set_reminder(member=member, weekly=True)

    member_client.post("/survey/diary/reminder/", {})

    assert DiaryReminder.objects.get(member=member).weekly is False
    assert send_diary_reminders.call() == 0


def test_the_command_sends_them(member, survey, capsys):
    actions.set_reminder(member=member, weekly=True)

    call_command("send_diary_reminders", "--now")

    assert "Diary reminders sent: 1" in capsys.readouterr().out

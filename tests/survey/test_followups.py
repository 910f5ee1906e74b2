"""Follow-ups: due 3 and 12 months after a member rates a treatment, invited once (in the app and by e-mail as the
member prefers), answered once through a signed link that still needs the member, and "stop asking me"."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core import mail, signing
from django.test import Client

from community.survey.followups import actions
from community.survey.followups.models import FollowUp, FollowUpStop
from community.survey.followups.notify import LINK_MAX_AGE, LINK_SALT, follow_up_token
from community.survey.followups.tasks import invite_follow_ups
from community.survey.models import Survey
from portal.actions import delete_account
from tests.clients import login
from tests.factories.survey import answer

pytestmark = pytest.mark.django_db

ANSWERED_ON = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def on_answer_day(time_machine):
    time_machine.move_to(ANSWERED_ON, tick=False)
    return time_machine


@pytest.fixture
def respondent(on_answer_day, make_member, survey, knowledge_base, django_capture_on_commit_callbacks):
    """A member who rated exercise and massage on 15 January 2026."""
    member = make_member(display_name="Fern Follower", email="fern@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        answer(member, survey, tried={"exercise": "much_better", "massage": "none"})
    return member


def invite(captured):
    with captured(execute=True):
        return invite_follow_ups.call()


def follow_up_of(member, treatment_code: str, kind: int) -> FollowUp:
    return FollowUp.objects.get(member=member, treatment__code=treatment_code, kind=kind)


def test_follow_ups_are_due_three_and_twelve_months_after_the_answer(respondent):
    due = sorted(FollowUp.objects.filter(member=respondent).values_list("treatment__code", "kind", "due_on"))

    assert due == [
        ("exercise", 3, datetime.date(2026, 4, 15)),
        ("exercise", 12, datetime.date(2027, 1, 15)),
        ("massage", 3, datetime.date(2026, 4, 15)),
        ("massage", 12, datetime.date(2027, 1, 15)),
    ]


def test_a_month_end_answer_is_due_on_the_last_day_of_a_shorter_month():
    assert actions.add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert actions.add_months(datetime.date(2026, 5, 31), 12) == datetime.date(2027, 5, 31)


def test_sending_the_answers_again_schedules_nothing_twice(respondent, survey, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer(respondent, survey, tried={"exercise": "a_little_better", "massage": "none"})

    assert FollowUp.objects.filter(member=respondent).count() == 4


def test_answers_to_a_version_that_did_not_promise_follow_ups_get_none(make_member, knowledge_base):
    version_2 = Survey.objects.get(slug="experience", version=2)
    member = make_member()

    answer(member, version_2, tried={"exercise": "much_better"})

    assert not FollowUp.objects.filter(member=member).exists()


def test_nothing_is_invited_before_it_is_due(respondent, on_answer_day, django_capture_on_commit_callbacks):
    on_answer_day.move_to(datetime.datetime(2026, 4, 14, 9, 0, tzinfo=datetime.UTC), tick=False)

    assert invite(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert FollowUp.objects.due_for(respondent).count() == 0


def test_a_due_follow_up_is_invited_once_with_one_email_and_one_notification(
    respondent, on_answer_day, django_capture_on_commit_callbacks
):
    on_answer_day.move_to(datetime.datetime(2026, 4, 15, 9, 0, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()

    first = invite(django_capture_on_commit_callbacks)
    second = invite(django_capture_on_commit_callbacks)

    assert (first, second) == (2, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fern@example.org"]
    assert "Exercise, 3 months on" in message.body and "Massage, 3 months on" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/community/unsubscribe/")
    assert FollowUp.objects.filter(member=respondent, invited_at__isnull=False).count() == 2
    assert FollowUp.objects.filter(member=respondent, kind=12, invited_at__isnull=True).count() == 2
    notifications = login(respondent).get("/community/notifications/").content.decode()
    assert notifications.count("Is Exercise still helping, 3 months on?") == 1


def test_the_twelve_month_follow_up_is_invited_when_it_is_due(
    respondent, on_answer_day, django_capture_on_commit_callbacks
):
    on_answer_day.move_to(datetime.datetime(2027, 1, 15, 9, 0, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()

    assert invite(django_capture_on_commit_callbacks) == 4
    assert len(mail.outbox) == 1
    assert "Exercise, 12 months on" in mail.outbox[0].body


@pytest.mark.parametrize(("preference", "emails"), [("immediate", 1), ("daily", 1), ("never", 0)])
def test_the_email_follows_the_members_notification_preference(
    respondent, on_answer_day, django_capture_on_commit_callbacks, preference, emails
):
    type(respondent).objects.filter(pk=respondent.pk).update(email_frequency=preference)
    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()

    invite(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == emails
    # In the app either way.
    page = login(respondent).get("/community/notifications/").content.decode()
    assert "Is Massage still helping, 3 months on?" in page


def test_a_member_whose_address_is_no_longer_verified_is_not_emailed(
    respondent, on_answer_day, django_capture_on_commit_callbacks
):
    respondent.emailaddress_set.update(verified=False)
    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()

    assert invite(django_capture_on_commit_callbacks) == 2
    assert mail.outbox == []
    # …and must confirm the address before answering, as for the survey.
    follow_up = follow_up_of(respondent, "exercise", 3)
    page = login(respondent).get(f"/survey/follow-ups/{follow_up.pk}/")
    assert page.status_code == 403 and "confirm your e-mail address" in page.content.decode()


def test_stop_asking_about_one_treatment_stops_its_follow_ups_only(
    respondent, on_answer_day, django_capture_on_commit_callbacks
):
    client = login(respondent)
    massage = follow_up_of(respondent, "massage", 3).treatment

    client.post("/survey/follow-ups/stop/", {"treatment": massage.pk})
    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()
    invited = invite(django_capture_on_commit_callbacks)

    assert invited == 1
    assert "Exercise" in mail.outbox[0].body and "Massage" not in mail.outbox[0].body
    page = login(respondent).get("/survey/follow-ups/").content.decode()
    assert "Not asked any more" in page and "Stop asking me about Exercise" in page


def test_stop_asking_about_all_treatments_stops_every_invitation_and_can_be_undone(
    respondent, on_answer_day, django_capture_on_commit_callbacks
):
    client = login(respondent)
    client.post("/survey/follow-ups/stop/", {"treatment": "all"})
    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()

    assert invite(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    client = login(respondent)
    assert "Nothing to answer at the moment." in client.get("/survey/follow-ups/").content.decode()

    client.post("/survey/follow-ups/stop/", {"resume": "1"})
    assert invite(django_capture_on_commit_callbacks) == 2
    assert not FollowUpStop.objects.filter(member=respondent).exists()


def test_the_signed_link_leads_a_signed_out_member_to_sign_in_and_then_to_the_follow_up(
    respondent, on_answer_day, django_capture_on_commit_callbacks
):
    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()
    invite(django_capture_on_commit_callbacks)
    link = re.search(r"http://testserver(/survey/follow-ups/link/\S+/)", mail.outbox[0].body).group(1)
    visitor = Client()

    to_follow_up = visitor.get(link)
    to_login = visitor.get(to_follow_up["Location"])

    assert to_follow_up.status_code == 302 and re.fullmatch(r"/survey/follow-ups/\d+/", to_follow_up["Location"])
    assert to_login.status_code == 302 and to_login["Location"].startswith("/accounts/login/?next=/survey/follow-ups/")
    visitor.force_login(respondent)
    page = visitor.get(to_follow_up["Location"]).content.decode()
    assert "Are you still using it?" in page


def test_a_tampered_or_expired_link_is_refused(respondent, on_answer_day):
    follow_up = follow_up_of(respondent, "exercise", 3)
    token = follow_up_token(follow_up)
    client = login(respondent)
    other = follow_up_of(respondent, "massage", 3)
    forged = signing.dumps({"f": other.pk, "u": respondent.pk}, salt="another.salt")

    assert client.get(f"/survey/follow-ups/link/{token[:-2]}xx/").status_code == 400
    assert client.get(f"/survey/follow-ups/link/{forged}/").status_code == 400
    on_answer_day.shift(datetime.timedelta(seconds=LINK_MAX_AGE + 60))
    expired = client.get(f"/survey/follow-ups/link/{token}/")
    assert expired.status_code == 400 and "This link no longer works" in expired.content.decode()
    assert LINK_SALT == "community.survey.follow_up"


def test_a_stranger_opening_another_members_follow_up_link_finds_nothing(respondent, make_member):
    follow_up = follow_up_of(respondent, "exercise", 3)
    stranger = login(make_member(display_name="Nosy Neighbour"))

    through_link = stranger.get(f"/survey/follow-ups/link/{follow_up_token(follow_up)}/", follow=True)

    assert through_link.status_code == 404
    assert stranger.get(f"/survey/follow-ups/{follow_up.pk}/").status_code == 404
    assert stranger.post(f"/survey/follow-ups/{follow_up.pk}/", {"still_using": "no"}).status_code == 404
    assert not FollowUp.objects.get(pk=follow_up.pk).is_answered


@pytest.mark.parametrize("persona", ["editor_client", "moderator_client"])
def test_staff_cannot_open_a_members_follow_up_either(respondent, persona, request):
    follow_up = follow_up_of(respondent, "exercise", 3)

    assert request.getfixturevalue(persona).get(f"/survey/follow-ups/{follow_up.pk}/").status_code == 404


def test_a_visitor_is_sent_to_sign_in(respondent):
    follow_up = follow_up_of(respondent, "exercise", 3)

    for url in ("/survey/follow-ups/", f"/survey/follow-ups/{follow_up.pk}/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_answering_needs_every_shown_question_with_the_message_next_to_it(respondent, on_answer_day):
    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    follow_up = follow_up_of(respondent, "exercise", 3)
    client = login(respondent)

    nothing = client.post(f"/survey/follow-ups/{follow_up.pk}/", {})
    stopped_without_reason = client.post(f"/survey/follow-ups/{follow_up.pk}/", {"still_using": "no"})

    assert nothing.status_code == 200  # the form again, as the survey's steps answer
    assert nothing.context["form"].errors == {"still_using": ["This field is required."]}
    assert stopped_without_reason.context["form"].errors == {"stopped_why": ["Please answer this question."]}
    assert 'id="id_stopped_why_error"' in stopped_without_reason.content.decode()
    assert not FollowUp.objects.get(pk=follow_up.pk).is_answered


def test_an_answer_is_recorded_once_even_when_sent_twice(respondent, on_answer_day):
    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    follow_up = follow_up_of(respondent, "massage", 3)
    client = login(respondent)
    answers = {"still_using": "no", "stopped_why": ["side_effects", "cost"], "still_helping": "a_lot"}

    first = client.post(f"/survey/follow-ups/{follow_up.pk}/", answers, follow=True)
    second = client.post(f"/survey/follow-ups/{follow_up.pk}/", {"still_using": "yes", "still_helping": "a_lot"})

    stored = FollowUp.objects.get(pk=follow_up.pk)
    # The hidden question's answer is dropped; the stopped reasons decide the counted facts.
    assert stored.answers == {"still_using": "no", "stopped_why": ["side_effects", "cost"]}
    assert (stored.still_helping, stored.stopped_for_side_effects) == (False, True)
    assert stored.survey.slug == "follow-up" and stored.survey.version == 1
    assert "Thank you: your answers are recorded." in first.content.decode()
    assert second.status_code == 302
    assert FollowUp.objects.get(pk=follow_up.pk).answers == stored.answers
    assert FollowUp.objects.due_for(respondent).count() == 1
    with pytest.raises(actions.AlreadyAnswered):
        actions.answer_follow_up(follow_up=stored, answers={"still_using": "yes", "still_helping": "a_lot"})


def test_the_survey_page_shows_the_follow_ups_due(respondent, on_answer_day):
    assert "Follow-ups due" not in login(respondent).get("/survey/mine/").content.decode()

    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    page = login(respondent).get("/survey/mine/").content.decode()

    assert "Follow-ups due" in page and "Is Exercise still helping, 3 months on?" in page


def test_follow_ups_are_in_the_members_export_and_go_with_the_account(respondent, on_answer_day):
    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    actions.answer_follow_up(
        follow_up=follow_up_of(respondent, "exercise", 3), answers={"still_using": "yes", "still_helping": "a_lot"}
    )
    actions.stop_asking(member=respondent, treatment=follow_up_of(respondent, "massage", 3).treatment)

    exported = json.loads(login(respondent).get("/accounts/data/export/").content)["sections"]["survey_follow_ups"]

    assert sorted((row["treatment"], row["after_months"]) for row in exported["follow_ups"]) == [
        ("Exercise", 3),
        ("Exercise", 12),
        ("Massage", 3),
        ("Massage", 12),
    ]
    answered = next(row for row in exported["follow_ups"] if row["answers"])
    assert answered["answers"] == {"still_using": "yes", "still_helping": "a_lot"}
    assert exported["stopped"] == [{"treatment": "Massage", "since": "2026-04-16T09:00:00+00:00"}]
    delete_account(user=respondent)
    assert not FollowUp.objects.filter(member_id=respondent.pk).exists()
    assert not FollowUpStop.objects.filter(member_id=respondent.pk).exists()


def test_deleting_the_survey_answers_deletes_their_follow_ups(respondent):
    from community.survey.actions import delete_survey_answers

    delete_survey_answers(member=respondent)

    assert not FollowUp.objects.filter(member=respondent).exists()


def test_a_member_who_withdrew_consent_to_the_statistics_is_not_asked(
    respondent, on_answer_day, django_capture_on_commit_callbacks
):
    from community.survey.actions import withdraw_consent

    withdraw_consent(member=respondent, purpose="statistics")
    on_answer_day.move_to(datetime.datetime(2026, 4, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
    mail.outbox.clear()

    assert invite(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == [] and FollowUp.objects.due_for(respondent).count() == 0

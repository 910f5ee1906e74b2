"""What followers of a condition receive: the editor's required "what changed" note, the weekly digest (at most one
a week per condition, never the same notes twice), and who sees followers and the send log in the admin."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from tests.admin_pages import form_data, result_rows, with_two_factor
from therapies.models import Status, TherapyCondition
from therapies.news.actions import follow_as_member, record_change_note
from therapies.news.models import ChangeNote, ConditionFollow, NewsDigest
from therapies.news.tasks import send_condition_news_digests

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def administrator(make_member):
    return with_two_factor(
        make_member(email="admin@example.org", display_name="Admin Ada", is_staff=True, is_superuser=True)
    )


@pytest.fixture
def rls(make_condition):
    return make_condition(name="Restless legs syndrome", slug="restless-legs-syndrome")


@pytest.fixture
def page(make_page, make_therapy, rls):
    return make_page(therapy=make_therapy(name="Acupuncture"), condition=rls, certainty="low", direction="benefit")


def change_url(page) -> str:
    return reverse("admin:therapies_therapycondition_change", args=[page.pk])


def note_error(response) -> str:
    row = re.search(
        r'<div class="form-row[^"]*\berrors\b[^"]*\bfield-change_note\b.*?</ul>', response.content.decode(), re.S
    )
    return re.sub(r"<[^>]+>", " ", row.group(0)) if row else ""


def submit(client, page, **changes):
    data = form_data(client.get(change_url(page)))
    data.update({field: [value] for field, value in changes.items()})
    return client.post(change_url(page), data)


# --- The editor's note ------------------------------------------------------------------------------------------------


def test_publishing_a_page_without_a_note_is_refused_next_to_the_field(client, editor, page):
    TherapyCondition.objects.filter(pk=page.pk).update(status=Status.DRAFT)
    client.force_login(editor)

    response = submit(client, page, status=Status.PUBLISHED)

    assert response.status_code == 200
    assert "followers of this condition receive it when you publish" in note_error(response)
    page.refresh_from_db()
    assert page.status == Status.DRAFT
    assert not ChangeNote.objects.exists()


def test_publishing_a_page_with_a_note_keeps_the_note_with_the_new_plain_label(client, editor, page):
    TherapyCondition.objects.filter(pk=page.pk).update(status=Status.DRAFT)
    client.force_login(editor)

    response = submit(client, page, status=Status.PUBLISHED, change_note="New page: two small trials.")

    assert response.status_code == 302, note_error(response)
    note = ChangeNote.objects.get()
    assert (note.text, note.kind, note.page, note.condition, note.editor) == (
        "New page: two small trials.",
        ChangeNote.Kind.PUBLISHED,
        page,
        page.condition,
        editor,
    )
    assert note.label.text == "May help"


def test_changing_the_grade_of_a_published_page_needs_a_note(client, editor, page):
    client.force_login(editor)

    refused = submit(client, page, certainty="moderate")
    assert "when a grade changes" in note_error(refused)
    page.refresh_from_db()
    assert page.certainty == "low"

    accepted = submit(client, page, certainty="moderate", change_note="A larger trial: now probably helps.")

    assert accepted.status_code == 302
    note = ChangeNote.objects.get()
    assert (note.kind, note.label.text) == (ChangeNote.Kind.GRADE, "Probably helps")


def test_other_edits_of_a_published_page_need_no_note(client, editor, page):
    client.force_login(editor)

    response = submit(client, page, evidence_summary="Rewritten for clarity.")

    assert response.status_code == 302
    assert not ChangeNote.objects.exists()


def test_a_grade_change_on_a_draft_needs_no_note_and_refuses_one(client, editor, page):
    TherapyCondition.objects.filter(pk=page.pk).update(status=Status.DRAFT)
    client.force_login(editor)

    assert submit(client, page, certainty="moderate").status_code == 302
    refused = submit(client, page, certainty="high", change_note="Not yet.")

    assert "not published" in note_error(refused)
    assert not ChangeNote.objects.exists()


def test_only_the_therapy_for_condition_form_has_the_note(client, editor, page):
    client.force_login(editor)

    page_form = client.get(change_url(page)).content.decode()
    condition_form = client.get(reverse("admin:therapies_condition_change", args=[page.condition_id])).content.decode()

    assert 'name="change_note"' in page_form
    assert 'name="change_note"' not in condition_form


# --- The digest ------------------------------------------------------------------------------------------------------


def visitor_follow(condition, email="visitor@example.net", *, at=START) -> ConditionFollow:
    return ConditionFollow.objects.create(
        condition=condition, email=email, consent_text="…", requested_at=at, confirmed_at=at, secret=email
    )


def note(page, text, *, editor=None) -> ChangeNote:
    return record_change_note(page=page, text=text, editor=editor, kind=ChangeNote.Kind.GRADE)


def test_a_follower_gets_each_note_with_the_plain_label_a_link_and_a_stop_link(page, rls):
    with time_machine.travel(START, tick=False):
        visitor_follow(rls)
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        note(page, "A larger trial: now probably helps.")
        assert send_condition_news_digests.call() == 1

    [message] = mail.outbox
    assert message.to == ["visitor@example.net"]
    assert message.subject == "News of Restless legs syndrome"
    assert "Acupuncture: A larger trial: now probably helps." in message.body
    assert "Evidence now: May help" in message.body
    assert "http://testserver/therapies/acupuncture/restless-legs-syndrome/" in message.body
    stop = re.search(r"http://testserver(/conditions/restless-legs-syndrome/follow/stop/\S+/)", message.body).group(1)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{stop}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_follower_gets_at_most_one_digest_a_week_and_never_the_same_notes_twice(page, rls):
    with time_machine.travel(START, tick=False):
        follow = visitor_follow(rls)
        note(page, "First change.")
        assert send_condition_news_digests.call() == 1
        assert send_condition_news_digests.call() == 0  # nothing new, and sent this week
    with time_machine.travel(START + dt.timedelta(days=3), tick=False):
        note(page, "Second change.")
        assert send_condition_news_digests.call() == 0  # within the week: it waits
    with time_machine.travel(START + dt.timedelta(days=7, minutes=1), tick=False):
        assert send_condition_news_digests.call() == 1
        assert send_condition_news_digests.call() == 0

    first, second = mail.outbox
    assert "First change." in first.body and "Second change." not in first.body
    assert "Second change." in second.body and "First change." not in second.body
    assert [list(d.notes.values_list("text", flat=True)) for d in NewsDigest.objects.order_by("sent_at")] == [
        ["First change."],
        ["Second change."],
    ]
    assert set(NewsDigest.objects.values_list("follow", flat=True)) == {follow.pk}


def test_the_week_is_counted_per_condition(page, rls, make_page, make_condition):
    insomnia = make_condition(name="Insomnia")
    other_page = make_page(condition=insomnia)
    with time_machine.travel(START, tick=False):
        visitor_follow(rls)
        visitor_follow(insomnia)
        note(page, "About legs.")
        note(other_page, "About sleep.")
        assert send_condition_news_digests.call() == 2

    assert sorted(message.subject for message in mail.outbox) == ["News of Insomnia", "News of Restless legs syndrome"]


def test_no_digest_goes_to_the_unconfirmed_the_stopped_or_for_notes_before_following(page, rls):
    with time_machine.travel(START, tick=False):
        note(page, "Before anyone followed.")
        ConditionFollow.objects.create(condition=rls, email="waiting@example.net", consent_text="…", secret="w")
        stopped = visitor_follow(rls, "stopped@example.net")
        ConditionFollow.objects.filter(pk=stopped.pk).update(withdrawn_at=START, email="")
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        late = visitor_follow(rls, "late@example.net", at=START + dt.timedelta(hours=1))
        assert send_condition_news_digests.call() == 0
        note(page, "After.")
        assert send_condition_news_digests.call() == 1

    [message] = mail.outbox
    assert message.to == [late.email] and "Before anyone followed." not in message.body


def test_a_member_follower_gets_the_digest_at_their_current_account_address(page, rls, member):
    with time_machine.travel(START, tick=False):
        follow_as_member(condition=rls, member=member)
    member.email = "new-address@example.org"
    member.save(update_fields=["email"])
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        note(page, "Change.")
        send_condition_news_digests.call()

    assert mail.outbox[0].to == ["new-address@example.org"]


# --- Followers and the send log in the admin ---------------------------------------------------------------------


@pytest.fixture
def followed(page, rls, member):
    with time_machine.travel(START, tick=False):
        visitor_follow(rls, "secret.reader@example.net")
        follow_as_member(condition=rls, member=member)
        ConditionFollow.objects.create(condition=rls, email="unconfirmed@example.net", consent_text="…", secret="u")
        note(page, "Sent to two.")
        send_condition_news_digests.call()
    return rls


def test_an_editor_sees_how_many_follow_each_condition_but_no_address(client, editor, followed, member):
    client.force_login(editor)

    counts = client.get(reverse("admin:therapies_conditionfollowers_changelist")).content.decode()
    rows = result_rows(counts)
    addresses = client.get(reverse("admin:therapies_conditionfollow_changelist"))
    log = client.get(reverse("admin:therapies_newsdigest_changelist")).content.decode()

    assert re.search(r"Restless legs syndrome.*?>2<.*?>1<", rows, re.S)
    assert addresses.status_code == 403
    for page in (counts, log):
        assert "secret.reader@example.net" not in page
        assert member.email not in page
    assert result_rows(log).count("field-sent_at") == 2  # what was sent, and when, without whom


def test_an_administrator_sees_the_addresses_and_who_was_sent_what(client, administrator, followed, member):
    client.force_login(administrator)

    addresses = result_rows(client.get(reverse("admin:therapies_conditionfollow_changelist")).content.decode())
    log = result_rows(client.get(reverse("admin:therapies_newsdigest_changelist")).content.decode())

    assert "secret.reader@example.net" in addresses and member.email in addresses
    assert "unconfirmed@example.net" in addresses
    assert "secret.reader@example.net" in log and member.email in log


def test_a_moderator_or_member_sees_no_followers_at_all(client, make_member, followed):
    moderator = make_member(display_name="Mod Mona", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(with_two_factor(moderator))

    for name in ("conditionfollowers", "conditionfollow", "newsdigest"):
        assert client.get(reverse(f"admin:therapies_{name}_changelist")).status_code == 403

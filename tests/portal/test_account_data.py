"""A member downloads everything they gave, and can delete the account after re-entering the password."""

import json

import pytest
from allauth.account.models import EmailAddress

from portal import account_data
from portal.models import User
from tests.factories.members import PASSWORD
from tests.html import error_next_to, field_group


@pytest.fixture
def diary_section():
    """Stands in for an app (discussions, the survey) that plugs its data into the registry."""
    diary: dict[int, list[str]] = {}
    calls: list[tuple] = []

    def export(user):
        return {"entries": diary.get(user.pk, [])}

    def erase(user, *, keep_contributions):
        calls.append((user.pk, keep_contributions))
        diary.pop(user.pk, None)

    account_data.register(
        account_data.DataSection(
            key="diary",
            title="Your diary",
            description="Notes you wrote in your diary.",
            export=export,
            erase=erase,
            offers_keep_contributions=True,
        )
    )
    yield diary, calls
    account_data.unregister("diary")


def test_the_export_holds_the_members_profile_and_addresses(client, make_member):
    member = make_member(email="me@example.org", display_name="Leg Day", bio="Walking at 3 a.m.")
    client.force_login(member)

    response = client.get("/accounts/data/export/")

    assert response["Content-Disposition"].startswith('attachment; filename="remedy-commons-data-')
    data = json.loads(response.content)
    account = data["sections"]["account"]
    assert account["email"] == "me@example.org"
    assert account["display_name"] == "Leg Day"
    assert account["bio"] == "Walking at 3 a.m."
    assert account["email_addresses"] == [{"email": "me@example.org", "verified": True, "primary": True}]
    assert account["notification_preferences"]["email_frequency"] == "immediate"
    assert "password" not in json.dumps(data)


def test_the_export_includes_sections_that_apps_register(client, member, diary_section):
    diary, _calls = diary_section
    diary[member.pk] = ["Slept 5 hours"]
    client.force_login(member)

    data = json.loads(client.get("/accounts/data/export/").content)

    assert data["sections"]["diary"] == {"entries": ["Slept 5 hours"]}
    assert "Notes you wrote in your diary." in client.get("/accounts/data/").content.decode()


def test_the_export_holds_only_the_members_own_data(client, make_member):
    me = make_member(email="me@example.org")
    make_member(email="someone-else@example.org")
    client.force_login(me)

    body = client.get("/accounts/data/export/").content.decode()

    assert "someone-else@example.org" not in body


@pytest.mark.parametrize("path", ["/accounts/data/", "/accounts/data/export/", "/accounts/profile/"])
def test_a_visitor_is_asked_to_log_in_for_account_pages(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_visitor_cannot_delete_anything(client, member):
    response = client.post("/accounts/data/delete/", {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert User.objects.filter(pk=member.pk).exists()


def test_deleting_the_account_removes_the_member_and_their_addresses(client, member, diary_section):
    diary, calls = diary_section
    diary[member.pk] = ["Slept 5 hours"]
    client.force_login(member)

    response = client.post(
        "/accounts/data/delete/", {"password": PASSWORD, "confirm": "on", "keep_contributions": "on"}, follow=True
    )

    assert "Your account and your data have been deleted" in response.content.decode()
    assert not User.objects.filter(pk=member.pk).exists()
    assert not EmailAddress.objects.filter(email=member.email).exists()
    assert calls == [(member.pk, True)]
    assert member.pk not in diary
    assert not response.context["user"].is_authenticated


def test_deletion_with_a_wrong_password_keeps_the_account_and_says_why(client, member):
    client.force_login(member)

    response = client.post("/accounts/data/delete/", {"password": "not-my-password", "confirm": "on"})

    assert response.status_code == 400
    assert "That is not your current password." in error_next_to(response.content.decode(), "password")
    assert User.objects.filter(pk=member.pk).exists()
    # The ticked box stays ticked; only the password has to be typed again.
    assert " checked" in field_group(response.content.decode(), "confirm")


def test_deletion_needs_the_confirmation_box(client, member):
    client.force_login(member)

    response = client.post("/accounts/data/delete/", {"password": PASSWORD})

    assert "Tick this box" in error_next_to(response.content.decode(), "confirm")
    assert User.objects.filter(pk=member.pk).exists()


def test_the_keep_my_posts_choice_appears_only_when_an_app_offers_it(client, member, diary_section):
    client.force_login(member)
    assert 'name="keep_contributions"' in client.get("/accounts/data/").content.decode()

    account_data.unregister("diary")
    discussions = next(section for section in account_data.sections() if section.key == "discussions")
    account_data.unregister("discussions")
    try:
        assert 'name="keep_contributions"' not in client.get("/accounts/data/").content.decode()
    finally:
        account_data.register(discussions)

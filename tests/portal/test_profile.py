"""The profile page: display name, bio and notification preferences, with clear messages on bad input."""

from portal.models import User
from tests.html import error_next_to, field_group


def profile_data(**overrides):
    data = {
        "display_name": "Quiet Night",
        "bio": "Evening walks help me.",
        "notify_on_replies": "on",
        "notify_on_mentions": "on",
        "email_frequency": "immediate",
    }
    data.update(overrides)
    return data


def test_the_profile_shows_the_members_current_choices(member_client):
    page = member_client.get("/accounts/profile/").content.decode()

    assert 'value="Quiet Night"' in field_group(page, "display_name")
    assert "checked" in field_group(page, "notify_on_replies")
    assert "Your e-mail address is never shown to anyone" in page


def test_a_taken_display_name_is_refused_and_the_rest_is_kept(member_client, make_member):
    make_member(display_name="Night Owl")

    response = member_client.post("/accounts/profile/", profile_data(display_name="NIGHT OWL", bio="Kept text"))

    page = response.content.decode()
    assert "already someone" in error_next_to(page, "display_name")
    assert 'value="NIGHT OWL"' in field_group(page, "display_name")
    assert "Kept text" in field_group(page, "bio")
    assert User.objects.get(display_name="Quiet Night").bio == ""


def test_a_member_may_keep_their_own_display_name_in_another_case(member_client, member):
    member_client.post("/accounts/profile/", profile_data(display_name="quiet night"))

    member.refresh_from_db()
    assert member.display_name == "quiet night"


def test_a_bio_over_500_characters_is_refused_with_its_length(member_client, member):
    response = member_client.post("/accounts/profile/", profile_data(bio="z" * 501))

    assert "at most 500 characters" in error_next_to(response.content.decode(), "bio")
    member.refresh_from_db()
    assert member.bio == ""


def test_an_unknown_email_frequency_is_refused(member_client, member):
    response = member_client.post("/accounts/profile/", profile_data(email_frequency="hourly"))

    assert "Select a valid choice" in error_next_to(response.content.decode(), "email_frequency")
    member.refresh_from_db()
    assert member.email_frequency == "immediate"


def test_the_profile_cannot_change_anything_else(member_client, member):
    member_client.post("/accounts/profile/", profile_data(is_staff="on", email="new@example.org"))

    member.refresh_from_db()
    assert member.is_staff is False
    assert member.email != "new@example.org"

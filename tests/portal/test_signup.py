"""Sign-up, e-mail verification, log-in: the way a newcomer meets the site."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils.html import escape

from portal.models import User
from tests.factories.members import PASSWORD, sign_up
from tests.html import error_next_to, field_group


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_the_sign_up_form_asks_for_a_pseudonym(client, db):
    page = client.get("/accounts/signup/").content.decode()

    assert 'name="display_name"' in page
    assert "pseudonym" in page
    assert "real name" in page


@pytest.mark.django_db
def test_it_signs_up_verifies_logs_in_and_edits_the_profile(client):
    response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.org")
    assert user.display_name == "Restless Rita"
    assert user.password.startswith("md5$")  # the test hasher; production uses argon2
    assert not EmailAddress.objects.get(user=user).verified

    # The verification e-mail went out through the task queue to the outbox.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    assert "Confirm" in message.subject
    link = confirmation_link(message)

    # Confirming is a deliberate click (POST), then the member is logged in.
    confirm_page = client.get(link)
    assert b"newcomer@example.org" in confirm_page.content
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post("/accounts/login/", {"login": "newcomer@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/accounts/profile/").context["user"] == user

    response = client.post(
        "/accounts/profile/",
        {
            "display_name": "Rita at Night",
            "bio": "Legs restless since 2019.",
            "notify_on_replies": "on",
            "email_frequency": "daily",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Rita at Night"
    assert user.bio == "Legs restless since 2019."
    assert user.notify_on_replies is True
    assert user.notify_on_mentions is False
    assert user.email_frequency == "daily"
    assert "Your profile is saved." in client.get("/accounts/profile/").content.decode()


@pytest.mark.django_db
def test_an_unverified_member_is_told_to_verify(client, make_member):
    make_member(email="waiting@example.org", verified=False)
    mail.outbox.clear()

    response = client.post("/accounts/login/", {"login": "waiting@example.org", "password": PASSWORD}, follow=True)

    page = response.content.decode()
    assert "Verify Your Email Address" in page or "verify" in page.lower()
    assert "waiting@example.org" in "".join(m.to[0] for m in mail.outbox)
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_a_taken_display_name_is_refused_politely_and_nothing_typed_is_lost(client, make_member):
    make_member(display_name="Night Owl")

    response = sign_up(client, display_name="night owl", email="someone@example.org")

    assert response.status_code == 200
    page = response.content.decode()
    assert "already someone" in page and "Please choose another" in page
    assert 'value="someone@example.org"' in page
    assert 'value="night owl"' in page
    assert not User.objects.filter(email="someone@example.org").exists()


@pytest.mark.django_db
def test_a_taken_email_creates_no_second_account_and_tells_only_the_owner(client, make_member):
    owner = make_member(email="owner@example.org", display_name="First Owner")
    mail.outbox.clear()

    response = sign_up(client, email="Owner@Example.org", display_name="Second Try")

    # The page looks the same as for a new address, so nobody can probe who is a member ...
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="owner@example.org").count() == 1
    assert not User.objects.filter(display_name="Second Try").exists()
    # ... and the owner of the address is told, politely, how to get in.
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "already" in mail.outbox[0].body.lower()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("display_name", "ab", "at least 3 characters"),
        ("display_name", "me@example.org", "cannot contain"),
        ("display_name", "<b>bold</b>", "Use letters, digits"),
        ("display_name", "Moderator", "reserved"),
        ("email", "not-an-address", "valid email"),
        ("password2", "something-else-entirely", "same password"),
    ],
)
def test_bad_sign_up_input_gets_a_message_next_to_the_field(client, db, field, value, message):
    response = sign_up(client, **{field: value})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message.lower() in " ".join(errors[field]).lower()
    page = response.content.decode()
    assert message.lower() in error_next_to(page, field).lower()
    assert 'aria-invalid="true"' in field_group(page, field)
    # What was typed is still there (passwords excepted, as browsers expect).
    if field in {"display_name", "email"}:
        assert f'value="{escape(value)}"' in field_group(page, field)

"""Password reset, change of e-mail, and allauth's rate limits, as members meet them."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.factories.members import PASSWORD


def link_in(message, path: str) -> str:
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s]*)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_member_resets_a_forgotten_password(client, make_member):
    make_member(email="forgetful@example.org")
    mail.outbox.clear()

    client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})

    assert [m.to for m in mail.outbox] == [["forgetful@example.org"]]
    link = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"password1": "a-brand-new-password-7", "password2": "a-brand-new-password-7"})
    assert response.status_code == 302
    assert client.login(email="forgetful@example.org", password="a-brand-new-password-7")


def test_a_reset_for_an_unknown_address_looks_the_same_and_reveals_nothing(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    # allauth tells the address that no account exists, without telling the visitor.
    assert [m.to for m in mail.outbox] == [["nobody@example.org"]]
    assert "not" in mail.outbox[0].body.lower()


def test_a_member_changes_their_email_after_verifying_the_new_one(client, make_member):
    member = make_member(email="old@example.org")
    client.force_login(member)
    mail.outbox.clear()

    client.post("/accounts/email/", {"action_add": "", "email": "new@example.org"})

    verification = [m for m in mail.outbox if m.to == ["new@example.org"]]
    assert len(verification) == 1
    link = link_in(verification[0], "/accounts/confirm-email/")
    client.post(link)
    member.refresh_from_db()
    assert member.email == "new@example.org"
    assert EmailAddress.objects.get(user=member, email="new@example.org").verified


@pytest.mark.django_db
def test_repeated_failed_logins_are_rate_limited(client, make_member):
    make_member(email="target@example.org")

    for _attempt in range(5):
        client.post("/accounts/login/", {"login": "target@example.org", "password": "wrong-guess"})
    response = client.post("/accounts/login/", {"login": "target@example.org", "password": PASSWORD})

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session

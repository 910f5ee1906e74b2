"""Members and staff personas, for every test folder."""

from __future__ import annotations

import itertools

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from portal.models import User
from tests.admin_pages import with_two_factor
from tests.clients import login

PASSWORD = "a-long-test-password-42"
_numbers = itertools.count(1)


def sign_up(client, **overrides):
    """Post the sign-up form as a newcomer would: Restless Rita, newcomer@example.org, unless told otherwise."""
    data = {
        "email": "newcomer@example.org",
        "display_name": "Restless Rita",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return client.post("/accounts/signup/", data)


@pytest.fixture
def make_member(db):
    """Build a member: make_member(display_name=..., verified=True, is_staff=False, ...)."""

    def make(*, email: str | None = None, display_name: str | None = None, verified: bool = True, **fields) -> User:
        number = next(_numbers)
        email = email or f"member{number}@example.org"
        user = User.objects.create_user(email, PASSWORD, display_name=display_name or f"Member {number}", **fields)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def member(make_member) -> User:
    return make_member(display_name="Quiet Night")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def moderator(make_member):
    """Staff in the Moderators group (site pages need no two-factor; wrap in with_two_factor for /admin/)."""
    user = make_member(display_name="Mod Marta", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor(make_member):
    """Editor Elin: staff in the Editors group, with two-factor on as the admin requires."""
    user = make_member(email="editor@example.org", display_name="Editor Elin", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return with_two_factor(user)


@pytest.fixture
def editor_client(editor):
    return login(editor)

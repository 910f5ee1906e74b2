"""Sessions and redirects: log-in gives a new session (a planted one is worthless), log-out ends it, and no `next`
address ever sends a member off the site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.clients import login
from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://testserver@evil.example",
    "https:evil.example",
    "/%5Cevil.example",
    " //evil.example",
    "\t//evil.example",
    "///evil.example",
]


def stays_on_site(location: str) -> bool:
    """A redirect a browser follows to this site: a path (never //host, never a backslash) or this host."""
    parts = urlsplit(location)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == "testserver"
    return location.startswith("/") and not location.startswith(("//", "/\\")) and "\\" not in location[:2]


def signed_in_as(client: Client):
    return client.get(reverse("profile")).context["user"] if client.get(reverse("profile")).status_code == 200 else None


def session_cookie(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_logging_in_starts_a_new_session_and_a_planted_one_is_worth_nothing(make_member):
    member = make_member()
    planted = SessionStore()
    planted["planted_by"] = "someone else"
    planted.create()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key

    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert response.status_code == 302
    assert session_cookie(client) != planted.session_key
    assert not Session.objects.filter(session_key=planted.session_key).exists()
    assert signed_in_as(client) == member
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    assert attacker.get(reverse("profile")).status_code == 302  # still nobody: sent to log in


def test_logging_out_ends_the_session_for_good(make_member):
    member = make_member()
    client = Client()
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    key = session_cookie(client)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert replay.get(reverse("profile"))["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("profile")).status_code == 302


def test_the_session_cookie_is_http_only_and_same_site():
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_log_in_never_sends_the_member_off_the_site(make_member, next_url):
    member = make_member()

    in_form = Client().post(reverse("account_login"), {"login": member.email, "password": PASSWORD, "next": next_url})
    in_address = Client().post(
        f"{reverse('account_login')}?next={next_url}", {"login": member.email, "password": PASSWORD}
    )

    for response in (in_form, in_address):
        assert response.status_code == 302
        assert stays_on_site(response["Location"]), (next_url, response["Location"])


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_log_out_never_sends_the_member_off_the_site(make_member, next_url):
    client = login(make_member())

    response = client.post(reverse("account_logout"), {"next": next_url})

    assert response.status_code == 302
    assert stays_on_site(response["Location"]), (next_url, response["Location"])


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_a_vote_never_sends_the_member_off_the_site(world, next_url):
    client = login(world.users["member"])

    response = client.post(
        reverse("therapies:vote_therapy", args=[world.therapy.slug]), {"vote": "up", "next": next_url}
    )

    assert response.status_code == 302
    assert stays_on_site(response["Location"]), (next_url, response["Location"])


def test_a_next_address_on_the_site_is_honoured(make_member):
    member = make_member()

    logged_in = Client().post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD, "next": "/community/"}
    )
    logged_out = login(member).post(reverse("account_logout"), {"next": "/community/"})

    assert logged_in["Location"] == "/community/"
    assert logged_out["Location"] == "/community/"

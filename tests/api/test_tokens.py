"""API tokens: a member creates one on the profile page, sees it once, uses it, and revokes it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def shown_key(response) -> str:
    match = re.search(r'<code class="api-token__key" id="api-token-key">([0-9a-f]+)</code>', response.content.decode())
    return match.group(1) if match else ""


def test_a_member_without_a_token_is_offered_one(member_client):
    page = member_client.get("/accounts/profile/").content.decode()

    assert "You have no API token." in page
    assert 'action="/accounts/profile/api-token/"' in page


def test_a_new_token_is_shown_once_and_works(member_client, member):
    created = member_client.post("/accounts/profile/api-token/")

    key = shown_key(created)
    assert created.status_code == 200 and key == Token.objects.get(user=member).key
    assert "copy it now: it will not be shown again" in created.content.decode()
    assert "no-store" in created["cache-control"]
    again = member_client.get("/accounts/profile/").content.decode()
    assert key not in again and "You have a token, created on" in again
    app = Client(headers={"authorization": f"Token {key}"})
    answer = app.post("/api/v1/therapies/none/vote/", {"vote": "up"})
    assert answer.status_code == 404  # signed in by the token: the only problem left is the therapy


def test_a_revoked_token_is_refused(member_client, member, forum):
    key = shown_key(member_client.post("/accounts/profile/api-token/"))

    revoked = member_client.post("/accounts/profile/api-token/revoke/", follow=True)

    assert "Your API token is revoked" in revoked.content.decode()
    assert not Token.objects.filter(user=member).exists()
    answer = Client(headers={"authorization": f"Token {key}"}).post(
        "/api/v1/threads/", {"forum": forum.slug, "title": "After revoking", "body": "?"}
    )
    assert answer.status_code == 401 and answer.json() == {"detail": "Invalid token."}


def test_a_replaced_token_stops_working_at_once(member_client, member):
    first = shown_key(member_client.post("/accounts/profile/api-token/"))
    second = shown_key(member_client.post("/accounts/profile/api-token/"))

    assert first != second
    assert Client(headers={"authorization": f"Token {first}"}).get("/api/v1/conditions/").status_code == 401
    assert Client(headers={"authorization": f"Token {second}"}).get("/api/v1/conditions/").status_code == 200


def test_tokens_are_made_and_revoked_only_by_post_from_the_signed_in_member(member):
    visitor = Client()

    assert visitor.post("/accounts/profile/api-token/").status_code == 302
    assert Client().get("/accounts/profile/api-token/").status_code in (302, 405)
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(member)
    assert checked.post("/accounts/profile/api-token/").status_code == 403
    assert not Token.objects.exists()


def test_an_inactive_members_token_is_refused(member):
    token = Token.objects.create(user=member)
    member.is_active = False
    member.save(update_fields=["is_active"])

    answer = Client(headers={"authorization": f"Token {token.key}"}).get("/api/v1/conditions/")

    assert answer.status_code == 401 and answer.json() == {"detail": "User inactive or deleted."}

"""Test clients for the personas."""

from __future__ import annotations

from django.test import Client
from rest_framework.authtoken.models import Token


def login(user) -> Client:
    """A client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def token_client(user) -> Client:
    """A client that is not signed in on the site and acts for `user` with an API token, as an app would."""
    token, _created = Token.objects.get_or_create(user=user)
    return Client(headers={"authorization": f"Token {token.key}"})

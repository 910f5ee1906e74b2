"""Test clients for the personas."""

from __future__ import annotations

from django.test import Client


def login(user) -> Client:
    """A client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client

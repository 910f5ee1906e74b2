"""Clients and content for the API tests; the knowledge-base and discussion builders come from their own folders."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.community.conftest import (  # noqa: F401  (fixtures)
    forum,
    make_long_thread,
    make_poster,
    make_thread,
    moderator,
    new_member,
    poster,
    suspended_member,
)
from tests.survey.conftest import editor_client, knowledge_base, survey  # noqa: F401  (fixtures)
from tests.therapies.conftest import (  # noqa: F401  (fixtures)
    make_acupoint,
    make_condition,
    make_page,
    make_practitioner,
    make_reference,
    make_therapy,
    rls_page,
)


def token_client(user) -> Client:
    """A client that is not signed in on the site and acts for `user` with an API token, as an app would."""
    token, _created = Token.objects.get_or_create(user=user)
    return Client(headers={"authorization": f"Token {token.key}"})


@pytest.fixture
def api_as():
    return token_client


def results(response) -> list:
    """The items of a page of results, after checking that the page answered 200 in JSON."""
    assert response.status_code == 200, response.content
    assert response["content-type"] == "application/json"
    return response.json()["results"]

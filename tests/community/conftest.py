"""What only the discussion tests use; the shared builders are in tests/factories/community.py."""

from __future__ import annotations

import pytest


@pytest.fixture
def poster_client(client, poster):
    client.force_login(poster)
    return client

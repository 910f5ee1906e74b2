"""The API's own rate limits: per client address for visitors, per member for members, set from the environment."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from tests.clients import token_client

pytestmark = pytest.mark.django_db


def _rate(name: str) -> int:
    return int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][name].split("/")[0])


def test_a_visitor_who_asks_too_often_is_told_to_wait():
    visitor = Client()
    for size in range(1, _rate("anon") + 1):
        # Each a new answer to compute: kept answers do not count (the next test).
        assert visitor.get("/api/v1/conditions/", {"page_size": size}).status_code == 200

    refused = visitor.get("/api/v1/conditions/", {"page_size": 99})

    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Request was throttled. Expected available in")
    assert int(refused["retry-after"]) > 0
    assert "X-Page-Cache" not in refused and visitor.get("/api/v1/conditions/", {"page_size": 99}).status_code == 429
    assert (
        visitor.get("/api/v1/conditions/", {"page_size": 98}, headers={"x-forwarded-for": "198.51.100.9"}).status_code
        == 429
    )
    assert Client(REMOTE_ADDR="192.0.2.7").get("/api/v1/conditions/", {"page_size": 98}).status_code == 200


def test_a_kept_answer_does_not_count_against_a_visitors_limit_and_is_served_past_it():
    # A kept answer costs one cache read, as a visitor's page does: the limit guards the answers that cost work.
    visitor = Client()
    for _ in range(_rate("anon") + 5):
        assert visitor.get("/api/v1/conditions/").status_code == 200
    for size in range(1, _rate("anon")):
        assert visitor.get("/api/v1/conditions/", {"page_size": size}).status_code == 200

    refused = visitor.get("/api/v1/conditions/", {"page_size": 99})
    kept = visitor.get("/api/v1/conditions/")

    assert refused.status_code == 429
    assert kept.status_code == 200 and kept["X-Page-Cache"] == "hit"


def test_a_members_limit_is_their_own_and_higher(make_member):
    member, other = make_member(), make_member()
    client = token_client(member)
    for _ in range(_rate("anon") + 1):
        assert client.get("/api/v1/conditions/").status_code == 200
    for _ in range(_rate("user") - _rate("anon") - 1):
        client.get("/api/v1/conditions/")

    assert client.get("/api/v1/conditions/").status_code == 429
    assert token_client(other).get("/api/v1/conditions/").status_code == 200


@pytest.mark.parametrize(
    ("value", "accepted"), [("5/second", True), ("1000/day", True), ("lots", False), ("0/minute", False)]
)
def test_the_rates_come_from_the_environment_and_nonsense_stops_the_start(value, accepted):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "API_THROTTLE_ANON": value}
    script = "from django.conf import settings; print(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['anon'])"

    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env=environment, capture_output=True, text=True, check=False, cwd=settings.BASE_DIR,
    )  # fmt: skip

    if accepted:
        assert result.returncode == 0 and result.stdout.strip() == value
    else:
        assert result.returncode != 0 and "API_THROTTLE_ANON must look like 60/minute" in result.stderr

"""The place a reader searched the directory for, remembered in a signed cookie of its own: therapy pages and listings
show practitioners near it and how far they are, nobody else's page ever shows it, and a forged cookie is ignored."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client
from django.urls import reverse

from tests.clients import login
from tests.factories.therapies import PORTLAND_97214
from therapies.directory import finding

pytestmark = pytest.mark.django_db

LAT, LON = PORTLAND_97214
BERLIN = (52.52, 13.405)
URL = "/practitioners/"
NEAR_PORTLAND = "Nearest to 97214 (Portland, OR, United States)"
NEAR_BERLIN = "Nearest to Berlin, Germany"
NOBODY_NEAR = "Search the directory with your postcode or city"


@pytest.fixture
def acupuncture(make_therapy, make_practitioner):
    """A therapy offered near Portland and near Berlin."""
    therapy = make_therapy(name="Acupuncture")
    make_practitioner(name="North Needles", latitude=LAT + 0.05, longitude=LON, therapies=[therapy])
    make_practitioner(name="Spree Points", city="Berlin", country="DE", latitude=BERLIN[0], longitude=BERLIN[1],
                      therapies=[therapy])  # fmt: skip
    return therapy


def search(client: Client, near: str = "97214"):
    return client.get(URL, {"near": near, "unit": "km"})


def page_of(client: Client, url: str):
    response = client.get(url)
    return response, response.content.decode()


def test_a_visitors_search_by_place_sets_a_signed_cookie_and_starts_no_session(acupuncture):
    visitor = Client()
    response = search(visitor)
    cookie = response.cookies[finding.PLACE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["max-age"] == 14 * 24 * 60 * 60
    assert "sessionid" not in response.cookies and not Session.objects.exists()
    assert "private" in response["Cache-Control"]
    # The cookie holds what the privacy page says: the place as typed, its coordinates, and who searched.
    assert signing.loads(cookie.value, salt="therapies.directory.place") == {
        "label": "97214 (Portland, OR, United States)",
        "latitude": pytest.approx(LAT, abs=0.01),
        "longitude": pytest.approx(LON, abs=0.01),
        "unit": "km",
        "member": None,
    }
    privacy = " ".join(Client().get("/privacy/").content.decode().split())
    assert "the place you typed, its coordinates, your unit of distance and, if you are signed in, your" in privacy


def test_the_same_search_again_sets_no_cookie(acupuncture):
    visitor = Client()
    search(visitor)
    assert finding.PLACE_COOKIE not in search(visitor).cookies
    assert finding.PLACE_COOKIE in search(visitor, "Berlin, Germany").cookies


def test_a_therapy_page_shows_practitioners_near_the_remembered_place(acupuncture):
    visitor = Client()
    search(visitor)
    response, page = page_of(visitor, acupuncture.get_absolute_url())
    assert NEAR_PORTLAND in page and "North Needles" in page and "Spree Points" not in page
    assert "X-Page-Cache" not in response  # their own page, never one kept for every visitor
    assert "private" in response["Cache-Control"]


def test_a_listing_shows_how_far_it_is_from_the_remembered_place(acupuncture):
    visitor = Client()
    search(visitor)
    listing = acupuncture.practitioners.get(name="North Needles")
    assert "5.6 km from 97214 (Portland, OR, United States)" in page_of(visitor, listing.get_absolute_url())[1]


def test_a_members_place_is_remembered_too(acupuncture, member):
    client = login(member)
    assert search(client).cookies[finding.PLACE_COOKIE]
    assert NEAR_PORTLAND in page_of(client, acupuncture.get_absolute_url())[1]


def test_a_visitors_place_stays_when_they_sign_in(acupuncture, member):
    client = Client()
    search(client)
    client.force_login(member)
    assert NEAR_PORTLAND in page_of(client, acupuncture.get_absolute_url())[1]


def test_a_place_a_member_searched_for_is_forgotten_when_they_sign_out(acupuncture, member, make_member):
    client = login(member)
    search(client)
    client.post(reverse("account_logout"))
    page = page_of(client, acupuncture.get_absolute_url())[1]
    assert NEAR_PORTLAND not in page and NOBODY_NEAR in page
    client.force_login(make_member())  # another member on the same browser
    assert NEAR_PORTLAND not in page_of(client, acupuncture.get_absolute_url())[1]


def forged(value: str) -> str:
    """The cookie with its place moved to Berlin and the signature left as it was."""
    payload, timestamp, signature = value.split(":")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data.update(label="Berlin, Germany", latitude=BERLIN[0], longitude=BERLIN[1])
    moved = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")
    return f"{moved}:{timestamp}:{signature}"


@pytest.mark.parametrize(
    "tamper",
    [
        forged,
        lambda value: value[:-2] + ("AA" if not value.endswith("AA") else "BB"),
        lambda value: signing.dumps({"label": "Berlin, Germany", "latitude": BERLIN[0], "longitude": BERLIN[1]}),
        lambda value: json.dumps({"label": "Berlin, Germany", "latitude": BERLIN[0], "longitude": BERLIN[1]}),
    ],
    ids=["place changed", "signature changed", "signed for something else", "not signed"],
)
def test_a_tampered_cookie_is_ignored(acupuncture, tamper):
    visitor = Client()
    value = search(visitor).cookies[finding.PLACE_COOKIE].value
    visitor.cookies[finding.PLACE_COOKIE] = tamper(value)
    page = page_of(visitor, acupuncture.get_absolute_url())[1]
    assert NEAR_BERLIN not in page and NEAR_PORTLAND not in page and NOBODY_NEAR in page


def test_an_expired_cookie_is_ignored(acupuncture, time_machine):
    time_machine.move_to(datetime.now(UTC), tick=False)
    visitor = Client()
    search(visitor)
    time_machine.shift(timedelta(days=14, minutes=1))
    assert NEAR_PORTLAND not in page_of(visitor, acupuncture.get_absolute_url())[1]


def test_a_visitor_with_a_place_never_gets_a_page_kept_for_every_visitor_nor_anothers_place(acupuncture):
    url = acupuncture.get_absolute_url()
    assert page_of(Client(), url)[0]["X-Page-Cache"] == "miss"  # kept for visitors
    in_portland, in_berlin = Client(), Client()
    search(in_portland)
    search(in_berlin, "Berlin, Germany")
    for _ in range(2):  # neither page is kept for the next reader
        response, page = page_of(in_portland, url)
        assert "X-Page-Cache" not in response and NEAR_PORTLAND in page and NEAR_BERLIN not in page
        response, page = page_of(in_berlin, url)
        assert "X-Page-Cache" not in response and NEAR_BERLIN in page and NEAR_PORTLAND not in page
    response, page = page_of(Client(), url)
    assert response["X-Page-Cache"] == "hit"
    assert NOBODY_NEAR in page and NEAR_PORTLAND not in page and NEAR_BERLIN not in page

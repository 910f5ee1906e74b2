"""A search's results page is one reader's own and rendered every time, but the parts that are the same for everyone
are kept per content generation (portal/kept.py): the next request after a change shows it all the same."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.shared_pages import HOLE_START
from tests.clients import login
from tests.factories.therapies import PORTLAND_97214
from therapies.directory import cards, distances
from therapies.directory import views as directory_views
from therapies.models import Status

pytestmark = pytest.mark.django_db

LAT, LON = PORTLAND_97214
URL = "/practitioners/"
NEAR = {"near": "97214", "radius": 25, "unit": "km"}


def tables_read(client, query) -> str:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, query).status_code == 200
    return " ".join(entry["sql"] for entry in captured.captured_queries)


def test_the_search_forms_choices_are_read_once_and_kept_for_the_next_searches(client, make_therapy):
    make_therapy(name="Acupuncture")
    assert "therapies_therapy" in tables_read(client, NEAR)
    assert "therapies_therapy" not in tables_read(client, {**NEAR, "radius": 50})
    assert "therapies_language" not in tables_read(client, {**NEAR, "near": "Berlin, Germany"})


def test_a_therapy_published_or_renamed_shows_in_the_search_form_on_the_next_search(client, make_therapy):
    cupping = make_therapy(name="Cupping", status=Status.DRAFT)
    assert ">Cupping</option>" not in client.get(URL, NEAR).content.decode()

    cupping.status = Status.PUBLISHED
    cupping.save()
    assert '<option value="cupping">Cupping</option>' in client.get(URL, NEAR).content.decode()

    cupping.name = "Fire cupping"
    cupping.save()
    page = client.get(URL, {**NEAR, "therapy": "cupping"}).content.decode()
    assert '<option value="cupping" selected>Fire cupping</option>' in page


def test_a_language_is_offered_once_a_published_listing_speaks_it(client, make_practitioner):
    listing = make_practitioner(name="Polyglot Clinic", languages=["en"])
    assert ">Portuguese</option>" not in client.get(URL, NEAR).content.decode()

    listing.languages.add(*listing.languages.model.objects.filter(code="pt"))
    assert '<option value="pt">Portuguese</option>' in client.get(URL, NEAR).content.decode()


def names_in_order(page: str) -> list[str]:
    return re.findall(r'class="practitioner-card__name"><a href="[^"]+">([^<]+)</a>', page)


def test_a_listings_card_is_rendered_once_and_kept_with_each_search_putting_in_its_own_distance(
    client, make_practitioner, make_therapy
):
    make_practitioner(name="North Needles", latitude=LAT + 0.05, longitude=LON, therapies=[make_therapy()])
    first = client.get(URL, NEAR).content.decode()
    assert "therapies_practitioner_therapies" not in tables_read(client, {**NEAR, "unit": "mi"})

    in_miles = client.get(URL, {**NEAR, "unit": "mi"}).content.decode()
    from_further = client.get(URL, {"near": "Portland, Oregon", "radius": 25, "unit": "km"}).content.decode()
    assert re.findall(r'<strong class="distance">([^<]+)</strong>', first) == ["5.6 km away"]
    assert re.findall(r'<strong class="distance">([^<]+)</strong>', in_miles) == ["3.5 miles away"]
    [further] = re.findall(r'<strong class="distance">([^<]+)</strong>', from_further)
    assert further != "5.6 km away" and further.endswith(" km away")


def test_a_listing_changed_shows_changed_on_the_next_search(client, make_practitioner):
    listing = make_practitioner(name="Old Name Clinic", latitude=LAT, longitude=LON)
    assert names_in_order(client.get(URL, NEAR).content.decode()) == ["Old Name Clinic"]

    listing.name = "New Name Clinic"
    listing.telehealth = True
    listing.save(update_fields=["name", "telehealth"])
    page = client.get(URL, NEAR).content.decode()
    assert names_in_order(page) == ["New Name Clinic"]
    assert '<span class="badge">Telehealth</span>' in page


def test_a_therapy_renamed_shows_on_the_cards_of_the_listings_offering_it(client, make_practitioner, make_therapy):
    therapy = make_therapy(name="Moxa")
    make_practitioner(name="Warm Clinic", latitude=LAT, longitude=LON, therapies=[therapy])
    assert "Offers: Moxa</p>" in client.get(URL, NEAR).content.decode()

    therapy.name = "Moxibustion"
    therapy.save()
    assert "Offers: Moxibustion</p>" in client.get(URL, NEAR).content.decode()


def test_a_page_past_the_last_shows_the_last_and_a_page_that_is_no_number_the_first(client, make_practitioner):
    for number in range(25):
        make_practitioner(name=f"Listing {number:02d}", latitude=LAT + number * 0.001, longitude=LON)
    past_the_end = client.get(URL, {**NEAR, "page": 7}).content.decode()
    assert names_in_order(past_the_end) == [f"Listing {number:02d}" for number in range(20, 25)]
    assert "Page 2 of 2" in past_the_end and "25 practitioners within 25 km" in past_the_end
    not_a_number = client.get(URL, {**NEAR, "page": "two"}).content.decode()
    assert names_in_order(not_a_number)[0] == "Listing 00"
    assert "Page 1 of 2" in not_a_number


@pytest.mark.parametrize("km", [0.0, 0.04999, 0.05, 2.25, 5.55, 5.5598, 7.7918, 99.95, 160.9344, 12345.65])
def test_a_distance_is_printed_as_the_card_template_printed_it_with_floatformat(km):
    for unit in ("km", "mi"):
        shown = distances.in_unit(km, unit)
        words = "miles away" if unit == "mi" else "km away"
        expected = f'<strong class="distance">{floatformat(shown, 1)} {words}</strong> · '
        assert cards._distance_html(unit)(km) == expected
    assert cards._distance_html("km")(None) == ""


# --- The page of a search: one shell for every search, its own parts filled in ----------------------------------------


@pytest.fixture
def listed(make_practitioner, make_therapy):
    acupuncture = make_therapy(name="Acupuncture")
    for number in range(23):
        make_practitioner(
            name=f"Clinic {number:02d}", latitude=LAT + number * 0.002, longitude=LON, therapies=[acupuncture]
        )
    make_practitioner(name="Mitte Praxis", city="Berlin", country="DE", latitude=52.52, longitude=13.40)
    return acupuncture


SEARCHES = [
    NEAR,
    {**NEAR, "page": 2, "unit": "mi", "telehealth": "on"},
    {"near": "Paris", "radius": 100},  # a place with others offered, and nobody near it
    {"near": "Berlin, Germany", "therapy": "acupuncture"},
    {"q": "clinic 1", "therapy": "acupuncture", "verified": "on"},
    {"q": 'a "quoted" <b>word</b>'},
]


@pytest.mark.parametrize("query", SEARCHES)
def test_a_searchs_page_from_the_kept_shell_is_the_page_rendered_whole(listed, monkeypatch, query):
    Client().get(URL, NEAR)  # the shell, kept by another search
    from_shell = Client().get(URL, query).content.decode()
    monkeypatch.setattr(directory_views, "_keep_list", lambda request: True)  # the view renders it whole
    whole = Client().get(URL, query).content.decode()
    assert from_shell == whole
    assert HOLE_START not in from_shell


def test_each_search_shows_its_own_title_fields_and_results_and_no_other_searchs(client, listed):
    first = client.get(URL, NEAR).content.decode()
    second = client.get(URL, {"near": "Berlin, Germany", "q": "praxis"}).content.decode()

    assert "<title>Practitioners near 97214 (Portland, OR, United States) ·" in first
    assert "<title>Practitioners near Berlin, Germany ·" in second
    assert 'value="praxis"' in second and 'value="97214"' not in second
    assert names_in_order(second) == ["Mitte Praxis"]
    assert "Clinic 00" not in second and "Portland, OR, United States" not in second


def test_after_the_first_search_only_the_results_are_rendered_by_templates(client, listed):
    client.get(URL, NEAR)
    response = client.get(URL, {**NEAR, "radius": 50, "telehealth": "on"})
    rendered = {template.name for template in response.templates}
    assert "therapies/practitioner_list.html" not in rendered
    assert "therapies/includes/practitioner_results.html" in rendered


def test_a_member_gets_the_shared_search_page_with_their_own_parts(listed, make_member):
    reader = make_member(display_name="Searching Reader")
    Client().get(URL, NEAR)
    page = login(reader).get(URL, NEAR).content.decode()
    assert "Searching Reader" in page and "Sign out" in page
    assert names_in_order(page)[0] == "Clinic 00"
    visitor = Client().get(URL, NEAR).content.decode()
    assert "Searching Reader" not in visitor and "Sign out" not in visitor

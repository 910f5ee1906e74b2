"""The directory search: distance, radius and units, places that are unknown or ambiguous, combined filters."""

from __future__ import annotations

import math
import random
import re

import pytest
from django.db import connection

from tests.factories.therapies import PORTLAND_97214
from tests.html import error_next_to
from therapies.directory import distances, finding
from therapies.models import Practitioner

pytestmark = pytest.mark.django_db

LAT, LON = PORTLAND_97214
URL = "/practitioners/"


def names_in_order(page: str) -> list[str]:
    return re.findall(r'class="practitioner-card__name"><a href="[^"]+">([^<]+)</a>', page)


def distances_shown(page: str) -> list[str]:
    return re.findall(r'<strong class="distance">([^<]+)</strong>', page)


@pytest.fixture
def around_portland(make_practitioner):
    """Listings at hand-computed great-circle distances from ZIP 97214 (R = 6371.0088 km).

    North 0.05° of latitude: R·0.05·π/180 = 5.5598 km. East 0.1° of longitude at 45.5142°N:
    ≈ 111.195·0.1·cos(45.5142°) = 7.7918 km. South 0.2°: 22.2390 km. North 0.3°: 33.3585 km.
    Seattle city hall: 233.78 km.
    """
    return {
        "east": make_practitioner(name="East Clinic", latitude=LAT, longitude=LON + 0.1),
        "north": make_practitioner(name="North Needles", latitude=LAT + 0.05, longitude=LON),
        "south": make_practitioner(name="South Street Acupuncture", latitude=LAT - 0.2, longitude=LON),
        "far_north": make_practitioner(name="Far North Wellness", latitude=LAT + 0.3, longitude=LON),
        "seattle": make_practitioner(name="Seattle Points", city="Seattle", latitude=47.6062, longitude=-122.3321),
    }


def test_the_great_circle_distance_matches_hand_computed_values():
    assert distances.great_circle_km(LAT, LON, LAT + 0.05, LON) == pytest.approx(5.5598, abs=1e-3)
    assert distances.great_circle_km(LAT, LON, LAT, LON + 0.1) == pytest.approx(7.7918, abs=1e-3)
    # London to Paris, about 343.5 km on the sphere.
    assert distances.great_circle_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=0.5)


def test_the_database_computes_the_same_distances_as_python(around_portland):
    found = {p.name: p.distance_km for p in Practitioner.objects.near(LAT, LON, 300)}
    assert found == {
        "North Needles": pytest.approx(5.5598, abs=1e-3),
        "East Clinic": pytest.approx(7.7918, abs=1e-3),
        "South Street Acupuncture": pytest.approx(22.2390, abs=1e-3),
        "Far North Wellness": pytest.approx(33.3585, abs=1e-3),
        "Seattle Points": pytest.approx(233.78, abs=0.01),
    }


def test_a_search_near_a_zip_code_lists_the_nearest_first_with_distances(client, around_portland):
    page = client.get(URL, {"near": "97214", "radius": 25, "unit": "km"}).content.decode()
    assert names_in_order(page) == ["North Needles", "East Clinic", "South Street Acupuncture"]
    assert distances_shown(page) == ["5.6 km away", "7.8 km away", "22.2 km away"]
    assert "3 practitioners within 25 km of 97214 (Portland, OR, United States)" in page


def test_the_radius_includes_a_listing_exactly_on_its_edge_and_not_one_just_beyond(make_practitioner):
    on_edge = 25 / distances.KM_PER_DEGREE_LATITUDE
    make_practitioner(name="Just Inside", latitude=LAT + on_edge - 0.0001, longitude=LON)
    make_practitioner(name="Just Outside", latitude=LAT + on_edge + 0.0005, longitude=LON)
    names = [p.name for p in Practitioner.objects.near(LAT, LON, 25)]
    assert names == ["Just Inside"]


def test_miles_widen_the_same_radius_number(client, around_portland):
    # 25 miles = 40.2 km: "Far North Wellness" at 33.4 km is in; in kilometres it is not.
    in_km = names_in_order(client.get(URL, {"near": "97214", "radius": 25, "unit": "km"}).content.decode())
    page = client.get(URL, {"near": "97214", "radius": 25, "unit": "mi"}).content.decode()
    assert "Far North Wellness" not in in_km
    assert names_in_order(page)[-1] == "Far North Wellness"
    assert distances_shown(page) == ["3.5 miles away", "4.8 miles away", "13.8 miles away", "20.7 miles away"]


def test_the_unit_is_miles_by_default_in_the_us_and_kilometres_elsewhere(client, make_practitioner):
    make_practitioner(name="Mitte Praxis", city="Berlin", country="DE", latitude=52.52, longitude=13.40)
    us = client.get(URL, {"near": "97214"}).content.decode()
    berlin = client.get(URL, {"near": "Berlin, Germany"}).content.decode()
    assert "within 25 miles of" in us
    assert "within 25 km of Berlin, Germany" in berlin


def test_an_unknown_place_says_so_next_to_the_field_and_keeps_what_was_typed(client, around_portland):
    page = client.get(URL, {"near": "Xyzzyville", "therapy": "", "telehealth": "on"}).content.decode()
    assert "We could not find “Xyzzyville”" in error_next_to(page, "near")
    assert 'value="Xyzzyville"' in page
    assert names_in_order(page) == []  # no list that could be mistaken for "nobody near you"
    assert '<input type="checkbox" name="telehealth" id="id_telehealth" checked>' in page


def test_a_postcode_from_another_country_is_unknown_with_advice(client):
    page = client.get(URL, {"near": "SW1A 1AA"}).content.decode()
    assert "Try a US ZIP code, or a city name with its country" in error_next_to(page, "near")


def test_an_ambiguous_city_offers_its_choices_as_links_that_keep_the_other_filters(client, around_portland):
    page = client.get(URL, {"near": "Springfield", "telehealth": "on"}).content.decode()
    assert "More than one place is called “Springfield”" in error_next_to(page, "near")
    choices = re.findall(r'<li><a href="([^"]+)">(Springfield, [^<]+)</a></li>', page)
    labels = [label for _url, label in choices]
    assert "Springfield, Illinois, United States" in labels
    assert "Springfield, Missouri, United States" in labels
    url = {label: url for url, label in choices}["Springfield, Illinois, United States"]
    assert "telehealth=on" in url
    chosen = client.get(url.replace("&amp;", "&")).content.decode()
    assert "within 25 miles of Springfield, Illinois, United States" in chosen


def test_a_dominant_city_is_used_and_the_others_are_offered(client, make_practitioner):
    page = client.get(URL, {"near": "Paris"}).content.decode()
    assert "of Paris, France" in page
    assert "Paris, Texas, United States" in page


def test_filters_combine(client, make_practitioner, make_therapy, make_condition):
    acupuncture, massage = make_therapy(name="Acupuncture"), make_therapy(name="Massage")
    rls = make_condition(name="Restless legs syndrome")
    make_practitioner(
        name="All Of It", therapies=[acupuncture], conditions=[rls], languages=["es"], telehealth=True,
        verification_status="verified", accepting_new_patients=True,
    )  # fmt: skip
    make_practitioner(name="Wrong Therapy", therapies=[massage], conditions=[rls], languages=["es"], telehealth=True,
                      verification_status="verified")  # fmt: skip
    make_practitioner(name="No Telehealth", therapies=[acupuncture], conditions=[rls], languages=["es"],
                      verification_status="verified")  # fmt: skip
    make_practitioner(name="Not Verified", therapies=[acupuncture], conditions=[rls], languages=["es"], telehealth=True)
    make_practitioner(name="Other Language", therapies=[acupuncture], conditions=[rls], languages=["de"],
                      telehealth=True, verification_status="verified")  # fmt: skip
    make_practitioner(name="Full Up", therapies=[acupuncture], conditions=[rls], languages=["es"], telehealth=True,
                      verification_status="verified", accepting_new_patients=False)  # fmt: skip
    make_practitioner(name="Too Far", therapies=[acupuncture], conditions=[rls], languages=["es"], telehealth=True,
                      verification_status="verified", latitude=LAT + 1)  # fmt: skip
    query = {
        "near": "97214", "radius": 25, "therapy": "acupuncture", "condition": "restless-legs-syndrome",
        "language": "es", "telehealth": "on", "verified": "on", "accepting": "on",
    }  # fmt: skip
    assert names_in_order(client.get(URL, query).content.decode()) == ["All Of It"]
    without_place = {key: value for key, value in query.items() if key not in ("near", "radius")}
    assert names_in_order(client.get(URL, without_place).content.decode()) == ["All Of It", "Too Far"]


def test_free_text_finds_name_clinic_and_city(client, make_practitioner):
    make_practitioner(name="Jane Rivers", clinic_name="Willow Clinic", city="Eugene")
    make_practitioner(name="Sam Hill", city="Salem")
    assert names_in_order(client.get(URL, {"q": "willow"}).content.decode()) == ["Jane Rivers"]
    assert names_in_order(client.get(URL, {"q": "salem"}).content.decode()) == ["Sam Hill"]
    assert names_in_order(client.get(URL, {"q": "jane eugene"}).content.decode()) == ["Jane Rivers"]


def test_pending_and_hidden_listings_never_appear(client, make_practitioner):
    make_practitioner(name="Public One")
    make_practitioner(name="Waiting One", status=Practitioner.Status.PENDING)
    make_practitioner(name="Hidden One", status=Practitioner.Status.HIDDEN)
    for query in ({}, {"near": "97214"}, {"q": "one"}):
        page = client.get(URL, query).content.decode()
        assert names_in_order(page) == ["Public One"]
        assert "Waiting One" not in page and "Hidden One" not in page


def test_without_a_place_verified_listings_come_first(client, make_practitioner):
    make_practitioner(name="Aaron Unverified")
    make_practitioner(name="Zoe Verified", verification_status="verified")
    assert names_in_order(client.get(URL).content.decode()) == ["Zoe Verified", "Aaron Unverified"]


def test_pages_keep_the_filters_and_the_order(client, make_practitioner):
    for number in range(45):
        make_practitioner(name=f"Listing {number:02d}", latitude=LAT + number * 0.001, telehealth=number % 2 == 0)
    first = client.get(URL, {"near": "97214", "telehealth": "on", "unit": "km"}).content.decode()
    assert "23 practitioners within 25 km" in first
    assert names_in_order(first) == [f"Listing {n:02d}" for n in range(0, 40, 2)]
    next_link = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert "near=97214" in next_link and "telehealth=on" in next_link and "page=2" in next_link
    second = client.get(URL + next_link).content.decode()
    assert names_in_order(second) == ["Listing 40", "Listing 42", "Listing 44"]


def test_an_invalid_filter_value_is_a_message_not_an_error_page(client):
    response = client.get(URL, {"therapy": "no-such-therapy"})
    assert response.status_code == 200
    assert "Select a valid choice" in error_next_to(response.content.decode(), "therapy")


def test_a_too_long_place_is_refused_next_to_the_field(client):
    page = client.get(URL, {"near": "x" * 101}).content.decode()
    assert "at most 100 characters" in error_next_to(page, "near")


def test_searching_a_place_remembers_it_for_the_therapy_pages(client, around_portland, make_therapy):
    acupuncture = make_therapy(name="Acupuncture")
    for listing in around_portland.values():
        listing.therapies.add(acupuncture)
    before = client.get(acupuncture.get_absolute_url()).content.decode()
    assert "Search the directory with your postcode or city" in before
    client.get(URL, {"near": "97214", "unit": "km"})
    after = client.get(acupuncture.get_absolute_url()).content.decode()
    assert "Nearest to 97214 (Portland, OR, United States)" in after
    assert names_in_order(after)[:3] == ["North Needles", "East Clinic", "South Street Acupuncture"]


def test_bounding_boxes_split_at_the_antimeridian_and_open_at_the_poles():
    fiji = distances.bounding_boxes(-17.7, 179.9, 50)
    assert len(fiji) == 2
    assert fiji[0].max_longitude == 180.0 and fiji[1].min_longitude == -180.0
    assert distances.bounding_boxes(89.9, 0, 50)[0].min_longitude == -180.0


def test_a_search_across_the_antimeridian_finds_both_sides(make_practitioner):
    make_practitioner(name="West Of The Line", latitude=-17.7, longitude=179.95)
    make_practitioner(name="East Of The Line", latitude=-17.7, longitude=-179.95)
    names = [p.name for p in Practitioner.objects.near(-17.7, 179.99, 50)]
    assert sorted(names) == ["East Of The Line", "West Of The Line"]


def test_the_section_falls_back_to_verified_listings_when_nobody_is_near(make_practitioner, make_therapy):
    therapy = make_therapy(name="Acupressure")
    make_practitioner(name="Far Away Verified", therapies=[therapy], verification_status="verified", latitude=10)
    place = finding.RememberedPlace(label="97214", latitude=LAT, longitude=LON, unit="mi")
    section = finding.section(place=place, therapy=therapy)
    assert not section["nearby"]
    assert [p.name for p in section["practitioners"]] == ["Far Away Verified"]


def test_the_form_shows_the_radius_that_was_searched(client, around_portland):
    page = client.get(URL, {"near": "97214"}).content.decode()
    assert '<option value="25" selected>25</option>' in page
    assert "within 25 miles of" in page


@pytest.fixture
def box_and_circle(make_practitioner):
    """Three listings within 25 km of ZIP 97214, two in the corners of the 25 km box but beyond the circle, and
    forty far away: twenty on the same latitude (only the box's longitudes keep them out), twenty further north."""
    corner = 24 / distances.KM_PER_DEGREE_LATITUDE  # 24 km north and ~24 km east: ~34 km away, inside the square
    east = 24 / (distances.KM_PER_DEGREE_LATITUDE * math.cos(math.radians(LAT)))
    for name, latitude, longitude in [
        ("Near One", LAT + 0.01, LON),
        ("Near Two", LAT, LON - 0.05),
        ("Near Three", LAT - 0.1, LON + 0.1),
        ("North East Corner", LAT + corner, LON + east),
        ("South West Corner", LAT - corner, LON - east),
    ]:
        make_practitioner(name=name, latitude=latitude, longitude=longitude)
    Practitioner.objects.bulk_create(
        [
            Practitioner(slug=f"far-{number}", name=f"Far {number}", city="Elsewhere", country="US",
                         latitude=LAT if number < 20 else LAT + 5 + number / 10, longitude=LON + 3 + number / 10,
                         status=Practitioner.Status.PUBLISHED)
            for number in range(40)
        ]
    )  # fmt: skip


def test_the_bounding_box_keeps_far_listings_away_from_the_distance_test(box_and_circle):
    within = Practitioner.objects.published().within(LAT, LON, 25)
    if connection.vendor == "sqlite":
        # Count the sines the closeness computes, two a row, through SQLite's SIN (which Django defines in Python).
        sines = []

        def sin(value):
            if value is None:
                return None
            sines.append(value)
            return math.sin(value)

        connection.ensure_connection()
        connection.connection.create_function("SIN", 1, sin, deterministic=True)
        try:
            assert within.count() == 3
        finally:
            connection.connection.create_function("SIN", 1, lambda x: None if x is None else math.sin(x))
        assert len(sines) == 2 * 5  # the five listings in the box, never the forty outside it
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE therapies_practitioner")
            cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small would otherwise be read whole
        plan = within.explain(analyze=True)
        # The box is the index's condition; the distance filter then sees the five rows of the box only, keeps
        # three and removes the two corners (the forty far away would be 42 removed).
        assert "practitioner_near_idx" in plan, plan
        removed = [int(n) for n in re.findall(r"Rows Removed by Filter: (\d+)", plan)]
        assert removed and sum(removed) <= 2, plan  # at most the two corners, never the far forty
        assert within.count() == 3


def test_the_closeness_ranks_as_the_great_circle_distance_does(box_and_circle):
    nearest = list(Practitioner.objects.published().near(LAT, LON, 25))
    assert [listing.name for listing in nearest] == ["Near One", "Near Two", "Near Three"]
    for listing in nearest:
        expected = distances.great_circle_km(LAT, LON, listing.latitude, listing.longitude)
        assert listing.distance_km == pytest.approx(expected, abs=1e-6)


@pytest.fixture
def scattered(db):
    """Listings around Portland, across the antimeridian by Fiji and near the North Pole, a few at one spot with the
    same name (ranked by id), some not published and some with no coordinates."""

    def listing(slug, name, latitude, longitude, status):
        return Practitioner(slug=slug, name=name, city="Somewhere", country="US", latitude=latitude,
                            longitude=longitude, status=status)  # fmt: skip

    rng = random.Random(15)
    spots = [(LAT, LON, 0.6), (-17.7, 179.9, 0.8), (89.7, 0.0, 0.4)]
    listings = []
    published, pending = Practitioner.Status.PUBLISHED, Practitioner.Status.PENDING
    for number in range(240):
        latitude, longitude, spread = spots[number % 3]
        latitude = max(-90.0, min(90.0, latitude + rng.uniform(-spread, spread)))
        longitude = (longitude + rng.uniform(-spread, spread) * 3 + 180) % 360 - 180
        status = pending if number % 11 == 0 else published
        listings.append(listing(f"scattered-{number}", f"Scattered {number % 40}", latitude, longitude, status))
    listings += [listing(f"same-spot-{n}", "Same Spot", LAT, LON, published) for n in range(3)]
    listings.append(listing("nowhere", "No Coordinates", None, None, published))
    Practitioner.objects.bulk_create(listings)


@pytest.mark.parametrize(
    "centre, radius_km",
    [
        ((LAT, LON), 5),
        ((LAT, LON), 25),
        ((LAT, LON), 160),
        ((-17.7, 179.99), 50),
        ((-17.7, -179.99), 120),
        ((89.9, 10.0), 60),
        ((0.0, 0.0), 25),
    ],  # fmt: skip
)
def test_a_search_by_place_alone_reads_the_same_pages_as_the_querysets_rules(scattered, centre, radius_km):
    # The search by place with no other filter is plain SQL (finding._NearestRows); it must agree with
    # PractitionerQuerySet.within() for every kind of circle: one box, two across the antimeridian, a polar band.
    expected = list(
        Practitioner.objects.published()
        .within(*centre, radius_km)
        .order_by("closeness", "name", "pk")
        .values_list("pk", flat=True)
    )
    assert expected or centre == (0.0, 0.0)  # nobody in the Gulf of Guinea
    per_page = 7
    last = max(1, math.ceil(len(expected) / per_page))
    for number in [*range(1, last + 1), last + 3, "not a number"]:
        page = finding.results_page(near=centre, radius_km=radius_km, page=str(number), per_page=per_page)
        start = (page.number - 1) * per_page
        assert [result.pk for result in page.object_list] == expected[start : start + per_page]
        assert page.paginator.count == len(expected)
        assert page.number == (last if number == last + 3 else 1 if number == "not a number" else number)
        for result in page.object_list:
            listing = Practitioner.objects.get(pk=result.pk)
            assert result.distance_km == distances.great_circle_km(*centre, listing.latitude, listing.longitude)

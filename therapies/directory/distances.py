"""Distances on the Earth's surface: the great-circle formula and the bounding box that prefilters a "near" search.

Pure arithmetic, no data: place look-ups live in `therapies.directory.places`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# The mean Earth radius (IUGG); the error against the ellipsoid is below 0.5 %, far below what a
# "within 25 km" search needs.
EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


@dataclass(frozen=True)
class Box:
    """Latitude and longitude ranges, inclusive, in degrees; never crosses the antimeridian."""

    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float


def great_circle_km(latitude1: float, longitude1: float, latitude2: float, longitude2: float) -> float:
    """The haversine distance; stable for short distances, where the spherical law of cosines is not."""
    phi1, phi2 = math.radians(latitude1), math.radians(latitude2)
    half_dphi = math.radians(latitude2 - latitude1) / 2
    half_dlambda = math.radians(longitude2 - longitude1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def closeness_of(distance_km: float) -> float:
    """The haversine's `a` at `distance_km`: a point is within the distance when its `a` is at most this.

    A distance of half the Earth's circumference or more takes in the whole sphere (a = 1).
    """
    return math.sin(min(distance_km / (2 * EARTH_RADIUS_KM), math.pi / 2)) ** 2


def bounding_boxes(latitude: float, longitude: float, radius_km: float) -> list[Box]:
    """Boxes that together contain every point within `radius_km` of the centre.

    One box normally; two when the circle crosses the antimeridian; a full band of
    longitudes when it reaches a pole (where every longitude is close).
    """
    delta_latitude = radius_km / KM_PER_DEGREE_LATITUDE
    min_latitude = latitude - delta_latitude
    max_latitude = latitude + delta_latitude
    if min_latitude <= -90 or max_latitude >= 90:
        return [Box(max(min_latitude, -90.0), min(max_latitude, 90.0), -180.0, 180.0)]
    # The circle's widest longitude span lies poleward of its centre, so the span is
    # asin(sin(r) / cos(lat)), a little wider than r / cos(lat); the narrower one would miss points.
    angular_radius = radius_km / EARTH_RADIUS_KM
    ratio = math.sin(angular_radius) / math.cos(math.radians(latitude))
    if ratio >= 1:
        return [Box(min_latitude, max_latitude, -180.0, 180.0)]
    delta_longitude = math.degrees(math.asin(ratio))
    min_longitude = longitude - delta_longitude
    max_longitude = longitude + delta_longitude
    if min_longitude < -180:
        return [
            Box(min_latitude, max_latitude, min_longitude + 360, 180.0),
            Box(min_latitude, max_latitude, -180.0, max_longitude),
        ]
    if max_longitude > 180:
        return [
            Box(min_latitude, max_latitude, min_longitude, 180.0),
            Box(min_latitude, max_latitude, -180.0, max_longitude - 360),
        ]
    return [Box(min_latitude, max_latitude, min_longitude, max_longitude)]


def km_from(distance: float, unit: str) -> float:
    return distance * KM_PER_MILE if unit == "mi" else distance


def in_unit(distance_km: float, unit: str) -> float:
    return distance_km / KM_PER_MILE if unit == "mi" else distance_km

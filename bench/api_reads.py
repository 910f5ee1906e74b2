"""What a visitor's API read costs in-process: computed (the first request after a change) against kept (answered by
VisitorPageMiddleware from one cache read) and revalidated (a 304), on the large data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/remedy_bench_api .venv/bin/python bench/api_reads.py
    .venv/bin/python bench/api_reads.py --repeat 100        # more requests per row
    .venv/bin/python bench/api_reads.py --wrk               # then each kept answer under gunicorn and wrk, with the
                                                            # bare view as the yardstick

Production settings (DEBUG off, Redis database 10 as the cache, PostgreSQL `remedy_bench_api` unless DATABASE_URL
says otherwise), requests through Django's test client, so the whole middleware stack runs. The database must hold
the large data set (`bench/load.py` seeds one). A computed answer is timed right after its generations were bumped,
as after an editor's save, so it is rendered and kept again; the anonymous rate limit is lifted for the run, since
every request comes from one address.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from common import (
    bare_view_figures,
    describe_database,
    fetch,
    gunicorn,
    p95,
    say,
    served_environment,
    settle,
    setup_django,
    wrk,
)

PORT = 8767
REDIS_DB = 10
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/remedy_bench_api"


def answers() -> dict[str, str]:
    """A list and a detail of each kind, on rows of the large data set."""
    from community.models import Thread
    from therapies.models import Practitioner, Therapy, TherapyCondition

    therapy = Therapy.objects.published().order_by("pk").first()
    page = TherapyCondition.objects.published().select_related("therapy", "condition").order_by("pk").first()
    listing = Practitioner.objects.published().order_by("pk").first()
    thread = Thread.objects.visible().filter(members_only=False).order_by("-post_count").first()
    return {
        "conditions (list)": "/api/v1/conditions/",
        "therapies (list)": "/api/v1/therapies/",
        "therapy (detail)": f"/api/v1/therapies/{therapy.slug}/",
        "therapy-condition (detail)": f"/api/v1/therapy-conditions/{page.therapy.slug}/{page.condition.slug}/",
        "practitioners (list)": f"/api/v1/practitioners/?therapy={therapy.slug}",
        "practitioner (detail)": f"/api/v1/practitioners/{listing.slug}/",
        "threads (list)": "/api/v1/threads/",
        "thread's posts (list)": f"/api/v1/threads/{thread.pk}/posts/",
        "survey statistics (list)": "/api/v1/survey/statistics/",
    }


def scopes_of(path: str) -> list[str]:
    from django.urls import resolve

    match = resolve(path.split("?")[0])
    return list(match.func.visitor_page_scopes(**match.kwargs))


def timed(client, path: str, **headers) -> tuple[float, int, object]:
    """Milliseconds, queries and the response of one GET."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        milliseconds = (time.perf_counter() - started) * 1000
    return milliseconds, len(queries), response


def measure(client, path: str, repeat: int) -> tuple[dict[str, list[float]], dict[str, int]]:
    from portal import generations

    scopes = scopes_of(path)
    times: dict[str, list[float]] = {"computed": [], "kept": [], "304": []}
    queries: dict[str, int] = {}
    for _ in range(repeat):
        generations._bump(generations.keys(scopes))  # as after a change: the next answer is computed and kept
        milliseconds, queries["computed"], response = timed(client, path)
        assert response.status_code == 200 and response["X-Page-Cache"] == "miss", (path, response.status_code)
        times["computed"].append(milliseconds)
        etag = response["ETag"]
        milliseconds, queries["kept"], response = timed(client, path)
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit", path
        times["kept"].append(milliseconds)
        milliseconds, queries["304"], response = timed(client, path, **{"if-none-match": etag})
        assert response.status_code == 304, path
        times["304"].append(milliseconds)
    return times, queries


def report(name: str, times: dict[str, list[float]], queries: dict[str, int]) -> None:
    cells = "".join(
        f"{statistics.median(values):9.2f}{p95(values):8.2f}{queries[kind]:4d} " for kind, values in times.items()
    )
    ratio = statistics.median(times["computed"]) / statistics.median(times["kept"])
    say(f"{name:<28}{cells}{ratio:6.0f}×")


def under_wrk(paths: dict[str, str], *, duration: str) -> None:
    """Each kept answer under gunicorn (2 workers) and wrk (8 connections), then the bare view the same way."""
    environment = {**served_environment(port=PORT, redis_db=REDIS_DB), **_overrides()}
    environment["DATABASE_URL"] = os.environ["DATABASE_URL"]
    say()
    say(f"Under wrk: gunicorn 2 sync workers, 8 connections, {duration} per row (requests/s, median, p99)")
    with gunicorn(port=PORT, workers=2, environment={**os.environ, **environment}):
        for name, path in paths.items():
            status, _body = fetch(PORT, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            url = f"http://127.0.0.1:{PORT}{path}"
            wrk(url, connections=8, duration="2s")  # warm-up, and the answer kept
            figures = wrk(url, connections=8, duration=duration)
            say(f"  {name:<28} {figures.rate:8.0f}/s  {figures.median:>8}  {figures.p99:>8}  non-2xx {figures.non_2xx}")
            settle(PORT)
    bare = bare_view_figures(port=PORT, workers=2, connections=8, duration=duration)
    say(f"  {'bare Django view':<28} {bare.rate:8.0f}/s  {bare.median:>8}  {bare.p99:>8}")


def _overrides() -> dict[str, str]:
    # Every request comes from 127.0.0.1: no rate limit may refuse the computed answers the bench asks for.
    return {"API_THROTTLE_ANON": "100000/hour", "API_THROTTLE_USER": "100000/hour"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="requests per row and kind (default 30)")
    parser.add_argument("--wrk", action="store_true", help="also serve the kept answers under gunicorn and wrk")
    parser.add_argument("--duration", default="10s", help="wrk's time per row (default 10s)")
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    environment = {**served_environment(port=PORT, redis_db=REDIS_DB), **_overrides(), "ALLOWED_HOSTS": "testserver"}
    setup_django(**environment)
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG off: the pages need the hashed files
    cache.clear()
    paths = answers()
    visitor = Client()
    for path in paths.values():  # warm-up: imports, connections, the first rendering of each
        visitor.get(path)
    say(f"{describe_database(connection)}; cache {settings.CACHES['default']['BACKEND']} ({environment['REDIS_URL']})")
    say(f"In-process (test client), {options.repeat} requests each: ms median, ms p95, queries; computed ÷ kept")
    say(f"{'':<28}{'computed':>21} {'kept':>21} {'304 (If-None-Match)':>21}")
    for name, path in paths.items():
        report(name, *measure(visitor, path, options.repeat))
    if options.wrk:
        under_wrk(paths, duration=options.duration)


if __name__ == "__main__":
    main()

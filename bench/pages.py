"""Every page class against its target: requests per second under wrk as a share of the bare Django view measured in
the same run, for visitors and for signed-in members, on the large data set.

    .venv/bin/python bench/pages.py                 # PostgreSQL remedy_bench, Redis database 15, 2 workers, 10 s a row
    .venv/bin/python bench/pages.py --only search   # rows whose class starts with "search"
    .venv/bin/python bench/pages.py --spirit /tmp/bench-peers/results.json   # members' discussion rows vs Spirit

gunicorn serves the site as in production (DEBUG off, Redis cache and sessions, PostgreSQL) with 2 sync workers, as
../shared/bench-peers/ does; wrk runs 2 threads and 8 connections for each row (3 s warm-up, then the measured run),
cycling through the row's addresses (bench/paths.lua). Members are `member@demo.example.org`, signed in through
the real log-in form. The bare view (bench/bare_view.py) is measured before and after the rows; the yardstick is
their mean, and both are printed. The targets are issue 15's:

- visitors, every public page: at least half the bare view;
- members, the pages they read (home, a condition, a therapy, a therapy-for-condition page, the directory, a listing,
  the survey results): at least 6 %; the thread page and a forum's thread list: 5x and 3x Spirit's logged-in pages
  in the same run of ../shared/bench-peers/ (given with --spirit, else only printed);
- search: at least 5 %; the directory near a place: at least 10 %; anonymous API list and detail reads: 25 %.

Not part of CI: it needs PostgreSQL, Redis and wrk. Load average before each row is printed: compare rows of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from common import (
    PROJECT,
    WrkFigures,
    bare_view_figures,
    check_page,
    cpu_per_request,
    cpu_seconds_by_program,
    gunicorn,
    parse_wrk,
    say,
    served_environment,
    settle,
    setup_django,
    wrk_command,
)

PORT = 8791
REDIS_DB = 15
SCRIPT = PROJECT / "bench/paths.lua"
MEMBER = "member@demo.example.org"
PLACES = ["London", "Portland, Oregon", "Berlin, Germany", "10001", "Toronto", "Manchester", "Melbourne", "97214"]
QUERIES = ["acupuncture", "restless legs", "iron", "sleep hygiene", "magnesium", "acupunture", "warm bath", "yoga"]


@dataclass(frozen=True)
class Row:
    name: str
    reader: str  # "visitor" or "member"
    paths: list[str]
    target: float | None  # share of the bare view; None: against Spirit (see --spirit)
    spirit_page: str = ""  # the bench-peers page it is compared with, for members' discussion rows
    spirit_factor: float = 0


def rows() -> list[Row]:
    from community.models import Forum, Thread
    from therapies.models import Condition, Practitioner, Therapy, TherapyCondition

    condition = Condition.objects.published().get(slug="restless-legs-syndrome")
    therapy = Therapy.objects.published().get(slug="acupuncture")
    pair = (
        TherapyCondition.objects.published()
        .select_related("therapy", "condition")
        .get(therapy=therapy, condition=condition)
    )
    listing = Practitioner.objects.published().order_by("pk").first()
    forum = Forum.objects.listed().order_by("-thread_count").first()
    # A thread of a page or so, as most are; and the 10,000-post thread's first and last pages.
    thread = Thread.objects.visible().filter(forum=forum, post_count__range=(15, 40), members_only=False).first()
    longest = Thread.objects.visible().filter(forum__in=Forum.objects.listed()).order_by("-post_count").first()
    last = f"{longest.get_absolute_url()}?page={(longest.post_count - 1) // 20 + 1}"
    public = {
        "home": ["/"],
        "conditions": ["/conditions/"],
        "condition": [condition.get_absolute_url()],
        "therapies": ["/therapies/"],
        "therapy": [therapy.get_absolute_url()],
        "therapy-condition": [pair.get_absolute_url()],
        "directory": ["/practitioners/"],
        "listing": [listing.get_absolute_url()],
        "forum list": ["/community/"],
        "forum": [forum.get_absolute_url()],
        "thread": [thread.get_absolute_url()],
        "thread, 10,000 posts, page 1": [longest.get_absolute_url()],
        "thread, 10,000 posts, last page": [last],
        "survey results": ["/survey/results/"],
        "rules": ["/rules/"],
        "privacy": ["/privacy/"],
    }
    members = ["home", "condition", "therapy", "therapy-condition", "directory", "listing", "survey results"]
    found = [Row(name, "visitor", paths, 0.5) for name, paths in public.items()]
    found += [Row(name, "member", public[name], 0.06) for name in members]
    found += [
        Row("forum list", "member", public["forum list"], 0.06),
        Row("forum", "member", public["forum"], None, "forum", 3),
        Row("thread", "member", public["thread"], None, "thread_first", 5),
        Row("thread, 10,000 posts, page 1", "member", public["thread, 10,000 posts, page 1"], None, "thread_first", 5),
        Row("thread, 10,000 posts, last page", "member", [last], None, "thread_last", 5),
    ]
    search = [f"/search/?{urllib.parse.urlencode({'q': q})}" for q in QUERIES]
    near = [f"/practitioners/?{urllib.parse.urlencode({'near': p, 'radius': 25})}" for p in PLACES]
    found += [Row("search", reader, search, 0.05) for reader in ("visitor", "member")]
    found += [Row("directory near a place", reader, near, 0.10) for reader in ("visitor", "member")]
    found += [
        Row("API list", "visitor", ["/api/v1/therapies/", "/api/v1/conditions/", "/api/v1/threads/"], 0.25),
        Row(
            "API detail",
            "visitor",
            [
                f"/api/v1/therapies/{therapy.slug}/",
                f"/api/v1/conditions/{condition.slug}/",
                f"/api/v1/therapy-conditions/{therapy.slug}/{condition.slug}/",
            ],
            0.25,
        ),  # fmt: skip
    ]
    return found


def spirit_rates(path: str | None) -> dict[str, float]:
    """Spirit's logged-in rates per page from a bench-peers results.json of the same session, if given."""
    if not path:
        return {}
    data = json.loads(Path(path).read_text())
    found = {}
    for result in data["results"]:
        if result["peer"] == "spirit_member":
            found[result["page"]] = float(result["requests_per_s"])
    return found


def measure(paths: list[str], headers: list[str], scratch: Path, duration: str) -> WrkFigures:
    listing = scratch / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    url = f"http://127.0.0.1:{PORT}"

    def run(seconds: str) -> WrkFigures:
        command = wrk_command(url, connections=8, duration=seconds, headers=headers, script=SCRIPT,
                              script_args=[str(listing)], timeout="10s")  # fmt: skip
        return parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)

    run("3s")
    settle(PORT)
    before = cpu_seconds_by_program()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = run(duration)
    after = cpu_seconds_by_program()
    # wrk has ended by the second reading: its time is in this script's children's usage.
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    after["wrk"] = before.get("wrk", 0.0) + (ended.ru_utime + ended.ru_stime) - (children.ru_utime + children.ru_stime)
    figures.cpu = cpu_per_request(before, after, figures.requests)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="rows whose class starts with this")
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--spirit", help="a bench-peers results.json of this session: members' rows against Spirit")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    os.environ.update(served_environment(port=PORT, redis_db=REDIS_DB))
    os.environ.update(API_THROTTLE_ANON="1000000/minute", API_THROTTLE_USER="1000000/minute")  # one address: 127.0.0.1
    setup_django()
    import load

    say(load.prepare())
    chosen = [row for row in rows() if not options.only or row.name.startswith(options.only)]
    spirit = spirit_rates(options.spirit)
    say(f"Bare Django view first, load average {load.load_average()}")
    bare_before = bare_view_figures(port=PORT, workers=2, connections=8, duration=options.duration)
    results = []
    with tempfile.TemporaryDirectory(prefix="remedy-pages-") as scratch, gunicorn(port=PORT, workers=2):
        cookie = f"Cookie: {load.log_in(MEMBER, port=PORT)}"
        for row in chosen:
            headers = [cookie] if row.reader == "member" else []
            for path in row.paths:
                check_page(PORT, path, headers)
            load_before = os.getloadavg()[0]
            results.append((row, load_before, measure(row.paths, headers, Path(scratch), options.duration)))
            say(f"  {row.name:<34} {row.reader:<8} {results[-1][2].rate:>9,.1f} req/s  (load {load_before:.2f})")
    say(f"Bare Django view again, load average {load.load_average()}")
    bare_after = bare_view_figures(port=PORT, workers=2, connections=8, duration=options.duration)
    bare = statistics.mean([bare_before.rate, bare_after.rate])
    report(results, bare, bare_before, bare_after, spirit)


def report(results, bare: float, before: WrkFigures, after: WrkFigures, spirit: dict[str, float]) -> None:
    say(f"\ngunicorn, 2 sync workers, DEBUG off, {os.environ['DATABASE_URL'].split('@')[-1]}, Redis; wrk 2 threads,")
    say(f"8 connections, on the same machine ({os.cpu_count()} cores). Bare view: {before.rate:,.1f} before the rows,")
    say(f"{after.rate:,.1f} after; yardstick {bare:,.1f} requests/s.\n")
    say(f"  {'page':<34} {'reader':<8} {'req/s':>9} {'median':>9} {'p99':>9} {'share':>7} {'target':>16}  met")
    failures = 0
    for row, _load, figures in results:
        share = figures.rate / bare
        if row.target is not None:
            target_text, met = f">= {row.target:.0%} of bare", share >= row.target
        elif row.spirit_page in spirit:
            goal = row.spirit_factor * spirit[row.spirit_page]
            target_text, met = f">= {goal:,.0f} ({row.spirit_factor:g}x Spirit)", figures.rate >= goal
        else:
            target_text, met = f"{row.spirit_factor:g}x Spirit's", None
        failures += figures.non_2xx + figures.socket_errors
        mark = {True: "yes", False: "NO", None: "-"}[met]
        say(
            f"  {row.name:<34} {row.reader:<8} {figures.rate:>9,.1f} {figures.median:>9} {figures.p99:>9} "
            f"{share:>7.1%} {target_text:>16}  {mark}"
        )
    say("\n  CPU a request cost each program during its row (ms; gunicorn is the site, the rest shares its cores):")
    for row, _load, figures in results:
        shares = sorted(figures.cpu.items(), key=lambda item: -item[1])
        spent = ", ".join(f"{name} {ms:.2f}" for name, ms in shares if ms >= 0.01)
        say(f"  {row.name:<34} {row.reader:<8} {sum(figures.cpu.values()):>6.2f} in all: {spent}")
    if failures:
        sys.exit(f"{failures} requests failed")


if __name__ == "__main__":
    main()

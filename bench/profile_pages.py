"""Where a page's milliseconds go, in-process: per middleware, context processor, template, SQL and the view's own
Python, for a visitor and for a signed-in member, on the large data set.

    .venv/bin/python bench/profile_pages.py                 # every page, 30 requests each, median
    .venv/bin/python bench/profile_pages.py --page thread   # one page, with the top functions of cProfile
    .venv/bin/python bench/profile_pages.py --no-page-cache # visitors rendered too (what a cache miss costs)

Production settings (DEBUG off, Redis cache and sessions in Redis database 12, PostgreSQL `remedy_bench` unless
DATABASE_URL says otherwise), requests through Django's test client, so the whole middleware stack runs. The
database must hold the large data set (`bench/load.py` seeds it). Figures are medians over the timed requests after
two warm-up requests; the member is `member@demo.example.org` (or the first verified member).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import time
from collections import defaultdict
from contextlib import contextmanager

from common import say, served_environment, setup_django


class Clock:
    """Adds up seconds per label, counting only the outermost call of a label (templates include templates)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.depth: dict[str, int] = defaultdict(int)
        self.queries = 0

    @contextmanager
    def timing(self, label: str):
        self.depth[label] += 1
        started = time.perf_counter()
        try:
            yield
        finally:
            self.depth[label] -= 1
            if self.depth[label] == 0:
                self.spent[label] += time.perf_counter() - started


CLOCK = Clock()


def instrument() -> None:
    """Wrap every middleware, context processor, template render and SQL statement in CLOCK."""
    from django.conf import settings
    from django.db import connections
    from django.template import engines
    from django.template.backends.django import Template as BackendTemplate
    from django.utils.module_loading import import_string

    # Middleware: each one's inclusive time; exclusive = its inclusive minus the next one's.
    def timed_middleware(path: str, position: int):
        factory = import_string(path)

        def make(get_response):
            instance = factory(get_response)

            def call(request):
                with CLOCK.timing(f"mw{position:02d} {path.rsplit('.', 1)[-1]}"):
                    return instance(request)

            return call

        return make

    import django.core.handlers.base as base

    original_import = base.import_string

    def patched_import(path):
        if path in settings.MIDDLEWARE:
            return timed_middleware(path, settings.MIDDLEWARE.index(path))
        return original_import(path)

    base.import_string = patched_import

    original_get_response = base.BaseHandler._get_response

    def get_response(self, request):
        with CLOCK.timing("view"):
            return original_get_response(self, request)

    base.BaseHandler._get_response = get_response

    # Context processors.
    engine = engines["django"].engine
    processors = []
    for path in engine.context_processors:
        function = import_string(path)
        name = path.rsplit(".", 1)[-1]

        def timed(request, function=function, name=name):
            with CLOCK.timing(f"cp {name}"):
                return function(request)

        processors.append(timed)
    engine.template_context_processors = tuple(processors)

    original_render = BackendTemplate.render

    def render(self, context=None, request=None):
        with CLOCK.timing("templates (incl. context processors)"):
            return original_render(self, context, request)

    BackendTemplate.render = render

    def wrapper(execute, sql, params, many, context):
        CLOCK.queries += 1
        with CLOCK.timing("sql"):
            return execute(sql, params, many, context)

    for alias in connections:
        connections[alias].execute_wrappers.append(wrapper)


def pages() -> dict[str, str]:
    from community.models import Forum, Thread
    from therapies.models import Condition, Practitioner, Therapy, TherapyCondition

    condition = Condition.objects.published().get(slug="restless-legs-syndrome")
    therapy = Therapy.objects.published().get(slug="acupuncture")
    pair = TherapyCondition.objects.published().get(therapy=therapy, condition=condition)
    listing = Practitioner.objects.published().order_by("pk").first()
    forum = Forum.objects.get(slug="restless-legs-syndrome")
    thread = Thread.objects.visible().filter(forum__in=Forum.objects.listed()).order_by("-post_count").first()
    long_thread_last = f"{thread.get_absolute_url()}?page={-(-thread.post_count // 20)}" if thread else None
    found = {
        "home": "/",
        "privacy": "/privacy/",
        "conditions": "/conditions/",
        "condition": condition.get_absolute_url(),
        "therapies": "/therapies/",
        "therapy": therapy.get_absolute_url(),
        "therapy-condition": pair.get_absolute_url(),
        "directory": "/practitioners/",
        "directory-near": "/practitioners/?near=London&radius=25",
        "listing": listing.get_absolute_url(),
        "forum-list": "/community/",
        "forum": forum.get_absolute_url(),
        "thread": thread.get_absolute_url() if thread else None,
        "thread-last": long_thread_last,
        "survey-results": "/survey/results/",
        "search": "/search/?q=acupuncture",
        "api-list": "/api/v1/therapies/",
    }
    return {name: path for name, path in found.items() if path}


def member():
    from allauth.account.models import EmailAddress

    address = (
        EmailAddress.objects.filter(email="member@demo.example.org", verified=True).first()
        or EmailAddress.objects.filter(verified=True, user__is_staff=False).order_by("pk").first()
    )
    return address.user


def measure(client, path: str, *, repeat: int) -> dict[str, float]:
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    rows: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        CLOCK.spent.clear()
        CLOCK.queries = 0
        started = time.perf_counter()
        client.get(path)
        total = time.perf_counter() - started
        rows["total"].append(total)
        rows["queries"].append(CLOCK.queries)
        for label, seconds in CLOCK.spent.items():
            rows[label].append(seconds)
    return {label: statistics.median(values) for label, values in rows.items()}


def exclusive_middleware(figures: dict[str, float]) -> dict[str, float]:
    """Each middleware's own time: its inclusive time minus the next (inner) one's."""
    names = sorted(label for label in figures if label.startswith("mw"))
    own = {}
    for index, name in enumerate(names):
        inner = figures[names[index + 1]] if index + 1 < len(names) else figures.get("view", 0.0)
        own[name] = figures[name] - inner
    return own


def report(name: str, reader: str, figures: dict[str, float]) -> None:
    ms = {label: value * 1000 for label, value in figures.items() if label != "queries"}
    middleware = exclusive_middleware(ms)
    view_and_below = ms.get("view", 0.0)  # URL resolving and the view, templates and SQL included
    templates = ms.get("templates (incl. context processors)", 0.0)
    processors = sum(value for label, value in ms.items() if label.startswith("cp "))
    sql = ms.get("sql", 0.0)
    say(
        f"{name:18} {reader:8} total {ms['total']:6.2f} ms · middleware (own) {sum(middleware.values()):5.2f}"
        f" · view+below {view_and_below:6.2f} · templates {templates - processors:5.2f}"
        f" · context processors {processors:4.2f} · SQL {sql:5.2f} ({int(figures['queries'])} queries)"
    )
    heavy = sorted(middleware.items(), key=lambda item: -item[1])[:4]
    say("      heaviest middleware: " + ", ".join(f"{label[5:]} {value:.2f}" for label, value in heavy))


def cookieless_client():
    """A visitor as wrk sends them: no cookie on any request (a search near a place sets the place cookie, and its
    holder's later pages are their own)."""
    from django.test import Client

    class CookielessClient(Client):
        def request(self, **request):
            self.cookies.clear()
            return super().request(**request)

    return CookielessClient()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", help="one page (names as printed), with cProfile's top functions")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-page-cache", action="store_true", help="render visitors' pages too")
    options = parser.parse_args()
    environment = served_environment(port=8000, redis_db=12)
    environment["ALLOWED_HOSTS"] = "testserver"
    if options.no_page_cache:
        environment["PAGE_CACHE"] = "0"
        environment["COMMUNITY_PAGE_CACHE"] = "0"
    setup_django(**environment)
    instrument()
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    chosen = pages()
    if options.page:
        chosen = {options.page: chosen[options.page]}
    signed_in = Client()
    signed_in.force_login(member())
    for name, path in chosen.items():
        visitor = cookieless_client()
        for reader, client in (("visitor", visitor), ("member", signed_in)):
            report(name, reader, measure(client, path, repeat=options.repeat))
            if options.page:
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(options.repeat):
                    client.get(path)
                profiler.disable()
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
                say(out.getvalue())


if __name__ == "__main__":
    main()

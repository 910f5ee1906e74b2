"""Django templates against Django's Jinja2 backend on the discussion thread page: milliseconds per render.

    .venv/bin/python bench/jinja_thread.py                  # 300 renders per case
    .venv/bin/python bench/jinja_thread.py --renders 100

The database is DATABASE_URL, by default the throw-away SQLite file /tmp/jinja-bench.sqlite3, migrated and seeded
first (`DEBUG=1 DATABASE_URL=sqlite:////tmp/jinja-bench.sqlite3 .venv/bin/python manage.py migrate`, then
`… manage.py seed_demo`). Jinja2 must be installed (`pip install jinja2`): the site does not depend on it.

In it the script keeps a thread of its own, made on the first run: 45 visible posts by demo members, a few by the
member below (editable), some marked helpful, two edited. It asks the real view, through Django's test client, for
page 2 of 3 (20 posts, all four pagination links), as a visitor and as `member@demo.remedycommons.org` (verified;
the current rules are accepted for them, so the reply form shows without the rules note; read up to post 25, so
part of the page is unread), and keeps what the view passes to its template: the context, the request, the posts.

Then it renders that page many times with the project's Django templates and with the Jinja2 ports in bench/jinja/
(Django's `django.template.backends.jinja2.Jinja2`, autoescape on, the i18n extension with Django's gettext and
ngettext, `url`, `static`, `querystring` and Django's `date` and `truncatechars` as globals and filters, the same
context processors), in two ways:

- posts in the render: each post's <article> rendered by the engine's post template (what community/post_html.py
  does for a post missing from the cache), then the page;
- posts pre-rendered: the page alone, given the posts' HTML as the fragment cache hands it over (the usual case).

Renders of Django and Jinja2 alternate, so a busy moment on the machine costs both alike. The reply form is also
timed alone: the site's renderer (portal.forms.SiteFormRenderer: forms/*.html in Django templates, Django's widget
templates) against a Jinja2 renderer (the ports of forms/*.html, Django's Jinja2 widget templates).

Before timing, every case's two outputs are compared after collapsing whitespace, with the CSRF tokens (new on every
render) and the spelling of two entities (Django escapes ' and " as &#x27; and &quot;, MarkupSafe as &#39; and
&#34;) made alike; the Django render is also compared with the page the view served. Production settings (DEBUG
off, so the static files are collected first, as for
bench/thread_pages.py), the locmem cache unless REDIS_URL is set; the page cache is off so the view renders the
visitor's page.
"""

from __future__ import annotations

import argparse
import re
import secrets
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from common import describe_database, p95, say, setup_django

BENCH = Path(__file__).resolve().parent
JINJA_TEMPLATES = BENCH / "jinja"
# Quotes, an apostrophe and an ampersand: both engines must escape what members write the same way.
THREAD_TITLE = 'Jinja bench: "what helped" on the worst evenings & Tom\'s list'
POST_COUNT = 45  # three pages of 20: page 2 shows every pagination link
PAGE = 2
MEMBER_EMAIL = "member@demo.remedycommons.org"
MEMBER_POSTS = {24, 33, 38}  # the member's own posts on page 2 (three recent ones: editable)
MEMBER_MARKED = {22, 27, 31}  # posts the member marked helpful
READ_UP_TO = 25


@dataclass
class Case:
    """What the view handed to `render` for one reader, and what it served."""

    name: str
    request: object = None
    context: dict = field(default_factory=dict)
    posts: list = field(default_factory=list)
    read_up_to: int = 0
    can_quote: bool = False
    served: str = ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=300, help="timed renders per case (default 300)")
    parser.add_argument("--warm-up", type=int, default=20, help="untimed renders per case first (default 20)")
    args = parser.parse_args()

    setup_django(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="sqlite:////tmp/jinja-bench.sqlite3",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        COMMUNITY_PAGE_CACHE="0",
        LOG_LEVEL="WARNING",
    )
    try:
        import jinja2
    except ImportError:
        sys.exit("Jinja2 is not installed: `.venv/bin/pip install jinja2` (it is not in requirements.txt).")
    import django
    from django.core.management import call_command
    from django.db import connection
    from django.template import engines
    from django.utils import translation

    from community.forms import ReplyForm

    call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG off: `static` reads the manifest
    translation.activate("en")
    thread, member = bench_thread()
    url = f"{thread.get_absolute_url()}?page={PAGE}"
    visitor = capture("visitor", url, member=None)
    signed_in = capture("member", url, member=member)
    if signed_in.context["reply_form"] is None:
        sys.exit("The member's page shows no reply form: the bench needs a verified member who may post.")

    django_engine = engines["django"]
    jinja_engine = jinja_backend(jinja2.Undefined)
    form_renderer = jinja_form_renderer(jinja_engine)
    engines_ = {"Django": django_engine, "Jinja2": jinja_engine}
    pages = {name: engine.get_template("community/thread_detail.html") for name, engine in engines_.items()}
    post_templates = {name: engine.get_template("community/includes/post.html") for name, engine in engines_.items()}

    def forms_for(case: Case) -> dict:
        form = case.context["reply_form"]
        if form is None:
            return {"Django": None, "Jinja2": None}
        return {"Django": form, "Jinja2": ReplyForm(rules=form.rules, initial=form.initial, renderer=form_renderer)}

    cases = [visitor, signed_in]
    forms = {case.name: forms_for(case) for case in cases}
    # The fragments as the cache would hand them over: each engine's own, rendered once.
    fragments = {(case.name, name): render_posts(post_templates[name], case) for case in cases for name in engines_}

    def whole(case: Case, name: str):
        return lambda: render_page(pages[name], case, render_posts(post_templates[name], case), forms[case.name][name])

    def shell(case: Case, name: str):
        return lambda: render_page(pages[name], case, fragments[case.name, name], forms[case.name][name])

    renders = {}
    for case in cases:
        for kind, make in (("posts in the render", whole), ("posts pre-rendered", shell)):
            for name in engines_:
                renders[case.name, kind, name] = make(case, name)

    say(f"Django {django.get_version()}, Jinja2 {jinja2.__version__}, {describe_database(connection)}")
    say(f"Thread {thread.pk} ({thread.post_count} visible posts), page {PAGE}: {len(signed_in.posts)} posts")
    say()

    # --- The outputs must match ---------------------------------------------------------------------------------
    strict = jinja_backend(jinja2.StrictUndefined)  # a name the port gets wrong fails loudly here
    strict_renderer = jinja_form_renderer(strict)
    accepted: dict[str, int] = {}
    mismatches = 0
    for case in cases:
        form = case.context["reply_form"]
        strict_form = form and ReplyForm(rules=form.rules, initial=form.initial, renderer=strict_renderer)
        posts = render_posts(strict.get_template("community/includes/post.html"), case)
        render_page(strict.get_template("community/thread_detail.html"), case, posts, strict_form)
        for kind in ("posts in the render", "posts pre-rendered"):
            django_html = renders[case.name, kind, "Django"]()
            jinja_html = renders[case.name, kind, "Jinja2"]()
            mismatches += not same(f"{case.name}, {kind}", django_html, jinja_html, accepted)
            what = f"{case.name}, {kind}: the Django render against the page the view served"
            mismatches += not same(what, django_html, case.served, accepted)
        if form is not None:
            mismatches += not same(f"{case.name}: reply form", str(form), str(forms[case.name]["Jinja2"]), accepted)
    if mismatches:
        sys.exit(f"{mismatches} output(s) differ: the figures would compare different pages")
    say("Outputs: the same HTML from both engines in every case (whitespace collapsed), and the Django render is")
    say("the page the view served. Differences made alike before comparing:")
    for what, count in accepted.items():
        say(f"  {what}: {count}")
    say()

    # --- Timing ---------------------------------------------------------------------------------------------------
    say(f"Timing: {args.warm_up} warm-up and {args.renders} timed renders per case, Django and Jinja2 alternating…")
    times = timed(renders, renders=args.renders, warm_up=args.warm_up)
    member_forms = forms["member"]
    form_times = timed(
        {("reply form", name): (lambda form=form: str(form)) for name, form in member_forms.items()},
        renders=args.renders,
        warm_up=args.warm_up,
    )
    processors = {("context processors", case.name): run_processors(case, django_engine) for case in cases}
    processor_times = timed(processors, renders=args.renders, warm_up=args.warm_up)
    request_times = time_requests(url, member, renders=min(args.renders, 100))
    say()

    say(f"ms per render, median / p95 (page {PAGE} of the thread, {len(signed_in.posts)} posts)")
    header = f"{'case':<34}{'Django':>16}{'Jinja2':>17}{'Django ÷ Jinja2':>18}"
    say(header)
    say("-" * len(header))
    for case in cases:
        for kind in ("posts in the render", "posts pre-rendered"):
            row(f"{case.name}, {kind}", times[case.name, kind, "Django"], times[case.name, kind, "Jinja2"])
    row("reply form alone (member's)", form_times["reply form", "Django"], form_times["reply form", "Jinja2"])
    say()
    for case in cases:
        per_post = {
            name: (
                statistics.median(times[case.name, "posts in the render", name])
                - statistics.median(times[case.name, "posts pre-rendered", name])
            )
            / len(case.posts)
            for name in engines_
        }
        say(
            f"{case.name}: one post's <article> ≈ {per_post['Django']:.3f} ms with Django, "
            f"{per_post['Jinja2']:.3f} ms with Jinja2 (difference of the medians ÷ {len(case.posts)})"
        )
    for case in cases:
        values = processor_times["context processors", case.name]
        say(
            f"{case.name}: the context processors alone, which both engines run, "
            f"{statistics.median(values):.2f} ms median"
        )
    say(
        f"member: the whole request through the test client (middleware, session, view, SQL, fragments cached, "
        f"Django templates) {statistics.median(request_times):.2f} ms median, {p95(request_times):.2f} ms p95 "
        f"over {len(request_times)}"
    )
    shell = {name: statistics.median(times["member", "posts pre-rendered", name]) for name in engines_}
    request = statistics.median(request_times)
    say(
        f"member, fragments cached: the templates are {shell['Django'] / request:.0%} of that request; Jinja2 would "
        f"take {shell['Django'] - shell['Jinja2']:.2f} ms off it ({(shell['Django'] - shell['Jinja2']) / request:.0%})"
    )


# --- The data ---------------------------------------------------------------------------------------------------------


def bench_thread():
    """The bench's thread (made on the first run) and the member, who may post and has accepted the current rules."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError, transaction
    from django.utils import timezone

    from community import actions
    from community.models import Forum, Post, ReadPosition, Thread
    from community.rules import current_rules

    try:
        member = get_user_model().objects.filter(email=MEMBER_EMAIL).first()
    except DatabaseError:  # not migrated
        member = None
    if member is None or not Forum.objects.exists():
        sys.exit(
            "The database holds no demo data: run `DEBUG=1 DATABASE_URL=… .venv/bin/python manage.py migrate` "
            "and `… manage.py seed_demo` first."
        )
    EmailAddress.objects.filter(user=member).update(verified=True)
    if (rules := current_rules()) is not None:
        actions.accept_rules(member=member, rules=rules)

    thread = Thread.objects.filter(title=THREAD_TITLE).first()
    if thread is None:
        say("Making the bench's thread…")
        with transaction.atomic():
            thread = make_thread(member)
    # The member's read position goes back where it was, as the view moved it on the previous run.
    ReadPosition.objects.update_or_create(
        user=member, thread=thread, defaults={"last_read_number": READ_UP_TO, "updated_at": timezone.now()}
    )
    # Their own posts stay within the 24 hours in which they may edit them, so the Edit links show.
    recent = timezone.now() - timedelta(hours=1)
    Post.objects.filter(thread=thread, number__in=MEMBER_POSTS).update(created_at=recent)
    thread.refresh_from_db()
    return thread, member


def make_thread(member):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from community.models import Forum, HelpfulMark, Post, Subscription, Thread, Visibility
    from therapies.models import Therapy

    forum = Forum.objects.listed().order_by("pk").first()
    therapy = Therapy.objects.published().order_by("pk").first()
    authors = list(
        get_user_model().objects.filter(is_staff=False, posts__isnull=False).exclude(pk=member.pk).distinct()[:8]
    )
    bodies = list(Post.objects.visible().order_by("pk").values_list("body", flat=True)[:60])
    now = timezone.now()
    thread = Thread.objects.create(forum=forum, title=THREAD_TITLE, author=authors[0], therapy=therapy)
    posts = []
    for number in range(1, POST_COUNT + 1):
        own = number in MEMBER_POSTS
        post = Post(
            thread=thread,
            author=member if own else authors[number % len(authors)],
            number=number,
            body=bodies[number % len(bodies)],
            status=Visibility.VISIBLE,
            helpful_count=(number * 7) % 4,  # 0 to 3: no count, the singular and the plural
            created_at=now - timedelta(hours=POST_COUNT - number + 2),
            edited_at=now - timedelta(hours=1) if number in {23, 35} else None,
        )
        post.save()  # renders body_html
        posts.append(post)
    for number in MEMBER_MARKED:
        HelpfulMark.objects.create(post=posts[number - 1], user=member)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=POST_COUNT,
        first_post=posts[0],
        last_post=posts[-1],
        next_number=POST_COUNT + 1,
        last_activity_at=posts[-1].created_at,
    )
    Subscription.objects.get_or_create(user=member, thread=thread)
    return thread


def capture(name: str, url: str, *, member) -> Case:
    """Ask the real view for the page and keep what it passed to `render` and to `post_html.render_posts`."""
    from django.test import Client

    from community import post_html, views

    case = Case(name)
    original_render, original_posts = views.render, post_html.render_posts

    def render(request, template_name, context, *args, **kwargs):
        case.request, case.context = request, dict(context)
        return original_render(request, template_name, context, *args, **kwargs)

    def render_posts(request, posts, *, read_up_to=0, can_quote=False):
        case.posts, case.read_up_to, case.can_quote = list(posts), read_up_to, can_quote
        return original_posts(request, posts, read_up_to=read_up_to, can_quote=can_quote)

    client = Client()
    if member is not None:
        client.force_login(member)
    views.render, post_html.render_posts = render, render_posts
    try:
        response = client.get(url)
    finally:
        views.render, post_html.render_posts = original_render, original_posts
    if response.status_code != 200 or not case.posts:
        sys.exit(f"{url} answered {response.status_code} for the {name}, with {len(case.posts)} posts")
    case.served = response.content.decode()
    return case


# --- The engines ------------------------------------------------------------------------------------------------------


def jinja_backend(undefined):
    """Django's Jinja2 backend over bench/jinja/ (and Django's Jinja2 widget templates, for the form renderer)."""
    import django.forms
    from django.conf import settings
    from django.template.backends.jinja2 import Jinja2
    from django.template.defaultfilters import date, truncatechars
    from django.templatetags.static import static
    from django.urls import reverse
    from django.utils import translation
    from django.utils.timezone import template_localtime
    from jinja2 import pass_context

    def url(name, *args, **kwargs):
        return reverse(name, args=args, kwargs=kwargs)

    @pass_context
    def querystring(context, query_dict=None, **kwargs):
        from django.template.defaulttags import querystring as django_querystring

        return django_querystring(SimpleNamespace(request=context["request"]), query_dict, **kwargs)

    backend = Jinja2(
        {
            "NAME": "bench-jinja2",
            "DIRS": [JINJA_TEMPLATES, Path(django.forms.__file__).parent / "jinja2"],
            "APP_DIRS": False,
            "OPTIONS": {
                "context_processors": settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                "extensions": ["jinja2.ext.i18n"],
                "undefined": undefined,
            },
        }
    )
    environment = backend.env
    environment.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    environment.globals.update(url=url, static=static, get_language=translation.get_language, querystring=querystring)
    # Django templates give `date` the value in the current time zone (expects_localtime); so does this.
    environment.filters.update(
        date=lambda value, arg=None: date(template_localtime(value), arg), truncatechars=truncatechars
    )
    return backend


def jinja_form_renderer(backend):
    """portal.forms.SiteFormRenderer with Jinja2: the ports of forms/*.html, Django's Jinja2 widget templates."""
    from django.forms.renderers import BaseRenderer

    class JinjaFormRenderer(BaseRenderer):
        form_template_name = "forms/form.html"
        field_template_name = "forms/field.html"

        def get_template(self, template_name):
            return backend.get_template(template_name)

    return JinjaFormRenderer()


def render_posts(template, case: Case):
    """Each post's <article> by `template`, as community/post_html.py renders a post missing from the cache."""
    from django.middleware.csrf import get_token
    from django.utils.safestring import mark_safe

    from community import post_html

    user = case.request.user
    page = "".join(
        template.render(
            {
                "post": post,
                "viewer": post_html._viewer(post, user=user, read_up_to=case.read_up_to, can_quote=case.can_quote),
                "csrf_token": post_html.CSRF_PLACEHOLDER,
            }
        )
        for post in case.posts
    )
    if post_html.CSRF_INPUT in page:
        token = get_token(case.request)
        page = page.replace(post_html.CSRF_INPUT, post_html.CSRF_INPUT.replace(post_html.CSRF_PLACEHOLDER, token))
    return mark_safe(page)  # our templates' output


def render_page(template, case: Case, posts_html, reply_form) -> str:
    # A new dict each time: the Jinja2 backend adds the request and the context processors' values to it.
    return template.render({**case.context, "posts_html": posts_html, "reply_form": reply_form}, case.request)


def run_processors(case: Case, django_engine):
    """The context processors as a render runs them, with the lazy unread count the header asks for."""
    processors = django_engine.engine.template_context_processors

    def run():
        values = {}
        for processor in processors:
            values.update(processor(case.request))
        return bool(values.get("unread_notification_count"))

    return run


# --- Comparing and timing -------------------------------------------------------------------------------------------

CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"')
# What MarkupSafe writes where Django's escape() writes the other spelling: the same characters.
ENTITIES = {"&#x27;": "&#39;", "&quot;": "&#34;"}


def normalised(html: str, accepted: dict[str, int]) -> str:
    html, count = CSRF_VALUE.subn(r'\1CSRF"', html)
    accepted["CSRF tokens (a new one on every render)"] = max(
        accepted.get("CSRF tokens (a new one on every render)", 0), count
    )
    for django_spelling, markupsafe_spelling in ENTITIES.items():
        found = html.count(django_spelling)
        if found:
            key = f"{django_spelling} (Django) for {markupsafe_spelling} (MarkupSafe), in the largest page"
            accepted[key] = max(accepted.get(key, 0), found)
            html = html.replace(django_spelling, markupsafe_spelling)
    html = re.sub(r"\s+", " ", html)
    return re.sub(r">\s+<", "><", html).strip()


def same(what: str, first: str, second: str, accepted: dict[str, int]) -> bool:
    a, b = normalised(first, accepted), normalised(second, accepted)
    if a == b:
        return True
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    say(f"DIFFERENT: {what}, from character {at}:")
    say(f"  first:  …{a[max(at - 120, 0) : at + 200]}…")
    say(f"  second: …{b[max(at - 120, 0) : at + 200]}…")
    return False


def timed(functions: dict, *, renders: int, warm_up: int) -> dict[object, list[float]]:
    """Milliseconds per call of each function, called in turn (and in reverse order every other round)."""
    for function in functions.values():
        for _ in range(warm_up):
            function()
    times: dict[object, list[float]] = {key: [] for key in functions}
    order = list(functions.items())
    for round_ in range(renders):
        for key, function in order if round_ % 2 == 0 else reversed(order):
            started = time.perf_counter()
            function()
            times[key].append((time.perf_counter() - started) * 1000)
    return times


def time_requests(url: str, member, *, renders: int) -> list[float]:
    from django.test import Client

    client = Client()
    client.force_login(member)
    for _ in range(5):
        client.get(url)
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return times


def row(label: str, django_times: list[float], jinja_times: list[float]) -> None:
    django_median, jinja_median = statistics.median(django_times), statistics.median(jinja_times)
    say(
        f"{label:<34}{django_median:>8.2f} /{p95(django_times):>6.2f}{jinja_median:>9.2f} /{p95(jinja_times):>6.2f}"
        f"{django_median / jinja_median:>17.2f}×"
    )


if __name__ == "__main__":
    main()

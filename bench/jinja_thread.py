"""Django templates against Django's Jinja2 backend on the discussion thread page: milliseconds per render.

    .venv/bin/python bench/jinja_thread.py                  # 300 renders per case
    .venv/bin/python bench/jinja_thread.py --renders 100

The database is DATABASE_URL, by default the throw-away SQLite file /tmp/jinja-bench.sqlite3, migrated and seeded
first (`DEBUG=1 DATABASE_URL=sqlite:////tmp/jinja-bench.sqlite3 .venv/bin/python manage.py migrate`, then
`… manage.py seed_demo`). Jinja2 must be installed (`pip install jinja2`): the site does not depend on it.

In it the script keeps a thread of its own, made on the first run: 45 visible posts by demo members, a few by the
member below (editable), some marked helpful, two edited. It asks the real view, through Django's test client, for
page 2 of 3 (20 posts, all four pagination links), as a visitor and as `member@demo.example.org` (verified;
the current rules are accepted for them, so the reply form shows without the rules note; read up to post 25, so
part of the page is unread), and keeps what the view rendered and served: the shell's context, the request and the
posts; the shell itself (the page with its holes, portal/shared_pages.py); the state it handed to the fillers; what
the fillers rendered with templates (community/holes.py: the reply box with the reply form's fields, the thread
tools); and the filled page it served.

A page is made in two steps, and only the first is all templates:

- the shell: community/thread_detail.html in base.html, each post's <article> (post.html), the pagination and the
  breadcrumbs, with a marker for every hole. It is the same for every reader of a kind and kept per content
  generation, so it is rendered when the thread changes, not per request;
- the filling, per member request: the site's fillers (Python, a few queries) replace the holes; two of them render
  small templates (the reply box, whose form fields are rendered once per process and language, and the thread
  tools).

The script renders the shell with the project's Django templates and with the Jinja2 ports in bench/jinja/
(Django's `django.template.backends.jinja2.Jinja2`, autoescape on, the i18n extension with Django's gettext and
ngettext, `url`, `static`, `querystring`, `hole` (the `{% hole %}` tag: the same marker) and Django's `date` and
`truncatechars` as globals and filters, the same context processors), in two ways:

- posts in the render: each post's <article> rendered by the engine's post template (what community/post_html.py
  does for a post missing from the fragment cache), then the page;
- posts pre-rendered: the page alone, given the posts' HTML as the fragment cache hands it over.

It also times the filling of the member's holes (`portal.shared_pages.fill_holes` with the site's fillers: the same
code whichever engine made the shell, so timed once), the fillers' templates alone (the reply box and the thread
tools, with Django and with the ports), and the reply form alone: the site's renderer (portal.forms.SiteFormRenderer:
forms/*.html in Django templates, Django's widget templates) against a Jinja2 renderer (the ports of forms/*.html,
Django's Jinja2 widget templates). Finally the member's whole request through the test client, with the shell kept
(SHARED_PAGES on, in this process's locmem cache) and rendered every time (off).

Renders alternate between the engines, so a busy moment on the machine costs both alike. Before timing, every
output is compared with its counterpart after collapsing whitespace, with the CSRF tokens (new on every filling)
and the spelling of two entities (Django escapes ' and " as &#x27; and &quot;, MarkupSafe as &#39; and &#34;) made
alike: shells with shells (both engines, and the Django one with the shell the view rendered), filled pages with
filled pages (each engine's shell filled by `fill_holes`, and the page the view served), each filler template with
its port, the reply form with the Jinja2 renderer's. Production settings (DEBUG off, so the static files are
collected first), the locmem cache unless REDIS_URL is set, SHARED_PAGES off unless timing the kept shell.
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
MEMBER_EMAIL = "member@demo.example.org"
MEMBER_POSTS = {24, 33, 38}  # the member's own posts on page 2 (three recent ones: editable)
MEMBER_MARKED = {22, 27, 31}  # posts the member marked helpful
READ_UP_TO = 25


@dataclass
class Case:
    """What the view rendered and served for one reader."""

    name: str
    request: object = None
    context: dict = field(default_factory=dict)  # the shell's, as the view passed it to `render`
    posts: list = field(default_factory=list)
    reader_id: int | None = None
    shell: str = ""  # the page the view rendered, holes and all
    state: dict = field(default_factory=dict)  # what the view handed to the fillers
    filler_templates: list = field(default_factory=list)  # (template, context) the fillers rendered, in order
    served: str = ""  # the page with its holes filled


SHELL_KINDS = ("shell, posts in the render", "shell, posts pre-rendered")
REPLY_BOX = "community/includes/reply_box.html"
REPLY_FIELDS = "community/includes/reply_fields.html"
THREAD_TOOLS = "community/includes/thread_tools.html"


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
        SHARED_PAGES="0",  # the view renders the shell on every request; the kept shell is timed apart
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
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG off: `static` reads the manifest
    translation.activate("en")
    thread, member = bench_thread()
    url = f"{thread.get_absolute_url()}?page={PAGE}"
    visitor = capture("visitor", url, member=None)
    signed_in = capture("member", url, member=member)
    rendered = [name for name, _context in signed_in.filler_templates]
    if REPLY_FIELDS not in rendered or THREAD_TOOLS not in rendered:
        sys.exit(f"The member's fillers rendered {rendered}: the bench needs a verified member who may post.")

    django_engine = engines["django"]
    jinja_engine = jinja_backend(jinja2.Undefined)
    form_renderer = jinja_form_renderer(jinja_engine)
    engines_ = {"Django": django_engine, "Jinja2": jinja_engine}
    pages = {name: engine.get_template("community/thread_detail.html") for name, engine in engines_.items()}
    post_templates = {name: engine.get_template("community/includes/post.html") for name, engine in engines_.items()}
    cases = [visitor, signed_in]
    # The fragments as the cache would hand them over: each engine's own, rendered once.
    fragments = {(case.name, name): render_posts(post_templates[name], case) for case in cases for name in engines_}

    def shells(case: Case) -> dict:
        return {
            ("shell, posts in the render", name): (
                lambda name=name: render_page(pages[name], case, render_posts(post_templates[name], case))
            )
            for name in engines_
        } | {
            ("shell, posts pre-rendered", name): lambda name=name: render_page(
                pages[name], case, fragments[case.name, name]
            )
            for name in engines_
        }

    shell_renders = {case.name: shells(case) for case in cases}
    # The fillers' templates for the member: Django's as the fillers render them, the ports with the same context
    # (the reply box given the Jinja2 renderer's fields).
    filler_renders = {name: filler_templates(engine, signed_in, form_renderer) for name, engine in engines_.items()}
    reply_fields = dict(signed_in.filler_templates)[REPLY_FIELDS]["form"]
    forms = {"Django": reply_fields, "Jinja2": jinja_form(reply_fields, form_renderer)}

    say(f"Django {django.get_version()}, Jinja2 {jinja2.__version__}, {describe_database(connection)}")
    say(f"Thread {thread.pk} ({thread.post_count} visible posts), page {PAGE}: {len(signed_in.posts)} posts")
    say(f"The member's fillers rendered with templates: {', '.join(rendered)}")
    say()

    # --- The outputs must match ---------------------------------------------------------------------------------
    strict = jinja_backend(jinja2.StrictUndefined)  # a name the port gets wrong fails loudly here
    strict_renderer = jinja_form_renderer(strict)
    accepted: dict[str, int] = {}
    mismatches = 0
    for case in cases:
        posts = render_posts(strict.get_template("community/includes/post.html"), case)
        render_page(strict.get_template("community/thread_detail.html"), case, posts)
        filler_templates(strict, case, strict_renderer)()
        for kind in SHELL_KINDS:
            django_html = shell_renders[case.name][kind, "Django"]()
            jinja_html = shell_renders[case.name][kind, "Jinja2"]()
            mismatches += not same(f"{case.name}, {kind}", django_html, jinja_html, accepted)
            what = f"{case.name}, {kind}: the Django shell against the shell the view rendered"
            mismatches += not same(what, django_html, case.shell, accepted)
            django_page, jinja_page = fill(case, django_html), fill(case, jinja_html)
            mismatches += not same(f"{case.name}, {kind}, filled", django_page, jinja_page, accepted)
            what = f"{case.name}, {kind}, filled: the Django page against the page the view served"
            mismatches += not same(what, django_page, case.served, accepted)
        for (template_name, django_html), (_name, jinja_html) in zip(
            filler_templates(django_engine, case, form_renderer, each=True)(),
            filler_templates(jinja_engine, case, form_renderer, each=True)(),
            strict=True,
        ):
            mismatches += not same(f"{case.name}: {template_name}", django_html, jinja_html, accepted)
    mismatches += not same("member: reply form", str(forms["Django"]), str(forms["Jinja2"]), accepted)
    if mismatches:
        sys.exit(f"{mismatches} output(s) differ: the figures would compare different pages")
    same_shell = normalised(visitor.shell, {}) == normalised(signed_in.shell, {})
    say("Outputs: the same HTML from both engines in every case (whitespace collapsed) — shells, filled pages, the")
    say("fillers' templates and the reply form — and the Django shell and filled page are what the view rendered")
    say("and served. Differences made alike before comparing:")
    for what, count in accepted.items():
        say(f"  {what}: {count}")
    say(f"The visitor's shell is {'the same HTML as' if same_shell else 'NOT the same HTML as'} the member's.")
    django_shell = shell_renders["member"]["shell, posts pre-rendered", "Django"]()
    with CaptureQueriesContext(connection) as queries:
        fill(signed_in, django_shell)
    filling_queries = len(queries)  # now: the test client's next request empties the log
    say()

    # --- Timing ---------------------------------------------------------------------------------------------------
    say(f"Timing: {args.warm_up} warm-up and {args.renders} timed renders per case, Django and Jinja2 alternating…")
    functions = {
        **shell_renders["member"],
        **{("fillers' templates", name): render for name, render in filler_renders.items()},
        **{("reply form alone", name): (lambda form=form: str(form)) for name, form in forms.items()},
        ("filling", "both"): lambda: fill(signed_in, django_shell),
        ("context processors", "both"): run_processors(signed_in, django_engine),
    }
    times = timed(functions, renders=args.renders, warm_up=args.warm_up)
    request_times = time_requests(url, member, renders=min(args.renders, 100))
    say()

    say(f"ms per render, median / p95 (page {PAGE} of the thread, {len(signed_in.posts)} posts; the member's request)")
    header = f"{'case':<36}{'Django':>16}{'Jinja2':>17}{'Django ÷ Jinja2':>18}"
    say(header)
    say("-" * len(header))
    for kind in SHELL_KINDS:
        row(kind, times[kind, "Django"], times[kind, "Jinja2"])
    row("fillers' templates (box, tools)", times["fillers' templates", "Django"], times["fillers' templates", "Jinja2"])
    row("reply form alone", times["reply form alone", "Django"], times["reply form alone", "Jinja2"])
    filling = times["filling", "both"]
    say(
        f"{'filling the holes (the same code)':<36}{statistics.median(filling):>8.2f} /{p95(filling):>6.2f}"
        "   (either engine's shell)"
    )
    say()
    median = {key: statistics.median(values) for key, values in times.items()}
    per_post = {
        name: (median["shell, posts in the render", name] - median["shell, posts pre-rendered", name])
        / len(signed_in.posts)
        for name in engines_
    }
    say(
        f"One post's <article> ≈ {per_post['Django']:.3f} ms with Django, {per_post['Jinja2']:.3f} ms with Jinja2 "
        f"(difference of the medians ÷ {len(signed_in.posts)})."
    )
    say(
        f"The context processors, which a shell render runs with either engine: "
        f"{median['context processors', 'both']:.2f} ms."
    )
    say(
        f"The filling runs {filling_queries} queries and the fillers' templates timed above; the reply form's fields "
        f"are rendered once per process and language, not per request."
    )
    kept, fresh = (statistics.median(request_times[key]) for key in ("kept", "rendered"))
    say(
        f"The member's whole request through the test client (middleware, session, view, SQL, Django templates), "
        f"median over {len(request_times['kept'])}:"
    )
    say(f"  {kept:.2f} ms with the shell kept, {fresh:.2f} ms rendering it (post fragments cached).")
    fill_ms = median["filling", "both"]
    templates = {name: median["fillers' templates", name] for name in engines_}
    cached = {name: median["shell, posts pre-rendered", name] + fill_ms for name in engines_}
    uncached = {name: median["shell, posts in the render", name] + fill_ms for name in engines_}
    say("A member's request, its templates and filling (medians added up):")
    say(
        f"  shell kept: the filling only, {fill_ms:.2f} ms, whichever engine made the shell; its templates take "
        f"{templates['Django']:.2f} ms with Django, {templates['Jinja2']:.2f} ms with Jinja2"
    )
    say(
        f"  shell rendered: {cached['Django']:.2f} ms with Django, {cached['Jinja2']:.2f} ms with Jinja2 (posts "
        f"cached); {uncached['Django']:.2f} and {uncached['Jinja2']:.2f} ms (posts rendered too)"
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
    from community.trust import current_rules

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
    """Ask the real view for the page and keep what it rendered (the shell, its context, the posts), what it handed
    to the fillers, what they rendered with templates, and the filled page it served."""
    from django.test import Client

    from community import holes, post_html, views
    from portal import shared_pages

    case = Case(name)
    originals = (views.render, post_html.render_posts, shared_pages.respond, holes.render_to_string)

    def render(request, template_name, context, *args, **kwargs):
        response = originals[0](request, template_name, context, *args, **kwargs)
        case.request, case.context, case.shell = request, dict(context), response.content.decode()
        return response

    def render_posts(posts, *, reader_id=None):
        case.posts, case.reader_id = list(posts), reader_id
        return originals[1](posts, reader_id=reader_id)

    def respond(shell, **state):
        response = originals[2](shell, **state)
        case.state = response.filling_state
        return response

    def render_to_string(template_name, context=None, *args, **kwargs):
        case.filler_templates.append((template_name, dict(context or {})))
        return originals[3](template_name, context, *args, **kwargs)

    client = Client()
    if member is not None:
        client.force_login(member)
    holes._empty_reply_fields.cache_clear()  # rendered once per process: this request renders it again
    views.render, post_html.render_posts, shared_pages.respond, holes.render_to_string = (
        render,
        render_posts,
        respond,
        render_to_string,
    )
    try:
        response = client.get(url)
    finally:
        views.render, post_html.render_posts, shared_pages.respond, holes.render_to_string = originals
    if response.status_code != 200 or not case.posts or not case.shell:
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

    from portal.shared_pages import hole  # the {% hole %} tag's marker

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
    environment.globals.update(
        url=url, static=static, get_language=translation.get_language, querystring=querystring, hole=hole
    )
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


def jinja_form(form, renderer):
    """The same reply form, rendered by `renderer`."""
    from community.forms import ReplyForm

    return ReplyForm(rules=form.rules, initial=form.initial, renderer=renderer)


def render_posts(template, case: Case):
    """Each post's <article> by `template`, as community/post_html.py renders a post missing from the cache."""
    from django.utils.safestring import mark_safe

    parts = []
    for post in case.posts:
        own = not post.is_visible and case.reader_id is not None and post.author_id == case.reader_id
        parts.append(template.render({"post": post, "own": own}))
    return mark_safe("".join(parts))  # our templates' output


def render_page(template, case: Case, posts_html) -> str:
    # A new dict each time: the Jinja2 backend adds the request and the context processors' values to it.
    return template.render({**case.context, "posts_html": posts_html}, case.request)


def fill(case: Case, html: str) -> str:
    """The shell filled for the case's reader by the site's own fillers, with the state the view gave them."""
    from portal import shared_pages

    return shared_pages.fill_holes(html, shared_pages.Filling(case.request, dict(case.state)))


def filler_templates(backend, case: Case, form_renderer, *, each: bool = False):
    """What the case's fillers rendered with templates, by `backend`, with the contexts they gave Django's.

    The ports get the Jinja2 renderer's reply form, and the reply box gets the ports' fields. Returns a function:
    with `each`, it renders every template and returns [(name, html)]; without, only what a member's request
    renders (the fields are rendered once per process and language, `community.holes._empty_reply_fields`).
    """
    from django.template.backends.django import DjangoTemplates
    from django.utils.safestring import mark_safe

    jinja = not isinstance(backend, DjangoTemplates)
    jobs = []
    for name, context in case.filler_templates:
        if jinja and name == REPLY_FIELDS:
            context = {"form": jinja_form(context["form"], form_renderer)}
        jobs.append((name, backend.get_template(name), context))
    if jinja:
        fields = next((context for name, _template, context in jobs if name == REPLY_FIELDS), None)
        if fields is not None:
            html = mark_safe(backend.get_template(REPLY_FIELDS).render(fields))  # as render_to_string's
            jobs = [
                (name, template, {**context, "form_html": html} if name == REPLY_BOX else context)
                for name, template, context in jobs
            ]
    per_request = [(template, context) for name, template, context in jobs if name != REPLY_FIELDS]

    def render_each():
        return [(name, template.render(context)) for name, template, context in jobs]

    def render():
        for template, context in per_request:
            template.render(context)

    return render_each if each else render


def run_processors(case: Case, django_engine):
    """The context processors as a render runs them."""
    processors = django_engine.engine.template_context_processors

    def run():
        values = {}
        for processor in processors:
            values.update(processor(case.request))
        return values

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


def time_requests(url: str, member, *, renders: int) -> dict[str, list[float]]:
    """The member's whole request, with the shell kept (SHARED_PAGES on: this process's locmem cache holds it) and
    rendered every time (off), in turn; the post fragments are cached in both."""
    from django.test import Client, override_settings

    client = Client()
    client.force_login(member)
    modes = [("kept", override_settings(SHARED_PAGES=True)), ("rendered", override_settings(SHARED_PAGES=False))]
    warm_up = 5
    times: dict[str, list[float]] = {mode: [] for mode, _setting in modes}
    for round_ in range(warm_up + renders):
        for mode, setting in modes if round_ % 2 == 0 else reversed(modes):
            with setting:
                started = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200
            if round_ >= warm_up:
                times[mode].append(elapsed)
    return times


def row(label: str, django_times: list[float], jinja_times: list[float]) -> None:
    django_median, jinja_median = statistics.median(django_times), statistics.median(jinja_times)
    say(
        f"{label:<36}{django_median:>8.2f} /{p95(django_times):>6.2f}{jinja_median:>9.2f} /{p95(jinja_times):>6.2f}"
        f"{django_median / jinja_median:>17.2f}×"
    )


if __name__ == "__main__":
    main()

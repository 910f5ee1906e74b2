"""Site pages, the member's profile and data pages, and the operational endpoints."""

from __future__ import annotations

import json
import logging
import sys

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from portal import account_data, api, generations, shared_pages
from portal import home as home_page
from portal import search as site_search
from portal.actions import delete_account, export_account_data
from portal.forms import DeleteAccountForm, ProfileForm
from portal.kept import kept_shell
from portal.models import RulesVersion

log = logging.getLogger(__name__)


@shared_pages.shared_page(
    lambda **kwargs: [generations.SITE, generations.KNOWLEDGE, generations.DISCUSSIONS, generations.STATISTICS]
)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"sections": home_page.render_sections(request)})


# Hits per kind on the first results page, and per page when one kind is shown (?kind=threads&page=2).
SEARCH_PREVIEW = 5
SEARCH_PAGE_SIZE = 20


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    terms = site_search.Terms.parse(request.GET.get("q", ""))
    sources = site_search.sources()
    chosen = next((source for source in sources if source.key == request.GET.get("kind")), None)
    error = ""
    groups = []
    page = None
    if terms.too_long:
        error = _("That search is too long. Please use at most %(max)d characters.") % {
            "max": site_search.MAX_QUERY_LENGTH
        }
    elif not terms.words:
        # Nothing typed, or only spaces or punctuation: nothing to look for.
        error = _("Type a word to search for, such as a condition or a therapy.") if "q" in request.GET else ""
    else:
        page_number = _page_number(request.GET.get("page"))
        for source in sources:
            if chosen is None:
                results = source.search(terms, user=request.user, offset=0, limit=SEARCH_PREVIEW)
            elif source is chosen:
                results, page_number = _search_page(source, terms, request.user, page_number)
                # The pages' numbers and links, from the total: a range costs nothing to count.
                page = Paginator(range(results.total), SEARCH_PAGE_SIZE).get_page(page_number)
            else:
                results = source.search(terms, user=request.user, offset=0, limit=0)
            groups.append(
                {
                    "source": source,
                    "results": results,
                    "shown": chosen is None or source is chosen,
                    # Past MAX_RANKED matches a kind says so, and which of them it ranked.
                    "capped_note": source.capped_note % {"count": _number(site_search.MAX_RANKED)}
                    if results.capped
                    else "",
                }
            )
    total = sum(group["results"].total for group in groups)
    content = loader.render_to_string(
        "portal/search_content.html",
        {
            # What was typed stays in the box, even when it is refused.
            "query": terms.typed,
            "error": error,
            "groups": groups,
            "chosen": chosen,
            "total": total,
            # When a kind stopped counting, the sum is only where counting stopped: "more than".
            "more_than_total": _number(total) if any(group["results"].capped for group in groups) else "",
            "page": page,
        },
        request,
    )
    title = _("Search: %(query)s") % {"query": terms.typed} if terms.typed and not error else _("Search")
    # The page around the search is the same for every search: kept, with the search's title and content filled in
    # (`{% hole "part" %}`, portal/holes.py).
    return shared_pages.respond(_search_shell(request), parts={"title": title, "content": content})


def _search_shell(request: HttpRequest) -> shared_pages.Shell:
    """The search page's layout with holes for the search's title and content (templates/portal/search.html)."""
    return kept_shell(
        request, "portal:search-page", scopes=[generations.SITE], template="portal/search.html", context={}
    )


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _page_number(value: str | None) -> int:
    if value and value.isascii() and value.isdigit() and len(value) < 7 and int(value) > 0:
        return int(value)
    return 1


def _search_page(source, terms, user, page_number: int):
    """One page of one kind; a page past the end shows the last one instead."""
    results = source.search(terms, user=user, offset=(page_number - 1) * SEARCH_PAGE_SIZE, limit=SEARCH_PAGE_SIZE)
    if not results.hits and results.total:
        page_number = -(-results.total // SEARCH_PAGE_SIZE)
        results = source.search(terms, user=user, offset=(page_number - 1) * SEARCH_PAGE_SIZE, limit=SEARCH_PAGE_SIZE)
    return results, page_number


@shared_pages.shared_page(lambda **kwargs: [generations.SITE])
def rules(request: HttpRequest) -> HttpResponse:
    current = RulesVersion.objects.current()
    return render(request, "portal/rules.html", {"rules": current})


@shared_pages.shared_page(lambda **kwargs: [generations.SITE])
def static_page(request: HttpRequest, *, template: str) -> HttpResponse:
    return render(request, template)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The load balancer's question: may this machine get traffic? 503 only when the database does not answer.

    An unreachable cache (Redis) is reported as "degraded" with a 200: Redis is shared by every web machine, and
    without it visitors can still read the knowledge base, the directory and the search (discussion pages, the API
    and anything signed in fail until it is back), so taking every machine out of the balancer would turn a partial
    outage into a whole one. Monitoring alerts on anything but "ok".
    """
    unreachable = {}
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        log.error("healthz: database unreachable: %s", error)
        unreachable["database"] = "unreachable"
    try:
        cache.get("healthz")
    except Exception as error:  # every cache backend raises its own errors (redis.ConnectionError, …)
        log.error("healthz: cache unreachable: %s", error)
        unreachable["cache"] = "unreachable"
    if "database" in unreachable:
        return JsonResponse({"status": "error", **unreachable}, status=503)
    if unreachable:
        return JsonResponse({"status": "degraded", **unreachable})
    return JsonResponse({"status": "ok"})


# An error that means "a shared service is away for a moment", not "this page is broken": the database server
# restarting or out of connections, a deadlock or serialisation failure, Redis unreachable. See server_error.
SERVICE_AWAY = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a 503 with Retry-After while the database or Redis is away, else Django's plain 500 page.

    Proxies, crawlers and API clients take a 503 as "come back", not as a broken page, and the person reading is told
    it will pass. Rendered without a request context: context processors would ask the database that is away.
    Django calls this while handling the exception, so sys.exc_info() holds it (and logs it either way).
    """
    error = sys.exc_info()[1]
    away = isinstance(error, SERVICE_AWAY)
    status = 503 if away else 500
    if request.path.startswith("/api/"):
        detail = _("The service is briefly unavailable. Please try again shortly.") if away else _("Server error.")
        response: HttpResponse = JsonResponse({"detail": detail}, status=status)
    else:
        template = loader.get_template("503.html" if away else "500.html")
        response = HttpResponse(template.render(), status=status)
    if away:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        if form.changed_data:
            form.instance.save(update_fields=form.changed_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("profile")
    return _profile_page(request, form)


def _profile_page(request: HttpRequest, form: ProfileForm, *, new_token: str = "") -> HttpResponse:
    response = render(
        request,
        "portal/profile.html",
        {"form": form, "new_token": new_token, "token_created": api.api_token_created_on(request.user)},
    )
    if new_token:
        # The key is shown this once: no cache may keep the page.
        add_never_cache_headers(response)
    return response


@login_required
@require_POST
def create_api_token(request: HttpRequest) -> HttpResponse:
    """A new API token, shown once on the profile page itself (never put in a message, cookie or URL)."""
    token = api.create_api_token(user=request.user)
    return _profile_page(request, ProfileForm(instance=request.user), new_token=token.key)


@login_required
@require_POST
def revoke_api_token(request: HttpRequest) -> HttpResponse:
    if api.revoke_api_token(user=request.user):
        messages.success(request, _("Your API token is revoked: programs using it can no longer act for you."))
    return redirect(f"{reverse('profile')}#api-token")


def _delete_form(request: HttpRequest, data=None) -> DeleteAccountForm:
    offers_keep = any(section.offers_keep_contributions for section in account_data.sections())
    return DeleteAccountForm(data, user=request.user, offers_keep_contributions=offers_keep)


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/data.html",
        {"sections": account_data.sections(), "delete_form": _delete_form(request)},
    )


@never_cache
@login_required
@require_GET
def export_data(request: HttpRequest) -> HttpResponse:
    payload = export_account_data(user=request.user)
    filename = f"remedy-commons-data-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def delete_my_account(request: HttpRequest) -> HttpResponse:
    form = _delete_form(request, request.POST)
    if not form.is_valid():
        return render(
            request,
            "portal/data.html",
            {"sections": account_data.sections(), "delete_form": form},
            status=400,
        )
    delete_account(user=request.user, keep_contributions=form.cleaned_data.get("keep_contributions", False))
    logout(request)
    messages.success(request, _("Your account and your data have been deleted. Take care."))
    return redirect("home")

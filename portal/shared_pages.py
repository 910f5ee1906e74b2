"""Pages rendered once per content generation and kept, with each reader's own parts filled in per request.

Most of a page is the same for every reader: a therapy's text, a thread's posts, a forum's thread list. Only a few
parts belong to one reader — the account links in the header, a one-time message, a form's CSRF token, a member's
vote, their unread marks. A template marks each such part as a *hole* (`{% hole "votes" "therapy" therapy.slug %}`
from `portal/templatetags/site.py`), and prints nothing of the reader there.

- **The shell.** The page rendered with its holes is the same for everyone who reads it, so it is kept in the cache
  with the generations of what it shows (`portal/generations.py`) and re-used while they are current.
- **Filling.** A *filler*, registered by the app that owns the hole, turns every hole of one name on the page into
  this reader's HTML in one go (one query for twenty posts' helpful marks, not twenty). A name without a filler
  leaves nothing behind.
- **Visitors** get the shell filled for a visitor, which is again the same for all of them: the whole page is kept
  and `VisitorPageMiddleware` answers it before sessions, authentication and templates run — with an ETag, a 304
  for a browser that has it, and a `Cache-Control` that lets a shared cache in front hold it for a few seconds.
- **Members** get the shell filled for them on every request by `HoleFillingMiddleware`; their page is never kept
  as a whole, and is marked private and not to be stored. Staff, who see drafts beside published content, have
  shells of their own, shared among staff.
- **The API** keeps visitors' answers the same way (`portal.api.KeptForVisitors`): no holes, the whole JSON answer
  per address, language and `Accept`, answered by `VisitorPageMiddleware` to requests without credentials.

A view opts in with `@shared_page(scopes)`, where `scopes(**view_kwargs)` names the generations its page shows.
A view whose reader changes more than holes can express (a moderator sees every post's status) calls `kept()` and
`respond()` itself, or answers with `render_for_one()` for that reader. Keeping needs a cache shared by every web
process (Redis), so it is on when `SHARED_PAGES` is (by default: when REDIS_URL is set); off, pages are rendered and
filled on every request, with the same result. Every page of the site's layout has holes, kept or not: the
middleware fills them all.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe

from portal import generations

KEEP_SECONDS = generations.KEEP_SECONDS
HOLE_START = "<!--hole:"
HOLE_END = "-->"
HOLE_START_BYTES = HOLE_START.encode()
HOLE_END_BYTES = HOLE_END.encode()
# Members' text can never produce the marker: every template escapes "<", and the Markdown renderer (nh3) drops
# comments from posts and editors' text.

Filler = Callable[["Filling", list[list[str]]], list[str]]
_fillers: dict[str, Filler] = {}
# Cookies besides the session's whose holder has parts of their own on a page (`readers_cookie`).
_readers_cookies: set[str] = set()


def enabled() -> bool:
    return getattr(settings, "SHARED_PAGES", False)


# --- Holes and their fillers -----------------------------------------------------------------------------------------


def hole(name: str, *args: Any) -> str:
    """The marker of a hole, as `{% hole %}` prints it. Arguments are short plain values (ids, slugs, numbers)."""
    words = [str(arg) for arg in args]
    if any(" " in word or HOLE_END in word for word in words) or " " in name:
        raise ValueError(f"A hole's name and arguments are single words: {name!r} {words!r}")
    return mark_safe(HOLE_START + " ".join([name, *words]) + HOLE_END)


def filler(name: str) -> Callable[[Filler], Filler]:
    """Register the function that fills every `name` hole of a page: `fill(filling, [args of each hole])` returns
    the HTML of each, in order."""

    def register(function: Filler) -> Filler:
        _fillers[name] = function
        return function

    return register


def readers_cookie(name: str) -> None:
    """Register a cookie that an app's fillers read (the directory's remembered place): a request carrying it is
    treated like one with a session cookie, so it is never answered a page kept for every visitor, and its filled
    page is marked private."""
    _readers_cookies.add(name)


def _has_readers_cookie(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in _readers_cookies)


@dataclass
class Filling:
    """One request's filling of a page: the reader, what the view already knows of them (`state`), and answers
    that several fillers share (`once`)."""

    request: HttpRequest
    state: dict[str, Any] = field(default_factory=dict)
    _answers: dict[str, Any] = field(default_factory=dict)

    @property
    def user(self):
        return self.request.user

    def once(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self._answers:
            self._answers[key] = compute()
        return self._answers[key]


def fill_holes(html: str, filling: Filling) -> str:
    """The page with every hole replaced by its filler's HTML for this reader."""
    if HOLE_START not in html:
        return html
    return fill_page(html.encode(), filling).decode()


def fill_page(content: bytes, filling: Filling) -> bytes:
    """`fill_holes` on a response's bytes: a page of a megabyte is split and joined, never decoded."""
    if HOLE_START_BYTES not in content:
        return content
    pieces = content.split(HOLE_START_BYTES)
    holes: list[tuple[str, list[str]]] = []
    tails: list[bytes] = []
    for piece in pieces[1:]:
        spec, tail = piece.split(HOLE_END_BYTES, 1)
        name, *args = spec.decode().split(" ")
        holes.append((name, args))
        tails.append(tail)
    by_name: dict[str, list[int]] = {}
    for index, (name, _args) in enumerate(holes):
        by_name.setdefault(name, []).append(index)
    filled = [b""] * len(holes)
    for name, indexes in by_name.items():
        function = _fillers.get(name)
        if function is None:
            continue
        for index, html_piece in zip(indexes, function(filling, [holes[i][1] for i in indexes]), strict=True):
            filled[index] = html_piece.encode()
    out = [pieces[0]]
    for html_piece, tail in zip(filled, tails, strict=True):
        out.append(html_piece)
        out.append(tail)
    return b"".join(out)


# --- Shells: kept per generation --------------------------------------------------------------------------------------


@dataclass
class Shell:
    """A page with its holes, the headers its view set, and what the view wants to know when the shell is re-used
    (`meta`, e.g. the numbers of a thread page's posts)."""

    html: bytes
    headers: dict[str, str]
    meta: dict[str, Any]
    kept: bool = False  # came from the cache


def kept(
    request: HttpRequest,
    *,
    scopes: Iterable[str],
    render: Callable[[], HttpResponse],
    kind: str = "",
) -> Shell | HttpResponse:
    """The page's shell: from the cache while the scopes' generations are current, else `render()`ed and kept.

    `kind` tells apart shells of one address that differ by the kind of reader (a members-only thread shows
    visitors a teaser). A response other than a plain 200 page is returned as it is and never kept. What the
    view sets as `response.shell_meta` (a small dict) is kept with the shell, for the requests that re-use it.
    """
    scopes = list(scopes)
    if request.user.is_staff:
        # Staff see drafts beside published content (an editor's preview): their shells are kept apart, shared by
        # staff only. A draft page itself is answered with render_for_one by its view.
        kind = f"{kind}|staff"
    if not enabled():
        return _shell_of(render())
    key = _shell_key(request, kind)
    try:
        found = cache.get_many([key, *generations.keys(scopes)])
        current = generations.current(scopes, found=found)
    except generations.CACHE_ERRORS:
        return _shell_of(render())  # Redis is away: the page is rendered for this request, and not kept
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        _generations, html, headers, stored_meta = stored
        return Shell(html=html, headers=headers, meta=stored_meta, kept=True)
    shell = _shell_of(render())
    if isinstance(shell, Shell):
        _keep(key, (current, shell.html, shell.headers, shell.meta))
    return shell


def _keep(key: str, value) -> None:
    # Redis gone in the meantime: nothing is kept, and the next request renders again.
    with contextlib.suppress(*generations.CACHE_ERRORS):
        cache.set(key, value, KEEP_SECONDS)


def _shell_of(response: HttpResponse) -> Shell | HttpResponse:
    if response.status_code != 200 or getattr(response, "streaming", False) or response.cookies:
        return response
    if getattr(response, "for_one_reader", False):
        return response
    headers = {name: value for name, value in response.items() if name.lower() not in ("content-length",)}
    return Shell(html=response.content, headers=headers, meta=getattr(response, "shell_meta", {}))


def _shell_key(request: HttpRequest, kind: str) -> str:
    signature = f"{request.get_full_path()}|{translation.get_language()}|{kind}"
    return "page:shell:" + hashlib.blake2b(signature.encode(), digest_size=16).hexdigest()


def respond(shell: Shell | HttpResponse, **state: Any) -> HttpResponse:
    """The response for a shell, whose holes HoleFillingMiddleware fills for the reader; `state` is what the view
    knows of the reader that the fillers need (e.g. how far they have read). A response that is not a shell (a
    redirect, a 404, a page for one reader) is returned as it is."""
    if isinstance(shell, HttpResponse):
        shell.filling_state = {"meta": getattr(shell, "shell_meta", {}), **state}
        return shell
    response = HttpResponse(shell.html)
    for name, value in shell.headers.items():
        response[name] = value
    response.filling_state = {"meta": shell.meta, **state}
    return response


def render_for_one(response: HttpResponse) -> HttpResponse:
    """Mark a rendered page as this reader's alone (a moderator's view of a thread): never kept, never shared."""
    response.for_one_reader = True
    mark_private(response)
    return response


def mark_private(response: HttpResponse) -> None:
    add_never_cache_headers(response)


def shared_page(scopes: Callable[..., Iterable[str]], *, keep_when: Callable[[HttpRequest], bool] | None = None):
    """A page view whose page is kept as a shell and filled per reader, and kept whole for visitors.

    `scopes(**view_kwargs)`: the generations the page shows. `keep_when(request)`: False for requests whose answer
    is not worth keeping (a free-text search), which are rendered and filled every time.
    """

    def decorate(view):
        @wraps(view)
        def page(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in ("GET", "HEAD") or (keep_when is not None and not keep_when(request)):
                return view(request, *args, **kwargs)
            return respond(kept(request, scopes=scopes(**kwargs), render=lambda: view(request, *args, **kwargs)))

        visitor_page(scopes, keep_when=keep_when)(page)
        return page

    return decorate


def visitor_page(
    scopes: Callable[..., Iterable[str]],
    *,
    keep_when: Callable[[HttpRequest], bool] | None = None,
    varies_on: Iterable[str] = (),
    for_members_too: bool = False,
):
    """Mark a view whose visitors' pages VisitorPageMiddleware may keep whole (under `scopes(**view_kwargs)`).

    `varies_on`: request headers whose values change the answer beyond its address and language (an API answer's
    `Accept`); each value is part of the key, and the header is named in `Vary` for caches in front.
    `for_members_too`: the answer has nothing of its reader (an API list of therapies), so a request with a session
    cookie is answered from the kept answer as well; it is still kept only from a visitor's request.
    """

    def decorate(view):
        view.visitor_page_scopes = scopes
        view.visitor_page_keep_when = keep_when
        view.visitor_page_varies_on = tuple(varies_on)
        view.visitor_page_for_members_too = for_members_too
        return view

    return decorate


# --- Filling every page -----------------------------------------------------------------------------------------------


class HoleFillingMiddleware:
    """Fills the holes of every HTML page for the request's reader, whether its shell was kept or just rendered
    (allauth's pages and the profile use the same layout). It sits inside the session, authentication and messages
    middleware, and inside CsrfViewMiddleware, which then sets the token cookie a filled form needs. A member's page
    is marked private: no cache may keep it."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or HOLE_START_BYTES not in response.content
        ):
            return response
        filling = Filling(request, getattr(response, "filling_state", None) or {})
        response.content = fill_page(response.content, filling)
        if (
            request.user.is_authenticated
            or _has_readers_cookie(request)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form token: never for a shared cache
        ):
            mark_private(response)
        return response


# --- Visitors: whole pages --------------------------------------------------------------------------------------------


class VisitorPageMiddleware:
    """Answers a visitor's request for a kept page before the rest of the stack runs.

    It sits just below SecurityMiddleware and WhiteNoise, so a hit costs one cache round trip (the page and its
    generations in one MGET) and none of the session, authentication or template work. The kept response carries
    the headers the inner middleware set (CSP, Vary, X-Frame-Options). Anyone with a session cookie or another
    reader's cookie (`readers_cookie`), an `Authorization` header (an API token), or a one-time message waiting, goes
    through the whole stack: their page has parts of their own — except on an address whose answer has nothing of
    its reader (`for_members_too`), where a member's or reader's cookie is answered from the kept answer too.

    The API's answers are kept the same way (`portal.api.KeptForVisitors`). An answer computed for one reader (a
    member's, or one the view does not keep) may ask for revalidation (`response.revalidate_for_one`): it then
    carries an ETag and is marked private, and a repeat with that ETag gets a 304 — the work is done again, the body
    is not sent again.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        visit = self._visit(request) if enabled() else None
        if visit is None:
            return _revalidated_for_one(request, self.get_response(request))
        page_key, scopes, varies_on = visit
        try:
            found = cache.get_many([page_key, *generations.keys(scopes)])
            current = generations.current(scopes, found=found)
        except generations.CACHE_ERRORS:
            return self.get_response(request)  # Redis is away: rendered, as without keeping
        stored = found.get(page_key)
        if stored is not None and stored[0] == current:
            _generations, content, headers, etag = stored
            response = (
                _not_modified(etag, headers) if _matches(request, etag) else HttpResponse(content, headers=headers)
            )
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if not self._storable(request, response):
            return _revalidated_for_one(request, response)
        etag = _etag(response.content)
        response["ETag"] = etag
        _public(response, varies_on)
        _keep(page_key, (current, response.content, dict(response.items()), etag))
        response["X-Page-Cache"] = "miss"
        if _matches(request, etag):
            return _not_modified(etag, dict(response.items()))
        return response

    @staticmethod
    def _visit(request: HttpRequest) -> tuple[str, list[str], tuple[str, ...]] | None:
        """The key of the visitor's kept page, the generations it is kept under, and the headers it varies on."""
        if request.method not in ("GET", "HEAD"):
            return None
        if CookieStorage.cookie_name in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
            return None
        found = _kept_view(get_urlconf(), request.path_info)
        if found is None:
            return None
        view, view_kwargs = found
        if _has_readers_cookie(request) and not view.visitor_page_for_members_too:
            return None
        keep_when = view.visitor_page_keep_when
        if keep_when is not None and not keep_when(request):
            return None
        scopes, varies_on = view.visitor_page_scopes, view.visitor_page_varies_on
        # Scheme and host too: an API page's next and previous links are absolute. The host as sent: a key with a
        # host Django refuses is never stored (CommonMiddleware answers 400 first).
        meta = request.META
        signature = "\n".join(
            [
                request.scheme,
                meta.get("HTTP_HOST", ""),
                meta.get("HTTP_X_FORWARDED_HOST", ""),
                request.get_full_path(),
                translation.get_language_from_request(request),
                *(meta.get(_meta_name(name), "") for name in varies_on),
            ]
        )
        page_key = "page:visitor:" + hashlib.blake2b(signature.encode(), digest_size=16).hexdigest()
        return page_key, list(scopes(**view_kwargs)), varies_on

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not getattr(response, "for_one_reader", False)
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page carries a form token
            and not request.user.is_authenticated
        )


@lru_cache(maxsize=4096)
def _kept_view(urlconf: str | None, path: str) -> tuple[Callable, dict[str, Any]] | None:
    """The view of `path`, with its arguments, when visitors' pages there may be kept. Remembered per process: an
    API address is resolved past every page's pattern, a fifth of what a kept answer costs."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    if getattr(match.func, "visitor_page_scopes", None) is None:
        return None
    return match.func, match.kwargs


def _revalidated_for_one(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A reader's own answer, when its view asks for it: an ETag, private, and a 304 when the reader has it."""
    if (
        not getattr(response, "revalidate_for_one", False)
        or request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or getattr(response, "streaming", False)
    ):
        return response
    etag = _etag(response.content)
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return _not_modified(etag, dict(response.items())) if _matches(request, etag) else response


def _etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


def _not_modified(etag: str, headers: dict[str, str]) -> HttpResponse:
    """A 304 with the caching headers the 200 carries (`headers`), as HTTP asks."""
    response = HttpResponseNotModified()
    response["ETag"] = etag
    for name, value in headers.items():
        if name.lower() in ("cache-control", "vary"):
            response[name] = value
    return response


def _public(response: HttpResponse, varies_on: Iterable[str] = ()) -> None:
    """Browsers revalidate every time (a 304 is cheap); a shared cache in front may hold the page briefly."""
    seconds = getattr(settings, "SHARED_CACHE_SECONDS", 0)
    response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}" if seconds else "public, max-age=0"
    patch_vary_headers(response, ["Cookie", *varies_on])


def _meta_name(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def _matches(request: HttpRequest, etag: str) -> bool:
    wanted = request.META.get("HTTP_IF_NONE_MATCH", "")
    return bool(wanted) and (wanted.strip() == "*" or etag in [tag.strip() for tag in wanted.split(",")])

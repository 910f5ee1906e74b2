"""Every change of state checks permission on the server: each persona gets what tests/security/endpoints.py says.

For each state-changing URL and each persona the test sends the change as a browser (or, for the API, an app with
the member's token) would, and looks at the answer and the database: who may, succeeds and the change is stored;
everyone else is refused (403, 404, 401 from the API, or sent to log in) and nothing moves.
"""

from __future__ import annotations

import inspect

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.clients import token_client
from tests.security.conftest import PERSONAS
from tests.security.endpoints import BY_NAME, ENDPOINTS, Endpoint, succeeded

pytestmark = pytest.mark.django_db

SAFE_METHODS = {"get", "head", "options", "trace"}

# State-changing URLs that are not rows of the table, each with the reason.
NOT_IN_THE_TABLE = {
    "admin:": "Django's admin: staff only, behind two-factor (portal.middleware.StaffTwoFactorMiddleware), and each "
    "view checks the model permission of the editor's or moderator's group; the table holds the moderation queue's "
    "actions, and tests/community/test_moderation_admin.py and tests/therapies/test_directory_admin.py cover the "
    "others",
    "account_set_password": "only for an account without a password, which sign-up never makes; allauth sends "
    "everyone else to the change-password page",
    "account_reset_password": "e-mails a key and changes nothing until the key is used (answered alike for any "
    "address); tests/portal/test_account_security.py, rate limited per IP and per address",
    "account_reset_password_from_key": "the e-mailed key is the authority; tests/portal/test_account_security.py",
    "account_confirm_email": "the e-mailed key is the authority; tests/portal/test_signup.py",
    "account_email_verification_sent": "says that a verification e-mail was sent; it would take a code only if "
    "verification by code were on, which it is not here",
    "account_confirm_login_code": "log-in by e-mailed code is off on this site: the page is not found",
    "account_reauthenticate": "a signed-in member types their password again; it changes only when the session last "
    "proved it",
    "mfa_authenticate": "the second step of log-in, for the account that has just given its password; "
    "tests/portal/test_staff_two_factor.py",
    "mfa_reauthenticate": "a signed-in member proves their second factor again; nothing else changes",
    "mfa_activate_totp": "the signed-in member's own two-factor setup, which needs a code from their new "
    "authenticator; tests/portal/test_staff_two_factor.py",
    "mfa_deactivate_totp": "the signed-in member's own two-factor settings, behind a fresh check of the account",
    "mfa_generate_recovery_codes": "the signed-in member's own recovery codes, behind a fresh check of the account",
}
# Function views that declare no methods but only read, whatever is sent; the walk still fails one of them that
# starts reading what is posted.
READ_ONLY_PAGES = {
    "home", "rules", "privacy", "terms", "disclaimer", "support", "sitemap",
    "therapies:condition_list", "therapies:condition_detail", "therapies:therapy_list", "therapies:therapy_detail",
    "therapies:therapy_condition_detail", "therapies:practitioner_list", "therapies:practitioner_detail",
    "community:survey", "community:survey_results", "community:survey_mine", "community:forum_list",
    "community:forum_detail", "community:thread_detail", "community:member_detail", "community:notifications",
    "api:",  # anything else under /api/v1/: a JSON 404
}  # fmt: skip


def url_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """(name with its namespace, route, view) of every URL pattern the site has."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", prefix + str(entry.pattern), entry.callback


def accepted_methods(view) -> set[str] | None:
    """The HTTP methods a view handles, in lower case; None for a function view that does not declare them."""
    if getattr(view, "actions", None):  # a DRF viewset's route
        return set(view.actions)
    view_class = getattr(view, "cls", None) or getattr(view, "view_class", None)
    if view_class is not None:
        return {method for method in view_class.http_method_names if hasattr(view_class, method)} - {"options"}
    while view is not None:
        # require_http_methods (require_GET, require_POST, require_safe) keeps its list in the wrapper's closure.
        closure = dict(zip(view.__code__.co_freevars, view.__closure__ or (), strict=True))
        if "request_method_list" in closure:
            return {method.lower() for method in closure["request_method_list"].cell_contents}
        view = getattr(view, "__wrapped__", None)
    return None


def reads_what_is_posted(view) -> bool:
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    source = inspect.getsource(view)
    return any(needle in source for needle in ("request.POST", "request.method", "request.data", "request.body"))


def state_changing_patterns():
    for name, route, view in url_patterns():
        methods = accepted_methods(view)
        if methods is not None and methods <= SAFE_METHODS:
            continue
        if methods is None and name in READ_ONLY_PAGES and not reads_what_is_posted(view):
            continue
        yield name, route, view


def test_every_state_changing_url_is_in_the_table_or_excepted_with_a_reason():
    unlisted = [
        f"{route} ({name})"
        for name, route, _view in state_changing_patterns()
        if name not in BY_NAME and name not in NOT_IN_THE_TABLE and not name.startswith("admin:")
    ]

    assert unlisted == [], "add these to tests/security/endpoints.py (who may use them) or explain why not"


def test_the_table_names_only_urls_that_exist_and_take_changes():
    changing = {name for name, _route, _view in state_changing_patterns()}

    assert set(BY_NAME) <= changing, set(BY_NAME) - changing
    assert {name for name in NOT_IN_THE_TABLE if name != "admin:"} <= changing


def test_the_walk_sees_declared_methods_and_viewsets():
    views = {name: view for name, _route, view in url_patterns()}

    assert accepted_methods(views["healthz"]) == {"get"}  # require_GET
    assert accepted_methods(views["community:reply"]) == {"post"}  # login_required over require_POST
    assert accepted_methods(views["api:post-report"]) == {"post"}
    # DRF adds "head" to a viewset's route once it has answered a GET.
    assert accepted_methods(views["api:thread-list"]) - {"head"} == {"get", "post"}
    assert accepted_methods(views["community:new_thread"]) is None
    assert reads_what_is_posted(views["community:new_thread"])
    assert not reads_what_is_posted(views["community:thread_detail"])


def _client(endpoint: Endpoint, user) -> Client:
    if user is None:
        return Client()
    if endpoint.api:
        return token_client(user)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_each_persona_gets_the_answer_the_table_gives(world, endpoint):
    wrong = []
    for persona in PERSONAS:
        user = world.users[persona]
        # Each persona acts on the same world: what one changed is rolled back before the next.
        with transaction.atomic():
            cache.clear()
            if endpoint.prepare is not None:
                endpoint.prepare(world, user)
            client = _client(endpoint, user)
            before = endpoint.state(world, user)
            response = endpoint.send(client, world, user)
            after = endpoint.state(world, user)
            transaction.set_rollback(True)
        changed = after != before
        if persona in endpoint.may:
            right = succeeded(response) and changed
        else:
            right = endpoint.refused(response) and not changed
        if not right:
            where = response.get("Location", "")
            wrong.append(f"{persona}: {response.status_code} {where} ({'changed' if changed else 'nothing changed'})")

    assert not wrong, f"{endpoint.name} is for {sorted(endpoint.may)}; but " + "; ".join(wrong)

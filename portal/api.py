"""What every endpoint of the REST API (/api/v1/) shares: who may write, pages, JSON errors, visitors' kept answers,
and members' tokens.

The endpoints live with their apps (`therapies/api/`, `community/api/`); `portal/urls.py` mounts them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import ClassVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, inline_serializer
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from portal import shared_pages

MAX_PAGE_SIZE = 100


class ReadOnlyOrMember(permissions.BasePermission):
    """Anyone may read; writing needs a signed-in member. What a member may write is for the apps' rules to say."""

    message = gettext_lazy("Please sign in, or send a member's API token, to do this.")

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or bool(request.user and request.user.is_authenticated)


class KeptForVisitors:
    """A read endpoint whose answers to visitors are kept whole, as the site's pages are (portal/shared_pages.py).

    `visitor_answers` names, per action, the content generations its answer shows (`portal/generations.py`):
    `{"list": scopes, "retrieve": scopes}`, each called with the address's arguments. VisitorPageMiddleware then
    answers a request without credentials (no session cookie, no `Authorization` header) from the cache before DRF's
    authentication, throttling and serialisers run, with an ETag and a 304 for a client that has it; a 200 answer is
    kept by its address (scheme, host, path and query), language and `Accept` (which can change the JSON's
    indentation). Errors, members' and tokens' answers, and what `keep_answer(request)` refuses are computed every
    time; those carry an ETag too, marked private, so a repeat gets a 304.

    Throttling: a kept answer costs one cache read, like a visitor's page (which has no rate limit), so it does not
    count against the visitors' limit; everything that does work — a new address, a changed answer, a search — is
    computed by DRF and counted. A client polling one answer is not refused; a client walking through many is.
    """

    visitor_answers: ClassVar[dict[str, Callable[..., Iterable[str]]]] = {}
    # Actions whose answer is the same for every reader (no vote of their own, no unread count, nothing only staff
    # see): a member signed in on the site (a session cookie) is answered from the kept answer too. A token client
    # still goes through DRF's authentication, which refuses a bad token.
    same_for_every_reader: ClassVar[frozenset[str]] = frozenset()

    @staticmethod
    def keep_answer(request) -> bool:
        """False for a visitor's request whose answer is their own query, not worth keeping (a search near a place)."""
        return True

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        action = (actions or {}).get("get")
        scopes = cls.visitor_answers.get(action)
        if scopes is not None:
            # Authorization in Vary: a shared cache may otherwise serve a public answer to a request with a token.
            shared_pages.visitor_page(
                scopes,
                keep_when=cls.keep_answer,
                varies_on=["Accept", "Authorization"],
                for_members_too=action in cls.same_for_every_reader,
            )(view)
        return view

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.revalidate_for_one = True
        return response


class PagePagination(PageNumberPagination):
    """?page=N (from 1) and ?page_size=N (up to 100); answers carry count, next and previous links, and results."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = gettext_lazy("That page does not exist.")


class Refused(exceptions.APIException):
    """A refusal by the apps' rules, with their message (and until when, for a suspension or a rate limit)."""

    status_code = status.HTTP_403_FORBIDDEN
    default_detail = gettext_lazy("You cannot do this.")
    default_code = "refused"

    def __init__(self, message: str, *, status_code: int = status.HTTP_403_FORBIDDEN, until=None):
        super().__init__(message)
        self.status_code = status_code
        self.until = until


def exception_handler(exc, context):
    """Every error as JSON: `detail` in words for a person, and `errors` with messages per field when input was wrong.

    Non-field messages sit under "non_field_errors".
    """
    # Imported here: rest_framework.views reads the API settings, which name this module, when it is first imported.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {"detail": _("Please correct the errors below."), "errors": _flatten(errors)}
    elif isinstance(exc, Refused) and exc.until is not None:
        response.data = {"detail": str(exc.detail), "until": exc.until.isoformat()}
        if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS:
            response["Retry-After"] = str(max(1, math.ceil((exc.until - timezone.now()).total_seconds())))
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"])}
    return response


def _flatten(errors) -> dict[str, list[str]]:
    """{"field": ["message", …]}; nested serializers' fields as "outer.inner"."""
    flat: dict[str, list[str]] = {}
    for name, value in errors.items():
        if isinstance(value, dict):
            for inner, messages in _flatten(value).items():
                flat[f"{name}.{inner}"] = messages
        else:
            flat[name] = [str(message) for message in (value if isinstance(value, list) else [value])]
    return flat


def form_errors(form) -> dict[str, list[str]]:
    """A Django form's messages in the API's shape: "__all__" (the form as a whole) becomes "non_field_errors"."""
    return {
        ("non_field_errors" if name == "__all__" else name): [str(message) for message in messages]
        for name, messages in form.errors.items()
    }


def invalid(errors: dict[str, list[str]]) -> Response:
    return Response(
        {"detail": _("Please correct the errors below."), "errors": errors}, status=status.HTTP_400_BAD_REQUEST
    )


def query_param(request, name: str) -> str:
    """A query parameter read by hand (the filters that need no form), refused when no database could take it."""
    value = request.query_params.get(name, "")
    if "\x00" in value:
        raise exceptions.ValidationError({name: [_("Null characters are not allowed.")]})
    return value


# Addresses name objects by slug or by number; anything else (or a number no database column holds) is not found.
SLUG_PATTERN = r"[-a-zA-Z0-9_]+"
ID_PATTERN = r"[0-9]{1,18}"


def not_found_json(request, exception=None):
    """Unknown addresses under /api/ answer in JSON too."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


# --- Shapes the schema documents for every endpoint -------------------------------------------------------------------

ErrorSerializer = inline_serializer(
    "Error",
    {
        "detail": serializers.CharField(help_text="What went wrong, in words for a person."),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text='Messages per field; "non_field_errors" for the request as a whole.',
        ),
        "until": serializers.DateTimeField(
            required=False, help_text="For a suspension or a rate limit: when the member may post again."
        ),
    },
)

# The error answers an endpoint documents: every endpoint's, and a write's (a repeated submission, a rate limit).
ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {**ERRORS, 409: ErrorSerializer, 429: ErrorSerializer}

VALIDATION_ERROR_EXAMPLE = OpenApiExample(
    "Field messages",
    value={"detail": "Please correct the errors below.", "errors": {"body": ["This field is required."]}},
    response_only=True,
    status_codes=["400"],
)
NOT_FOUND_EXAMPLE = OpenApiExample(
    "Not found", value={"detail": "Not found."}, response_only=True, status_codes=["404"]
)
UNAUTHENTICATED_EXAMPLE = OpenApiExample(
    "Not signed in",
    value={"detail": "Authentication credentials were not provided."},
    response_only=True,
    status_codes=["401"],
)


# --- Members' API tokens (created and revoked on the profile page) ----------------------------------------------------


@transaction.atomic
def create_api_token(*, user) -> Token:
    """A new token for `user`, replacing any earlier one (which stops working at once). Its key is shown once."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def revoke_api_token(*, user) -> bool:
    """Delete the member's token; True when there was one."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    return bool(deleted)


def api_token_created_on(user):
    """When the member's token was made, or None: the profile page shows this, never the key again."""
    return Token.objects.filter(user=user).values_list("created", flat=True).first()

"""The member's row read by MemberBackend's kept statement (portal/backends.py): the same member the ORM reads,
sessions begun under the earlier backends still signed in, and the session checks Django makes still made."""

from __future__ import annotations

from datetime import datetime
from unittest import mock

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, authenticate
from django.test import RequestFactory
from django.utils import timezone

from portal.backends import EARLIER_BACKENDS, MEMBER_BACKEND, MemberBackend
from portal.models import User
from tests.factories.members import PASSWORD


def fields_of(user: User) -> dict:
    return {field.attname: getattr(user, field.attname) for field in User._meta.concrete_fields}


def test_the_kept_statement_reads_the_member_the_orm_reads(make_member):
    member = make_member(display_name="Night Walker", bio="Cold water helps.", is_staff=True)
    User.objects.filter(pk=member.pk).update(last_login=timezone.now())

    read = MemberBackend().get_user(member.pk)

    assert fields_of(read) == fields_of(User.objects.get(pk=member.pk))
    # Dates as the ORM gives them (aware, also where the database hands over text) and booleans as booleans.
    assert isinstance(read.date_joined, datetime) and timezone.is_aware(read.date_joined)
    assert timezone.is_aware(read.last_login)
    assert read.is_staff is True and read.is_superuser is False
    assert read.display_name == "Night Walker"
    assert not read._state.adding


def test_an_inactive_or_unknown_member_is_nobody(make_member):
    member = make_member(is_active=False)
    assert MemberBackend().get_user(member.pk) is None
    assert MemberBackend().get_user(member.pk + 1000) is None


def test_the_member_is_read_in_one_statement(member_client, member):
    from django.contrib.auth.middleware import get_user
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = RequestFactory().get("/")
    request.session = member_client.session
    with CaptureQueriesContext(connection) as statements:
        assert get_user(request) == member
    # The session itself is a statement too where sessions live in the database (SQLite runs).
    assert [query["sql"] for query in statements if "portal_user" in query["sql"]] == [
        f"SELECT {', '.join(connection.ops.quote_name(f.column) for f in User._meta.concrete_fields)} "
        f'FROM "portal_user" WHERE "id" = {member.pk}'
    ]


@pytest.mark.parametrize("earlier", sorted(EARLIER_BACKENDS))
def test_a_session_begun_under_an_earlier_backend_stays_signed_in(client, member, earlier):
    client.force_login(member, backend=earlier)
    assert client.session[BACKEND_SESSION_KEY] == earlier

    response = client.get("/accounts/email/")

    assert response.status_code == 200, "signed out: the page would redirect to the log-in page"
    assert response.context["user"] == member
    assert client.session[BACKEND_SESSION_KEY] == MEMBER_BACKEND


def test_an_async_view_asking_for_the_member_also_keeps_an_earlier_session(member, rf):
    from asgiref.sync import async_to_sync
    from django.contrib.sessions.backends.db import SessionStore

    from portal.middleware import AuthenticationMiddleware

    session = SessionStore()
    session.update({"_auth_user_id": str(member.pk), BACKEND_SESSION_KEY: sorted(EARLIER_BACKENDS)[0]})
    session["_auth_user_hash"] = member.get_session_auth_hash()
    request = rf.get("/")
    request.session = session
    AuthenticationMiddleware(lambda request: None).process_request(request)

    assert async_to_sync(request.auser)() == member
    assert session[BACKEND_SESSION_KEY] == MEMBER_BACKEND


def test_a_backend_never_listed_still_signs_out(client, member):
    client.force_login(member, backend="somewhere.else.Backend")

    response = client.get("/accounts/email/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_password_changed_elsewhere_still_ends_the_session(member_client, member):
    member.set_password("another-long-password-7")
    member.save()

    response = member_client.get("/accounts/email/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_logging_in_names_the_member_backend(client, member):
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == MEMBER_BACKEND


def test_a_wrong_password_is_checked_once(member, rf):
    """One backend: a failed log-in costs one password hash (two when ModelBackend and allauth's were both listed)."""
    with mock.patch.object(User, "check_password", autospec=True, return_value=False) as checked:
        assert authenticate(rf.post("/accounts/login/"), email=member.email, password="wrong-guess-123") is None
    assert checked.call_count == 1


def test_the_address_given_as_username_still_signs_in(member, rf):
    """Django's own forms (the admin's, which allauth sends to its log-in page here) pass the address as
    `username`, as ModelBackend read it; allauth's backend reads it as the address."""
    signed_in = authenticate(rf.post("/accounts/login/"), username=member.email, password=PASSWORD)

    assert signed_in == member
    assert signed_in.backend == MEMBER_BACKEND

"""How a member signs in, and how their row is read on every request they make.

`MemberBackend` is allauth's authentication backend (an e-mail address and a password; Django's permissions through
ModelBackend), with one change: `get_user`, which Django's AuthenticationMiddleware calls on every request a member
makes, reads the row by a statement made once per process instead of building and compiling
`User.objects.get(pk=…)` each time. That compiling cost more than PostgreSQL's answer: in a loop 0.30 ms against
0.13 ms, and 0.65 ms of a member's 5.6 ms directory search in a request (bench/README.md, 4 December 2026).

A session names the backend that signed its member in, and Django signs out a session whose backend is no longer
in AUTHENTICATION_BACKENDS. Sessions begun under the two backends this site used before (Django's ModelBackend and
allauth's) are moved to this one as they come in (`move_earlier_session`), so nobody is signed out by the change and
a failed log-in checks a password once, not once per listed backend.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.db import connection

MEMBER_BACKEND = "portal.backends.MemberBackend"
# The backends sessions were begun under before MemberBackend (settings.AUTHENTICATION_BACKENDS until 4 December
# 2026); each reads a member exactly as MemberBackend does.
EARLIER_BACKENDS = frozenset(
    {"django.contrib.auth.backends.ModelBackend", "allauth.account.auth_backends.AuthenticationBackend"}
)


class MemberBackend(AuthenticationBackend):
    def get_user(self, user_id):
        """The member with this id, or None, exactly as ModelBackend answers (inactive members are None)."""
        statement, names, converters = _member_row()
        with connection.cursor() as cursor:
            cursor.execute(statement, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        values = [_converted(value, field_converters) for value, field_converters in zip(row, converters, strict=True)]
        user = get_user_model().from_db(connection.alias, names, values)
        return user if self.user_can_authenticate(user) else None


@functools.cache
def _member_row() -> tuple[str, list[str], list[list[tuple[Callable, object]]]]:
    """The statement that reads a member's row by id, its fields' attribute names, and for each column what the ORM
    does to a value from the database (on SQLite: dates from text, booleans from 0 and 1) — Django's own converters,
    from the database backend and the field, as its query compiler gathers them."""
    model = get_user_model()
    fields = model._meta.concrete_fields
    table = model._meta.db_table
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    statement = (
        f"SELECT {columns} FROM {connection.ops.quote_name(table)} "
        f"WHERE {connection.ops.quote_name(model._meta.pk.column)} = %s"
    )
    converters = []
    for field in fields:
        column = field.get_col(table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        converters.append([(converter, column) for converter in found])
    return statement, [field.attname for field in fields], converters


def _converted(value, converters: list[tuple[Callable, object]]):
    for converter, column in converters:
        value = converter(value, column, connection)
    return value


def move_earlier_session(session) -> None:
    """A session begun under an earlier backend names MemberBackend from now on (saved with the answer)."""
    if session.get(BACKEND_SESSION_KEY) in EARLIER_BACKENDS:
        session[BACKEND_SESSION_KEY] = MEMBER_BACKEND


async def amove_earlier_session(session) -> None:
    """move_earlier_session, for `await request.auser()`."""
    if await session.aget(BACKEND_SESSION_KEY) in EARLIER_BACKENDS:
        await session.aset(BACKEND_SESSION_KEY, MEMBER_BACKEND)

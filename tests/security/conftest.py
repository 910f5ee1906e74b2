"""The eight personas of the permission matrix, and a small world for them to act in.

The world is built once per test module, inside a transaction rolled back after the module; each test runs in a
savepoint of its own, as usual, so what a test changes is gone before the next. Building it once keeps the many
matrix and CSRF tests quick. Its personas are made as tests/factories/community.py's `make_poster` makes them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from community import actions
from community.models import Forum, Post, RulesAcceptance, Suspension, Thread, Visibility
from community.survey.models import Survey
from portal.models import RulesVersion, User
from tests.factories.members import PASSWORD
from tests.factories.therapies import PORTLAND_97214
from therapies.models import Condition, Practitioner, Status, Therapy, TherapyCondition

# Who acts, from least to most trusted; "visitor" is nobody signed in.
PERSONAS = (
    "visitor",
    "member",
    "new_member",
    "suspended_member",
    "practitioner_owner",
    "editor",
    "moderator",
    "administrator",
)
SIGNED_IN = frozenset(PERSONAS) - {"visitor"}
_numbers = itertools.count(1)


@dataclass
class World:
    """What the personas act on; `users` maps each persona to its account (None for the visitor)."""

    users: dict[str, User | None]
    forum: Forum
    thread: Thread  # a stranger's visible thread
    post: Post  # a stranger's visible reply in it
    own_post: Post  # the member's own recent post, in a thread of its own
    therapy: Therapy
    page: TherapyCondition
    owned_listing: Practitioner  # the practitioner owner's listing
    open_listing: Practitioner  # a published listing nobody owns
    survey: Survey


def _member(display_name: str, *, established: bool = True, **fields) -> User:
    """A member with a verified address who accepted the rules; established: joined a month ago, three posts."""
    number = next(_numbers)
    if established:
        fields.setdefault("date_joined", timezone.now() - timedelta(days=30))
    user = User.objects.create_user(f"persona{number}@example.org", PASSWORD, display_name=display_name, **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    RulesAcceptance.objects.create(member=user, rules=RulesVersion.objects.current())
    if established and not user.is_staff:
        thread = Thread.objects.create(forum=Forum.objects.get(slug="introductions"), title="Hello", author=user)
        earlier = timezone.now() - timedelta(days=20)
        Post.objects.bulk_create(
            Post(
                thread=thread, author=user, number=n, body=f"Earlier {n}", status=Visibility.VISIBLE, created_at=earlier
            )
            for n in range(1, 4)
        )
    return user


def _personas() -> dict[str, User | None]:
    users: dict[str, User | None] = {"visitor": None}
    users["member"] = _member("Mira Member")
    users["new_member"] = _member("Nina Newcomer", established=False)
    users["suspended_member"] = _member("Sid Suspended")
    Suspension.objects.create(
        member=users["suspended_member"], until=timezone.now() + timedelta(days=3), reason="Insults in a thread"
    )
    users["practitioner_owner"] = _member("Otto Owner")
    users["editor"] = _member("Edda Editor", is_staff=True)
    users["editor"].groups.add(Group.objects.get(name="Editors"))
    users["moderator"] = _member("Moe Moderator", is_staff=True)
    users["moderator"].groups.add(Group.objects.get(name="Moderators"))
    users["administrator"] = _member("Ada Admin", is_staff=True, is_superuser=True)
    return users


def _listing(name: str, **fields) -> Practitioner:
    listing = Practitioner(
        name=name, status=Practitioner.Status.PUBLISHED, city="Portland", region="OR", postcode="97214", country="US",
        latitude=PORTLAND_97214[0], longitude=PORTLAND_97214[1], credentials="L.Ac.", **fields,
    )  # fmt: skip
    listing.save()
    return listing


def build_world() -> World:
    users = _personas()
    living = Forum.objects.get(slug="living-with-symptoms")
    thread, _first = actions.start_thread(
        author=_member("Stella Stranger"), forum=living, title="Evenings with RLS", body="Stretching."
    )
    post = actions.reply(author=_member("Rolf Replier"), thread=thread, body="A warm bath helps me.")
    _own_thread, own_post = actions.start_thread(
        author=users["member"], forum=living, title="My own question", body="Does magnesium help?"
    )
    therapy = Therapy.objects.create(
        name="Acupuncture", slug="acupuncture", category=Therapy.Category.TCM, summary="Thin needles.",
        status=Status.PUBLISHED,
    )  # fmt: skip
    condition = Condition.objects.create(
        name="Restless legs syndrome", slug="restless-legs-syndrome", summary="Restless legs.", status=Status.PUBLISHED
    )
    page = TherapyCondition.objects.create(
        therapy=therapy, condition=condition, excerpt="A short excerpt.", status=Status.PUBLISHED, certainty="low",
        direction="benefit",
    )  # fmt: skip
    Token.objects.bulk_create(Token(user=user, key=Token.generate_key()) for user in users.values() if user)
    return World(
        users=users,
        forum=living,
        thread=thread,
        post=post,
        own_post=own_post,
        therapy=therapy,
        page=page,
        owned_listing=_listing("Otto Owner Clinic", owner=users["practitioner_owner"]),
        open_listing=_listing("Unclaimed Clinic"),
        survey=Survey.objects.current(),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)

"""The directory admin's bulk actions in autocommit, as on the site.

The admin's change list runs its actions in autocommit (only the change form is atomic), and an action that locks
rows needs its own transaction there. Inside a test's transaction every action has one, so these tests run outside
it. They are a file of their own: such a test empties the database when it ends, pytest-django puts transactional
tests after the others, and `make test` hands files to workers in that order (`--dist loadfile
--no-loadscope-reorder`), so a file holding nothing else runs after every file that uses the database.
"""

from __future__ import annotations

import uuid

import pytest

from tests.therapies.test_directory_admin import LISTINGS, QUEUE, messages_shown
from therapies.actions import listings
from therapies.models import ListingRequest, Practitioner


@pytest.fixture
def suggest(make_member):
    def make(*, name: str = "Lotus Acupuncture") -> ListingRequest:
        listing = Practitioner(name=name, city="Portland", region="OR", postcode="97214", country="US")
        return listings.suggest_listing(
            user=make_member(), listing=listing, relations={}, message="A good clinic.", token=uuid.uuid4()
        )

    return make


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("action", "state", "message"),
    [
        ("approve_selected", ListingRequest.State.APPROVED, "Approved: 1. The members are told."),
        ("reject_selected", ListingRequest.State.REJECTED, "Rejected: 1. The members are told."),
    ],
)
def test_bulk_decisions_work_in_autocommit_as_on_the_site(editor_client, editor, suggest, action, state, message):
    request = suggest(name="Lotus Acupuncture")

    response = editor_client.post(QUEUE, {"action": action, "_selected_action": [request.pk]}, follow=True)

    assert messages_shown(response.content.decode()) == [message]
    request.refresh_from_db()
    assert (request.state, request.decided_by) == (state, editor)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("publish", Practitioner.Status.PUBLISHED, "1 listing published."),
        ("hide", Practitioner.Status.HIDDEN, "1 listing hidden."),
    ],
)
def test_publishing_or_hiding_a_suggested_listing_works_in_autocommit_as_on_the_site(
    editor_client, editor, suggest, action, status, message
):
    request = suggest(name="Lotus Acupuncture")

    response = editor_client.post(
        LISTINGS, {"action": action, "_selected_action": [request.practitioner_id]}, follow=True
    )

    assert message in messages_shown(response.content.decode())
    request.refresh_from_db()
    assert request.practitioner.status == status
    assert request.decided_by == editor

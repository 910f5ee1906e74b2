"""Who may do what in the knowledge base and the directory: one function per decision, asked by the pages, the API,
the admin and the actions alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from portal.permissions import is_verified_member

if TYPE_CHECKING:
    from therapies.models import Practitioner


def can_see_drafts(user) -> bool:
    """Editors preview drafts (and pending or hidden listings) on the real pages; everyone else sees published ones."""
    return user.is_authenticated and user.is_staff


def can_vote(user) -> bool:
    """Members with a verified e-mail address may vote (staff too)."""
    return is_verified_member(user)


def can_contribute(user) -> bool:
    """Members with a verified e-mail address may send things in: an editor must be able to write back."""
    return is_verified_member(user)


def is_claimable(practitioner: Practitioner) -> bool:
    """A published listing nobody owns yet: its page offers the claim link to every reader."""
    return practitioner.is_published and practitioner.owner_id is None


def can_claim(user, practitioner: Practitioner) -> bool:
    return can_contribute(user) and is_claimable(practitioner)


def can_report(user, practitioner: Practitioner) -> bool:
    return can_contribute(user) and practitioner.is_published


def owns_listing(user, owner_id: int | None) -> bool:
    return user.is_authenticated and owner_id is not None and owner_id == user.pk


def can_propose_edit(user, practitioner: Practitioner) -> bool:
    return can_contribute(user) and owns_listing(user, practitioner.owner_id)


def verification_refusal(*, demo: bool, source: str) -> tuple[str, str] | None:
    """Why a listing cannot be recorded as verified, as (the field at fault, the message for the editor), or None:
    a verification is recorded with where the licence was checked, and never on a demo listing."""
    if demo:
        return "verification_status", _("A demo listing describes an invented practitioner: it cannot be verified.")
    if not (source or "").strip():
        return "verification_source", _(
            "Say where you checked the licence (the register and its entry): a verification needs a source."
        )
    return None

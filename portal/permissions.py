"""Who counts as a member who may take part: the one rule every app's permission functions start from."""

from __future__ import annotations

from allauth.account.utils import has_verified_email


def is_verified_member(user, *, verified_email: bool | None = None) -> bool:
    """Signed in, active, and with a verified e-mail address (so staff can write back about what they sent).

    `verified_email`: whether the address is verified, when the caller fetched it already with other things in one
    query (community.trust.standing_of); without it, it is asked of the database.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return has_verified_email(user) if verified_email is None else verified_email

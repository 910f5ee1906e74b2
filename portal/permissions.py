"""Who counts as a member who may take part: the one rule every app's permission functions start from."""

from __future__ import annotations

from allauth.account.utils import has_verified_email


def is_verified_member(user) -> bool:
    """Signed in, active, and with a verified e-mail address (so staff can write back about what they sent)."""
    return user.is_authenticated and user.is_active and has_verified_email(user)

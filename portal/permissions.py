"""Who counts as a member who may take part: the one rule every app's permission functions start from."""

from __future__ import annotations

from allauth.account.utils import has_verified_email


def is_verified_member(user) -> bool:
    """Signed in, active, and with a verified e-mail address (so staff can write back about what they sent).

    A view that fetched the answer with other things in one query (community.trust.load_standing) leaves it on the
    user object as `verified_email_known`, for this request.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    known = getattr(user, "verified_email_known", None)
    return has_verified_email(user) if known is None else known

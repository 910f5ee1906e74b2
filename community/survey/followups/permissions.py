"""Who may see and answer a follow-up: the one place the pages and the API ask."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.permissions import is_verified_member


def owns_follow_up(user, follow_up) -> bool:
    """Only the member it belongs to; anyone else is told it does not exist (404), staff included."""
    return user.is_authenticated and follow_up.member_id == user.pk


def can_answer_follow_ups(user) -> bool:
    """Like taking the survey: a member with a verified e-mail address."""
    return is_verified_member(user)


def follow_up_refusal(user) -> str | None:
    if not user.is_authenticated:
        return _("Please sign in to answer your follow-ups.")
    if not is_verified_member(user):
        return _(
            "Please confirm your e-mail address first: open the link in the e-mail we sent when you joined. "
            "You can ask for a new one on your account's e-mail page."
        )
    return None

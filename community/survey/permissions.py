"""Who may take the survey: one function per decision (`can_…`, `…_refusal`), the one place the pages, the API
and the admin ask."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.permissions import is_verified_member


def can_take_survey(user) -> bool:
    """Members with a verified e-mail address; one response per member and version is the database's rule."""
    return is_verified_member(user)


def survey_refusal(user) -> str | None:
    """Why `user` cannot take the survey, in words for them; None when they can."""
    if not user.is_authenticated:
        return _("Please sign in or join to take the survey.")
    if not user.is_active:
        return _("This account is closed.")
    if not is_verified_member(user):
        return _(
            "Please confirm your e-mail address first: open the link in the e-mail we sent when you joined. "
            "You can ask for a new one on your account's e-mail page."
        )
    return None

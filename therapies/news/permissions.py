"""Who may do what with a condition's news: one function per decision, for the pages and the admin alike."""

from __future__ import annotations

from portal.permissions import is_verified_member


def can_follow_in_one_click(user) -> bool:
    """A member whose account address is verified follows with one click: that address needs no confirmation."""
    return is_verified_member(user)


def can_see_follower_counts(user) -> bool:
    """Editors (and administrators) see how many follow each condition, never who."""
    return user.is_active and user.is_staff and user.has_perm("therapies.view_conditionfollowers")


def can_see_follower_addresses(user) -> bool:
    """Only administrators see followers' addresses (and so who was sent what)."""
    return user.is_active and user.is_staff and user.is_superuser


def can_see_send_log(user) -> bool:
    """Editors see what was sent and when; the recipients' addresses only if `can_see_follower_addresses`."""
    return user.is_active and user.is_staff and user.has_perm("therapies.view_newsdigest")

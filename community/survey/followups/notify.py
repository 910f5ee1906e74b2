"""The follow-up invitation e-mail and its signed one-click links (the one module here that talks to the outside).

The link in the e-mail carries a signed, expiring token naming the follow-up and its member. It only leads to the
follow-up's page, which still requires that member to be signed in: a forwarded e-mail opens nothing for anyone else.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from community.notify import unsubscribe_token
from community.survey.followups.models import FollowUp
from portal.mail import send_later, templated_message

LINK_SALT = "community.survey.follow_up"
LINK_MAX_AGE = 60 * 60 * 24 * 60  # 60 days: after that, the member finds it in their follow-ups page instead


def follow_up_token(follow_up: FollowUp) -> str:
    return signing.dumps({"f": follow_up.pk, "u": follow_up.member_id}, salt=LINK_SALT, compress=True)


def read_follow_up_token(token: str) -> dict | None:
    """The follow-up and member a link names, or None when it was changed or is too old."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    return data if isinstance(data, dict) and {"f", "u"} <= data.keys() else None


def link_url(follow_up: FollowUp) -> str:
    return settings.SITE_URL + reverse("community:survey_follow_up_link", args=[follow_up_token(follow_up)])


def send_invitations(invitations) -> int:
    """Queue one e-mail per member whose preference allows e-mail and whose address is verified (after commit)."""
    from allauth.account.models import EmailAddress

    member_ids = [invitation.member_id for invitation in invitations]
    verified = set(EmailAddress.objects.filter(user_id__in=member_ids, verified=True).values_list("user_id", flat=True))
    members = {
        member.pk: member
        for member in get_user_model().objects.filter(pk__in=verified, is_active=True).exclude(email_frequency="never")
    }
    follow_ups = {
        follow_up.pk: follow_up
        for follow_up in FollowUp.objects.filter(
            pk__in=[
                pk for invitation in invitations if invitation.member_id in members for pk in invitation.follow_up_ids
            ]
        ).select_related("treatment")
    }
    messages = [
        _message(members[invitation.member_id], [follow_ups[pk] for pk in invitation.follow_up_ids])
        for invitation in invitations
        if invitation.member_id in members
    ]
    for message in messages:
        transaction.on_commit(lambda message=message: send_later(message))
    return len(messages)


def _message(member, follow_ups: list[FollowUp]) -> EmailMessage:
    unsubscribe_url = settings.SITE_URL + reverse("community:unsubscribe", args=[unsubscribe_token(member)])
    context = {
        "member": member,
        "items": [{"follow_up": follow_up, "url": link_url(follow_up)} for follow_up in follow_ups],
        "all_url": settings.SITE_URL + reverse("community:survey_follow_ups"),
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": settings.SITE_URL + reverse("profile"),
    }
    return templated_message("survey/email/follow_up", context, to=member.email, unsubscribe_url=unsubscribe_url)

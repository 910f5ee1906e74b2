"""Every change to a condition's news: follow, confirm, stop, an editor's note, a digest sent, requests forgotten.

Each is atomic and takes plain values; views, the admin and the scheduled tasks call these and write nothing
themselves.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.mail import send_later, templated_message
from therapies.models import Condition, Status, TherapyCondition
from therapies.news import tokens
from therapies.news.models import ChangeNote, ConditionFollow, NewsDigest

# A follower gets at most one digest per condition in this time.
DIGEST_EVERY = timedelta(days=7)


def consent_sentence(condition: Condition) -> str:
    """The exact sentence the follow form shows beside its button; the ledger keeps it as agreed to."""
    return _(
        "E-mail me news of %(condition)s — what changed when our editors publish or regrade a therapy page — at most "
        "once a week. I can stop it with the link in every message."
    ) % {"condition": condition.name}


def request_follow(*, condition: Condition, email: str, now: datetime | None = None) -> None:
    """A visitor's request: e-mail a confirmation link to `email`, and nothing else until it is opened.

    Says nothing back on purpose: whether the address already follows must not show (the page answers the same).
    An address that already follows gets no mail; an unconfirmed one gets its link again, with seven more days.
    """
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        follow = (
            ConditionFollow.objects.active()
            .select_for_update()
            .filter(condition=condition, member__isnull=True, email=email)
            .first()
        )
        if follow is not None and follow.confirmed_at is not None:
            return
        if follow is None:
            try:
                with transaction.atomic():
                    follow = ConditionFollow.objects.create(
                        condition=condition,
                        email=email,
                        consent_text=consent_sentence(condition),
                        requested_at=now,
                        secret=tokens.new_secret(),
                    )
            except IntegrityError:  # the same request, twice at once: the other one sends the mail
                return
        else:
            follow.consent_text = consent_sentence(condition)
            follow.requested_at = now
            follow.save(update_fields=["consent_text", "requested_at"])
        _send_confirmation(follow)


def follow_as_member(*, condition: Condition, member) -> ConditionFollow:
    """A member with a verified account address follows at once: that address needs no confirmation."""
    with transaction.atomic():
        existing = ConditionFollow.objects.active().filter(condition=condition, member=member).first()
        if existing is not None:
            return existing
        now = timezone.now()
        try:
            with transaction.atomic():
                return ConditionFollow.objects.create(
                    condition=condition,
                    member=member,
                    consent_text=consent_sentence(condition),
                    requested_at=now,
                    confirmed_at=now,
                    secret=tokens.new_secret(),
                )
        except IntegrityError:  # a double click: the first one followed
            return ConditionFollow.objects.active().get(condition=condition, member=member)


def confirm_follow(*, follow: ConditionFollow) -> bool:
    """The confirmation link was opened: the grant starts now. False when it was already used or withdrawn."""
    updated = ConditionFollow.objects.filter(pk=follow.pk, confirmed_at__isnull=True, withdrawn_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    return bool(updated)


def stop_follow(*, follow: ConditionFollow) -> bool:
    """Withdraw: no more digests. A visitor's address is erased at once; the row stays as the ledger's record of
    when consent was given and withdrawn. False when it was already stopped."""
    updated = ConditionFollow.objects.filter(pk=follow.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), email=""
    )
    return bool(updated)


def stop_member_follow(*, condition: Condition, member) -> bool:
    follow = ConditionFollow.objects.active().filter(condition=condition, member=member).first()
    return follow is not None and stop_follow(follow=follow)


def record_change_note(*, page: TherapyCondition, text: str, editor, kind: str) -> ChangeNote:
    """An editor's "what changed" line, with the page's plain label as it is now saved."""
    return ChangeNote.objects.create(
        condition_id=page.condition_id, page=page, kind=kind, text=text.strip(), label_key=page.label.key, editor=editor
    )


def send_digest(*, follow_id: int, now: datetime | None = None) -> NewsDigest | None:
    """One follower's digest of the notes they have not had, unless they had one in the last week.

    The follow row is locked while deciding, and the log row is written in the same transaction as the mail is
    queued, so two runs at once never send the same notes twice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        follow = ConditionFollow.objects.confirmed().select_for_update().filter(pk=follow_id).first()
        if follow is None:
            return None
        last_sent = follow.digests.aggregate(last=Max("sent_at"))["last"]
        if last_sent is not None and last_sent > now - DIGEST_EVERY:
            return None
        notes = list(
            ChangeNote.objects.filter(
                condition_id=follow.condition_id, created_at__gte=follow.confirmed_at, page__status=Status.PUBLISHED
            )
            .exclude(digests__follow=follow)
            .select_related("page__therapy", "page__condition", "condition")
        )
        if not notes or not follow.address:
            return None
        digest = NewsDigest.objects.create(condition_id=follow.condition_id, follow=follow, sent_at=now)
        digest.notes.set(notes)
        _send_digest_mail(follow, notes)
    return digest


def forget_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete the requests whose confirmation link was not opened within seven days; returns how many."""
    now = now or timezone.now()
    deleted, _rows = ConditionFollow.objects.unconfirmed_since(now - tokens.CONFIRM_WITHIN).delete()
    return deleted


# --- The e-mails -------------------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _send_confirmation(follow: ConditionFollow) -> None:
    condition = follow.condition
    context = {
        "condition": condition,
        "confirm_url": _absolute(reverse("news:confirm", args=[condition.slug, tokens.confirm_token(follow)])),
        "days": tokens.CONFIRM_WITHIN.days,
        "consent_text": follow.consent_text,
    }
    send_later(templated_message("therapies/news/email/confirm", context, to=follow.email))


def _send_digest_mail(follow: ConditionFollow, notes: list[ChangeNote]) -> None:
    condition = notes[0].condition
    stop_url = _absolute(reverse("news:stop", args=[condition.slug, tokens.stop_token(follow)]))
    context = {
        "condition": condition,
        "condition_url": _absolute(condition.get_absolute_url()),
        "items": [
            {"note": note, "label": note.label.text, "url": _absolute(note.page.get_absolute_url())} for note in notes
        ],
        "stop_url": stop_url,
    }
    send_later(templated_message("therapies/news/email/digest", context, to=follow.address, unsubscribe_url=stop_url))

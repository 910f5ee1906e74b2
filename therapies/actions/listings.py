"""Every change to the practitioner directory: what members send in (suggest, claim, report, propose an edit) and
what editors do (decide a request, publish, hide, verify, change a listing). Each runs in one transaction; who may
do what is decided in `therapies.permissions`.

Everything members send in lands in one review queue (`ListingRequest`); nothing becomes public before an editor
approves it, and the member hears the decision by e-mail.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.mail import send_later, templated_message
from therapies.directory.proposals import (
    ADDRESS_FIELDS,
    OWNER_EDITABLE_FIELDS,
    OWNER_EDITABLE_RELATIONS,
    current_values,
)
from therapies.models import ListingRequest, Practitioner
from therapies.permissions import can_claim, can_propose_edit, can_report, verification_refusal

# Open requests a member may have waiting, per kind; beyond it they wait for the editors.
MAX_PENDING_PER_MEMBER = {
    ListingRequest.Kind.SUGGESTION: 5,
    ListingRequest.Kind.CLAIM: 3,
    ListingRequest.Kind.REPORT: 10,
    ListingRequest.Kind.EDIT: 20,
}


class ReviewError(Exception):
    """A request that cannot be decided as asked; the message says why, for the editor."""


class TooManyPending(Exception):
    """The member has as many open requests of this kind as we accept at once."""


# --- Member actions --------------------------------------------------------------------------------------------------


def _check_pending_limit(user, kind: str) -> None:
    if ListingRequest.objects.pending().filter(submitted_by=user, kind=kind).count() >= MAX_PENDING_PER_MEMBER[kind]:
        raise TooManyPending


@transaction.atomic
def suggest_listing(
    *, user, listing: Practitioner, relations: dict[str, list], message: str, token: uuid.UUID
) -> ListingRequest:
    """Save `listing` (unsaved, built from the member's form) as a pending listing with its request.

    Submitting the same form twice (same token) returns the first request and creates nothing, also when
    the two submissions race: the unique token makes the second one fail and find the first.
    """
    existing = ListingRequest.objects.filter(token=token).first()
    if existing is not None:
        if existing.submitted_by_id != user.pk:
            raise PermissionError("This form token belongs to another member.")
        return existing
    _check_pending_limit(user, ListingRequest.Kind.SUGGESTION)
    try:
        with transaction.atomic():
            listing.status = Practitioner.Status.PENDING
            listing.verification_status = Practitioner.Verification.UNVERIFIED
            listing.owner = None
            listing.save()
            for name, values in relations.items():
                getattr(listing, name).set(values)
            return ListingRequest.objects.create(
                kind=ListingRequest.Kind.SUGGESTION,
                practitioner=listing,
                submitted_by=user,
                message=message,
                token=token,
            )
    except IntegrityError:
        return ListingRequest.objects.get(token=token, submitted_by=user)


def _open_request(*, user, practitioner: Practitioner, kind: str, **fields) -> tuple[ListingRequest, bool]:
    """The member's open request of this kind for this listing, or a new one; (request, created)."""
    existing = ListingRequest.objects.pending().filter(submitted_by=user, practitioner=practitioner, kind=kind).first()
    if existing is not None:
        return existing, False
    _check_pending_limit(user, kind)
    try:
        with transaction.atomic():
            return ListingRequest.objects.create(
                submitted_by=user, practitioner=practitioner, kind=kind, **fields
            ), True
    except IntegrityError:
        # A double click raced us past the check above; the unique constraint kept one.
        return ListingRequest.objects.pending().get(submitted_by=user, practitioner=practitioner, kind=kind), False


@transaction.atomic
def claim_listing(
    *, user, practitioner: Practitioner, licence_number: str, work_email: str, message: str = ""
) -> tuple[ListingRequest, bool]:
    if not can_claim(user, practitioner):
        raise PermissionError("This member cannot claim this listing.")
    return _open_request(
        user=user,
        practitioner=practitioner,
        kind=ListingRequest.Kind.CLAIM,
        licence_number=licence_number,
        work_email=work_email,
        message=message,
    )


@transaction.atomic
def report_listing(*, user, practitioner: Practitioner, problem: str, message: str) -> tuple[ListingRequest, bool]:
    if not can_report(user, practitioner):
        raise PermissionError("This member cannot report this listing.")
    return _open_request(
        user=user, practitioner=practitioner, kind=ListingRequest.Kind.REPORT, problem=problem, message=message
    )


@transaction.atomic
def propose_listing_edit(*, user, practitioner: Practitioner, proposed: dict[str, Any], message: str = ""):
    """Store the owner's changes (only the fields that differ) for review; None when nothing changed.

    A member has at most one open proposal per listing: a new one replaces what is waiting.
    """
    if not can_propose_edit(user, practitioner):
        raise PermissionError("Only the listing's owner can propose edits.")
    now = current_values(practitioner)
    changes = {name: value for name, value in proposed.items() if name in now and value != now[name]}
    pending = (
        ListingRequest.objects.pending()
        .select_for_update()
        .filter(submitted_by=user, practitioner=practitioner, kind=ListingRequest.Kind.EDIT)
        .first()
    )
    if not changes:
        if pending is not None:
            pending.delete()
        return None
    if pending is not None:
        pending.changes, pending.message = changes, message
        pending.save(update_fields=["changes", "message"])
        return pending
    request, _created = _open_request(
        user=user, practitioner=practitioner, kind=ListingRequest.Kind.EDIT, changes=changes, message=message
    )
    return request


# --- Editor actions --------------------------------------------------------------------------------------------------


@transaction.atomic
def save_listing(*, listing: Practitioner, editor) -> bool:
    """An editor's save of a listing from its form (new or changed): a listing newly marked verified records the
    editor and the day, one no longer verified forgets them; a suggested listing the editor publishes approves the
    suggestion, so the member hears. True when it approved a suggestion."""
    was = (
        Practitioner.objects.filter(pk=listing.pk).values("status", "verification_status").first()
        if listing.pk
        else None
    )
    verified = listing.verification_status == Practitioner.Verification.VERIFIED
    if verified and (was is None or was["verification_status"] != listing.verification_status):
        listing.verified_by = editor
        listing.verified_on = listing.verified_on or timezone.localdate()
    elif not verified:
        listing.verified_by, listing.verified_on = None, None
    listing._history_user = editor  # the revision names the editor (simple_history)
    listing.save()
    if was is not None and was["status"] == Practitioner.Status.PENDING and listing.is_published:
        return _approve_suggestion(listing=listing, editor=editor)
    return False


@transaction.atomic
def publish_listing(*, listing: Practitioner, editor) -> bool:
    """Put a listing in the directory. A suggested listing is published by approving its suggestion, so the member
    hears; True when it was."""
    if listing.status == Practitioner.Status.PENDING and _approve_suggestion(listing=listing, editor=editor):
        return True
    change_listing(listing=listing, editor=editor, status=Practitioner.Status.PUBLISHED)
    return False


def _approve_suggestion(*, listing: Practitioner, editor) -> bool:
    suggestion = listing.requests.pending().filter(kind=ListingRequest.Kind.SUGGESTION).first()
    if suggestion is None:
        return False
    approve_request(request=suggestion, reviewer=editor)
    return True


@transaction.atomic
def confirm_listing(*, listing: Practitioner, editor) -> None:
    """Record that the listing's information was confirmed today."""
    change_listing(listing=listing, editor=editor, last_confirmed_on=timezone.localdate())


@transaction.atomic
def change_listing(*, listing: Practitioner, editor, **values: Any) -> None:
    """An editor's change of some of a listing's fields: one row at a time, so that every listing keeps a revision
    naming the editor (an admin action may cover a page of 100 rows)."""
    for name, value in values.items():
        setattr(listing, name, value)
    listing._history_user = editor  # the revision names the editor (simple_history)
    listing.save(update_fields=[*values, "updated_at"])


@transaction.atomic
def hide_listing(*, listing: Practitioner, editor) -> None:
    """Take a listing off the directory. Hiding a suggested listing is turning the suggestion down: the member hears
    so, and a later approval of the forgotten request cannot publish a listing an editor hid."""
    suggestion = listing.requests.pending().filter(kind=ListingRequest.Kind.SUGGESTION).first()
    if suggestion is not None:
        reject_request(request=suggestion, reviewer=editor)
        listing.refresh_from_db()
    if listing.status != Practitioner.Status.HIDDEN:
        change_listing(listing=listing, editor=editor, status=Practitioner.Status.HIDDEN)


@transaction.atomic
def verify_listing(*, listing: Practitioner, editor) -> bool:
    """Record that `editor` checked the listing's licence today, with the source already written on it; False (and
    nothing written) where a verification may not be recorded (`permissions.verification_refusal`)."""
    if verification_refusal(demo=listing.demo, source=listing.verification_source) is not None:
        return False
    change_listing(
        listing=listing,
        editor=editor,
        verification_status=Practitioner.Verification.VERIFIED,
        verified_by=editor,
        verified_on=timezone.localdate(),
    )
    return True


# --- Editor decisions on requests ------------------------------------------------------------------------------------


@transaction.atomic
def note_on_request(*, request: ListingRequest, note: str) -> None:
    """The editor's note on a waiting request, saved without deciding it (the member reads it with the decision)."""
    request.decision_note = note
    request.save(update_fields=["decision_note"])


@transaction.atomic
def approve_request(*, request: ListingRequest, reviewer, note: str = "") -> ListingRequest:
    request = _lock_pending(request)
    listing = Practitioner.objects.select_for_update().get(pk=request.practitioner_id)
    listing._history_user = reviewer  # the revision is the editor's decision, not the member's
    if request.kind == ListingRequest.Kind.SUGGESTION:
        listing.status = Practitioner.Status.PUBLISHED
        listing.last_confirmed_on = listing.last_confirmed_on or timezone.localdate()
        listing.save(update_fields=["status", "last_confirmed_on", "updated_at"])
    elif request.kind == ListingRequest.Kind.CLAIM:
        if listing.owner_id is not None and listing.owner_id != request.submitted_by_id:
            raise ReviewError(_("This listing already has an owner. Remove the owner first, or reject this claim."))
        listing.owner = request.submitted_by
        listing.save(update_fields=["owner", "updated_at"])
    elif request.kind == ListingRequest.Kind.EDIT:
        if listing.owner_id != request.submitted_by_id:
            raise ReviewError(_("The member no longer owns this listing; reject the proposal."))
        _apply_changes(listing, request.changes)
    # A report is approved once the editor has corrected the listing themselves; nothing to apply.
    _decide(request, state=ListingRequest.State.APPROVED, reviewer=reviewer, note=note)
    return request


@transaction.atomic
def reject_request(*, request: ListingRequest, reviewer, note: str = "") -> ListingRequest:
    request = _lock_pending(request)
    if request.kind == ListingRequest.Kind.SUGGESTION:
        listing = request.practitioner
        if listing.status == Practitioner.Status.PENDING:
            listing._history_user = reviewer
            listing.status = Practitioner.Status.HIDDEN
            listing.save(update_fields=["status", "updated_at"])
    _decide(request, state=ListingRequest.State.REJECTED, reviewer=reviewer, note=note)
    return request


def _lock_pending(request: ListingRequest) -> ListingRequest:
    locked = (
        ListingRequest.objects.select_for_update().select_related("practitioner", "submitted_by").get(pk=request.pk)
    )
    if not locked.is_pending:
        raise ReviewError(_("This request was already decided (%(state)s).") % {"state": locked.get_state_display()})
    return locked


def _apply_changes(listing: Practitioner, changes: dict[str, Any]) -> None:
    fields = [name for name in changes if name in OWNER_EDITABLE_FIELDS]
    for name in fields:
        setattr(listing, name, changes[name])
    if ADDRESS_FIELDS & set(fields):
        # A new address needs new coordinates; save() finds them again from the postcode or city.
        listing.latitude = listing.longitude = None
        fields += ["latitude", "longitude"]
    listing.last_confirmed_on = timezone.localdate()
    listing.save(update_fields=[*fields, "last_confirmed_on", "updated_at"])
    for name, (model, key) in OWNER_EDITABLE_RELATIONS.items():
        if name in changes:
            getattr(listing, name).set(model.objects.filter(**{f"{key}__in": changes[name]}))


def _decide(request: ListingRequest, *, state: str, reviewer, note: str) -> None:
    request.state = state
    request.decided_by = reviewer
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    # Queued in the decision's transaction: with the database task backend the message is stored (and later
    # sent) exactly when the decision is; a rolled-back decision sends nothing.
    _notify_member(request)


def _notify_member(request: ListingRequest) -> None:
    member = request.submitted_by
    context = {
        "request": request,
        "member": member,
        "listing": request.practitioner,
        "approved": request.state == ListingRequest.State.APPROVED,
        "site_url": settings.SITE_URL,
    }
    send_later(templated_message("therapies/email/listing_decision", context, to=member.email))


# --- The member's account ------------------------------------------------------------------------------------------


@transaction.atomic
def remove_member_from_directory(*, user) -> None:
    """On account deletion: listings the member suggested that no editor has approved go with their requests;
    listings they manage stay in the directory without an owner (the practice still exists)."""
    unapproved = ListingRequest.objects.pending().filter(submitted_by=user, kind=ListingRequest.Kind.SUGGESTION)
    Practitioner.objects.filter(
        pk__in=unapproved.values("practitioner_id"), status=Practitioner.Status.PENDING
    ).delete()
    ListingRequest.objects.filter(submitted_by=user).delete()
    Practitioner.objects.filter(owner=user).update(owner=None)

"""The follow-up table: one row per member, treatment and interval (3 or 12 months), and the "stop asking me" rows.

A follow-up is created when a member sends survey answers rating a treatment; it is due on `due_on`, invited once
(`invited_at`, set in the same transaction that sends the invitation) and answered once (`answered_at`). The
answers are kept as given (`answers`, by item code of the follow-up definition's version `survey`); the two facts
the statistics count are stored beside them so the refresh can group in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["FollowUp", "FollowUpStop"]


class FollowUpQuerySet(models.QuerySet):
    def not_stopped(self):
        """Follow-ups whose member has not asked us to stop, for this treatment or for all."""
        stopped = FollowUpStop.objects.filter(member=OuterRef("member")).filter(
            Q(treatment__isnull=True) | Q(treatment=OuterRef("treatment"))
        )
        return self.exclude(Exists(stopped))

    def counted_members(self):
        """Follow-ups of members whose consent to the statistics is in force: the consent they gave says we ask
        again and count the answers; without it we neither ask nor count."""
        from community.survey.models import Consent

        consent = Consent.objects.filter(
            member=OuterRef("member"), purpose=Consent.Purpose.STATISTICS, withdrawn_at__isnull=True
        )
        return self.filter(Exists(consent))

    def open(self):
        """Not answered yet, still wanted, and asked with the member's consent in force."""
        return self.filter(answered_at__isnull=True).not_stopped().counted_members()

    def due_for(self, member, *, today=None):
        """What this member can answer now: due, open, oldest first, with the treatment's name."""
        today = today or timezone.localdate()
        return (
            self.open()
            .filter(member=member, due_on__lte=today)
            .select_related("treatment")
            .order_by("due_on", "treatment__name", "pk")
        )

    def to_invite(self, *, today=None):
        """Due, open, never invited, of an active member."""
        today = today or timezone.localdate()
        return self.open().filter(due_on__lte=today, invited_at__isnull=True, member__is_active=True)

    def answered(self):
        return self.filter(answered_at__isnull=False)


class FollowUp(models.Model):
    class Kind(models.IntegerChoices):
        THREE_MONTHS = 3, _("3 months")
        TWELVE_MONTHS = 12, _("12 months")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_follow_ups")
    # The answers it follows: deleting them (or the account) deletes the follow-up.
    response = models.ForeignKey("community.Response", on_delete=models.CASCADE, related_name="follow_ups")
    treatment = models.ForeignKey("community.Treatment", on_delete=models.PROTECT, related_name="+")
    kind = models.PositiveSmallIntegerField(_("after"), choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # The follow-up definition's version the member answered, and the answers by item code.
    survey = models.ForeignKey("community.Survey", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    answers = models.JSONField(default=dict, blank=True)
    # What the statistics count, derived from `answers` when they are given.
    still_helping = models.BooleanField(null=True)
    stopped_for_side_effects = models.BooleanField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "treatment", "kind"], name="survey_follow_up_once"),
        ]
        indexes = [
            models.Index(fields=["due_on", "invited_at"], name="survey_follow_up_due_idx"),
            models.Index(fields=["treatment", "kind", "answered_at"], name="survey_follow_up_stats_idx"),
        ]

    def __str__(self) -> str:
        return f"follow-up {self.pk} ({self.kind} months) for {self.member_id}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class FollowUpStop(models.Model):
    """ "Stop asking me": about one treatment, or (treatment empty) about all of them."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    treatment = models.ForeignKey(
        "community.Treatment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "treatment"], condition=Q(treatment__isnull=False), name="survey_follow_up_stop_once"
            ),
            models.UniqueConstraint(
                fields=["member"], condition=Q(treatment__isnull=True), name="survey_follow_up_stop_all_once"
            ),
        ]

    def __str__(self) -> str:
        return f"stop follow-ups for {self.member_id}: {self.treatment_id or 'all'}"

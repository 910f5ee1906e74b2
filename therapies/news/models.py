"""Who follows a condition's news (each row is also the consent ledger's record of that grant), the editors'
"what changed" notes, and the log of digests sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from therapies.evidence import LABELS_BY_KEY, NOT_ASSESSED
from therapies.models.knowledge import Condition


class ConditionFollowQuerySet(models.QuerySet):
    def active(self):
        """Follows still granted (not withdrawn), confirmed or not."""
        return self.filter(withdrawn_at__isnull=True)

    def confirmed(self):
        """Follows that receive the digest: confirmed and not withdrawn."""
        return self.active().filter(confirmed_at__isnull=False)

    def unconfirmed_since(self, moment):
        """Requests whose confirmation link was never opened, made before `moment`."""
        return self.active().filter(confirmed_at__isnull=True, requested_at__lt=moment)

    def of_member(self, member):
        """A member's own follows, still granted, with their conditions (the profile page's list)."""
        return self.active().filter(member=member).select_related("condition").order_by("condition__name")


class ConditionFollow(models.Model):
    """One person following one condition's news, and their consent to it: the sentence they agreed to, when they
    asked, when they confirmed (the grant) and when they stopped.

    A visitor's address is kept here; a member's is their account's, read when a digest is sent. Stopping closes the
    row and erases a visitor's address; an unconfirmed request is deleted after seven days (tasks.py).
    """

    condition = models.ForeignKey("therapies.Condition", on_delete=models.CASCADE, related_name="followers")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="condition_follows"
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    consent_text = models.TextField(_("consent given"))
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Part of every signed link for this row: a link made for an earlier follow of the same address is worthless.
    secret = models.CharField(max_length=32, editable=False)

    objects = ConditionFollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follower of a condition")
        verbose_name_plural = _("followers of conditions")
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "email"],
                condition=models.Q(withdrawn_at__isnull=True, member__isnull=True),
                name="news_follow_address_once",
            ),
            models.UniqueConstraint(
                fields=["condition", "member"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="news_follow_member_once",
            ),
        ]
        indexes = [models.Index(fields=["condition", "confirmed_at", "withdrawn_at"], name="news_follow_idx")]

    def __str__(self) -> str:
        return f"follower {self.pk} of {self.condition_id}"

    @property
    def address(self) -> str:
        """Where the digest goes: the member's account address, or the address a visitor confirmed."""
        return self.member.email if self.member_id else self.email


class ChangeNote(models.Model):
    """An editor's one line on what changed when a therapy-for-condition page was published or regraded."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Published")
        GRADE = "grade", _("Grade changed")
        OTHER = "other", _("Other change")

    condition = models.ForeignKey("therapies.Condition", on_delete=models.CASCADE, related_name="change_notes")
    page = models.ForeignKey("therapies.TherapyCondition", on_delete=models.CASCADE, related_name="change_notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(_("what changed"), max_length=200)
    # The page's plain label once the change was saved (therapies.evidence), as its key.
    label_key = models.CharField(max_length=30)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("change note")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["condition", "created_at"], name="news_note_idx")]

    def __str__(self) -> str:
        return self.text

    @property
    def label(self):
        return LABELS_BY_KEY.get(self.label_key, NOT_ASSESSED)


class NewsDigest(models.Model):
    """The send log: one digest e-mail to one follower, when, and which notes it carried. Append-only.

    The address is not copied here: it is read from the follow, so erasing a follower's address erases it here too.
    """

    condition = models.ForeignKey("therapies.Condition", on_delete=models.CASCADE, related_name="+")
    follow = models.ForeignKey(ConditionFollow, on_delete=models.SET_NULL, null=True, related_name="digests")
    notes = models.ManyToManyField(ChangeNote, related_name="digests")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("news digest sent")
        verbose_name_plural = _("news digests sent")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["follow", "sent_at"], name="news_digest_follow_idx")]

    def __str__(self) -> str:
        return f"digest {self.pk}"


class ConditionFollowers(Condition):
    """A condition as the admin's count of its followers shows it (admin.py): counts for editors, no addresses."""

    class Meta:
        proxy = True
        verbose_name = _("followers per condition")
        verbose_name_plural = _("followers per condition")

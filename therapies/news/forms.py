"""The follow form, and the "what changed" note on the therapy-for-condition admin form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from therapies.models import Status
from therapies.news.models import ChangeNote

# What makes up a page's grade: a change to any of these changes what a reader is told about the evidence.
GRADE_FIELDS = ("evidence_basis", "certainty", "direction", "effect_size")


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    # A field people never see (hidden by CSS, skipped by keyboard and screen readers); bots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(
            attrs={"id": "hp-website", "class": "honeypot", "tabindex": "-1", "autocomplete": "off"}
        ),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ChangeNoteForm(forms.ModelForm):
    """The admin form of a therapy-for-condition page with the followers' note: required when the page is
    published or its grade changes, so followers always learn why.

    After validation `news_kind` says what the note is about (a ChangeNote.Kind), or is None when none is recorded.
    """

    change_note = forms.CharField(
        label=_("What changed, for followers"),
        max_length=200,
        required=False,
        help_text=_(
            "One line that followers of this condition receive in their weekly e-mail, e.g. “Two new trials: "
            "the evidence now says it may help.” Required when you publish this page or change its grade."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        note = (cleaned.get("change_note") or "").strip()
        self.news_kind = self._news_kind(cleaned)
        if self.news_kind is None and note and cleaned.get("status") == Status.PUBLISHED:
            self.news_kind = ChangeNote.Kind.OTHER  # a published page: the editor chose to tell followers
        if self.news_kind in {ChangeNote.Kind.PUBLISHED, ChangeNote.Kind.GRADE} and not note:
            message = (
                _("Write one line on what changed: followers of this condition receive it when you publish the page.")
                if self.news_kind == ChangeNote.Kind.PUBLISHED
                else _("Write one line on what changed: followers of this condition receive it when a grade changes.")
            )
            self.add_error("change_note", message)
        elif note and cleaned.get("status") != Status.PUBLISHED:
            self.add_error(
                "change_note",
                _("This page is not published, so followers cannot read it: leave this empty until you publish."),
            )
        return cleaned

    def _news_kind(self, cleaned) -> str | None:
        if cleaned.get("status") != Status.PUBLISHED:
            return None
        before = self.instance
        if before.pk is None or before.status != Status.PUBLISHED:
            return ChangeNote.Kind.PUBLISHED
        if any(field in cleaned and cleaned[field] != getattr(before, field) for field in GRADE_FIELDS):
            return ChangeNote.Kind.GRADE
        return None

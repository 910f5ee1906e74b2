"""Forms of the discussions: new thread, reply, edit, report. All work without JavaScript."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Report
from community.rules import contact_details_in

MAX_BODY = 20_000


class PostingForm(forms.Form):
    """What every posting form shares: the honeypot, the rules, and the contact-detail check."""

    # A field people never see (hidden by CSS, skipped by keyboard and screen readers); bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    accept_rules = forms.BooleanField(required=False, label=_("I have read and accept the community rules"))
    confirm_contact = forms.BooleanField(
        required=False, label=_("Yes, I want to publish these contact details"), widget=forms.HiddenInput
    )

    def __init__(self, *args, rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
        if rules is None:
            del self.fields["accept_rules"]
        else:
            self.fields["accept_rules"].required = True
            self.fields["accept_rules"].error_messages["required"] = _(
                "Please read the community rules and tick the box to accept them before you post."
            )
        self.contact_details: list[str] = []

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body") or ""
        self.contact_details = contact_details_in(f"{cleaned.get('title', '')}\n{body}")
        if self.contact_details and not cleaned.get("confirm_contact"):
            self.fields["confirm_contact"].widget = forms.CheckboxInput()
            self.add_error(
                "body",
                _(
                    "Your post contains what looks like contact details (%(details)s). Anyone can read posts, so "
                    "please remove them, or tick the box below to publish them anyway."
                )
                % {"details": ", ".join(self.contact_details)},
            )
        return cleaned


class ThreadForm(PostingForm):
    title = forms.CharField(label=_("Title"), max_length=150, min_length=5)
    therapy = forms.ChoiceField(label=_("Therapy discussed"), required=False)
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Simple Markdown works: *italic*, **bold**, lists, links. Mention a member with @name."),
    )
    members_only = forms.BooleanField(
        label=_("Members only: visitors see the title and the first lines, search engines are asked to skip it"),
        required=False,
    )
    field_order = ["title", "therapy", "body", "members_only", "confirm_contact", "accept_rules", "website"]

    def __init__(self, *args, therapies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapy"].choices = [("", _("None in particular")), *((t.slug, t.name) for t in therapies)]


class ReplyForm(PostingForm):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Simple Markdown works. Mention a member with @name."),
    )
    field_order = ["body", "confirm_contact", "accept_rules", "website"]


class EditPostForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 10}))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Anything the moderators should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author never learns who reported."),
    )

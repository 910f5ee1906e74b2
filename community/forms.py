"""Forms of the discussions: new thread, reply, edit, report. All work without JavaScript."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Report
from community.trust import LINK, contact_details_in

MAX_BODY = 20_000


class ContactDetailsCheck(forms.Form):
    """Asks the author to remove e-mail addresses and phone numbers, or to tick a box that appears to keep them."""

    checked_fields: tuple[str, ...] = ("body",)
    confirm_contact = forms.BooleanField(
        required=False, label=_("Yes, I want to publish these contact details"), widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact_details: list[str] = []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("confirm_contact"):
            return cleaned
        for name in self.checked_fields:
            found = contact_details_in(cleaned.get(name) or "")
            if not found:
                continue
            self.contact_details += found
            self.add_error(
                name,
                _(
                    "This looks like contact details (%(details)s). Anyone can read posts, so please remove them, "
                    "or tick the box below to publish them anyway."
                )
                % {"details": ", ".join(found)},
            )
        if self.contact_details:
            self.fields["confirm_contact"].widget = forms.CheckboxInput()
        return cleaned


class PostingForm(ContactDetailsCheck):
    """What every posting form shares: the honeypot, the rules, and the contact-detail check."""

    # A field people never see (hidden by CSS, skipped by keyboard and screen readers); bots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        # Its own id and class: the directory's forms have a real "website" field that must stay visible.
        widget=forms.TextInput(
            attrs={"id": "hp-website", "class": "honeypot", "tabindex": "-1", "autocomplete": "off"}
        ),
    )
    accept_rules = forms.BooleanField(required=False, label=_("I have read and accept the community rules"))

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

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


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
    checked_fields = ("title", "body")

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


class EditPostForm(ContactDetailsCheck):
    body = forms.CharField(label=_("Your message"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 10}))
    field_order = ["body", "confirm_contact"]

    def __init__(self, *args, original: str = "", may_add_links: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.original = original
        self.may_add_links = may_add_links

    def clean_body(self):
        body = self.cleaned_data["body"]
        # A published post bypasses the check new members' links get; an edit must not be the way round it.
        if not self.may_add_links and len(LINK.findall(body)) > len(LINK.findall(self.original)):
            raise forms.ValidationError(
                _(
                    "New members' links are checked by a moderator before they appear, so they cannot be added "
                    "by editing. Please post the link in a new reply instead."
                )
            )
        return body


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Anything the moderators should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author never learns who reported."),
    )

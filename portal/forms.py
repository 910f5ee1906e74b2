"""Account forms (sign-up extras, profile, account deletion) and the site-wide form renderer."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class SiteFormRenderer(TemplatesSetting):
    """Every form renders its fields with our field template: label, help, the message next to the field."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


_DISPLAY_NAME_SHAPE = re.compile(r"^[\w][\w .\-]*[\w]$")
RESERVED_DISPLAY_NAMES = {
    "admin", "administrator", "moderator", "moderators", "editor", "editors", "staff", "support",
    "remedy commons", "remedycommons", "deleted member", "anonymous", "system",
}  # fmt: skip


def clean_display_name(value: str, *, user=None) -> str:
    """A public pseudonym: 3-30 letters, digits, spaces, dots, hyphens or underscores; unique ignoring case."""
    value = " ".join(value.split())
    if len(value) < 3:
        raise ValidationError(_("Use at least 3 characters."), code="too_short")
    if "@" in value:
        raise ValidationError(_("A display name cannot contain “@”: please don't use your e-mail address."))
    if not _DISPLAY_NAME_SHAPE.match(value):
        raise ValidationError(
            _("Use letters, digits, spaces, dots, hyphens or underscores, starting and ending with a letter or digit.")
        )
    if value.lower() in RESERVED_DISPLAY_NAMES:
        raise ValidationError(_("That name is reserved for the site. Please choose another."), code="reserved")
    taken = get_user_model().objects.filter(display_name__iexact=value)
    if user is not None and user.pk:
        taken = taken.exclude(pk=user.pk)
    if taken.exists():
        raise ValidationError(
            _("Sorry, “%(name)s” is already someone's display name. Please choose another."),
            code="taken",
            params={"name": value},
        )
    return value


class SignupExtraForm(forms.Form):
    """Fields allauth adds to its sign-up form."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=30,
        help_text=_(
            "Shown publicly on everything you post. Choose a pseudonym — you never need to give your real name here."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user) -> None:
        """allauth's hook; the display name is already saved by our adapter."""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["display_name", "bio", "notify_on_replies", "notify_on_mentions", "email_frequency"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "email_frequency": forms.RadioSelect,
        }
        help_texts = {"bio": _("Optional, up to 500 characters. Shown on your public profile.")}

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"], user=self.instance)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you, type your password again."),
    )
    keep_contributions = forms.BooleanField(
        label=_("Keep the text of my public posts, shown as from “deleted member”"),
        required=False,
        help_text=_("Leave this unticked to have the text of your posts removed as well."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
        error_messages={"required": _("Tick this box to confirm that you want to delete your account.")},
    )

    def __init__(self, *args, user, offers_keep_contributions: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not offers_keep_contributions:
            del self.fields["keep_contributions"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your current password."), code="wrong_password")
        return password

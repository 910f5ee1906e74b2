"""Forms of the knowledge-base pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from therapies.evidence import ALL_LABELS


class TherapyFilterForm(forms.Form):
    condition = forms.ChoiceField(label=_("Condition"), required=False)
    label = forms.ChoiceField(
        label=_("Evidence"),
        required=False,
        choices=[("", _("Any evidence")), *((label.key, label.text) for label in ALL_LABELS)],
    )

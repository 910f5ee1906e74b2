"""The diary's forms: one entry (built from the condition's scale), the period shown, and the reminder switch.

A message sits next to the field it is about, and whatever was typed comes back with it.
"""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.survey.diary.models import DiaryEntry
from community.survey.diary.scales import Scale
from community.survey.models import Treatment

NOTE_LENGTH = 1000
REQUIRED = _("Please answer this question.")


def treatment_choices(condition: str) -> list[tuple[str, str]]:
    """The survey's treatment list for the condition: listed treatments with a published page for it, or the whole
    list when the condition has none."""
    listed = Treatment.objects.filter(listed=True).order_by("name")
    for_condition = listed.filter(
        therapy__for_conditions__condition__slug=condition, therapy__for_conditions__status="published"
    ).distinct()
    rows = list(for_condition.values_list("code", "name")) or list(listed.values_list("code", "name"))
    return [("", _("— choose from the list —")), *rows]


class EntryForm(forms.Form):
    form_token = forms.UUIDField(widget=forms.HiddenInput)
    day = forms.DateField(
        label=_("Day"),
        required=False,
        help_text=_("Leave empty for today. Format: 2026-03-31."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_LENGTH,
        help_text=_("Anything you want to remember. Only you can read it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    change = forms.ChoiceField(
        label=_("Did you start or stop a treatment?"),
        required=False,
        choices=[
            ("", _("No")),
            (DiaryEntry.Change.STARTED, _("I started one")),
            (DiaryEntry.Change.STOPPED, _("I stopped one")),
        ],
    )
    treatment = forms.ChoiceField(label=_("Which treatment?"), required=False)
    treatment_other = forms.CharField(
        label=_("Or type its name"), required=False, max_length=120, help_text=_("If it is not on the list.")
    )

    field_order = ["form_token", "day"]

    def __init__(self, *args, scale: Scale, condition: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.scale = scale
        self.condition = condition
        self.fields["treatment"].choices = treatment_choices(condition)
        scored: dict[str, forms.Field] = {}
        for item in scale.items:
            scored[f"item_{item.code}"] = forms.TypedChoiceField(
                label=item.text,
                help_text=item.help_text,
                choices=[(option.code, f"{option.score} – {option.label}") for option in item.options],
                coerce=str,
                widget=forms.RadioSelect,
                error_messages={"required": REQUIRED},
            )
        if not scale.items:
            scored["score"] = forms.IntegerField(
                label=scale.single.text if scale.single else _("How bad were your symptoms?"),
                help_text=_("From 0 (none) to %(maximum)s (as bad as you can imagine).") % {"maximum": scale.maximum},
                min_value=0,
                max_value=scale.maximum,
                error_messages={"required": REQUIRED},
            )
        # The score first, then the day, the note and the treatment.
        self.fields = {**scored, **self.fields}
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())

    def clean_day(self) -> datetime.date | None:
        day = self.cleaned_data.get("day")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the future."))
        return day

    def clean(self):
        data = super().clean()
        change = data.get("change")
        treatment, other = data.get("treatment"), (data.get("treatment_other") or "").strip()
        if change and not (treatment or other):
            self.add_error("treatment", _("Please choose the treatment, or type its name."))
        if treatment and other:
            self.add_error("treatment_other", _("Please either choose from the list or type a name, not both."))
        if (treatment or other) and not change:
            self.add_error("change", _("Please say whether you started or stopped it."))
        return data

    # The values the action takes.

    def entry_values(self) -> dict:
        """`actions.record_entry`'s arguments but the member: what the page and the API record alike."""
        score, items = self.score_and_items()
        return {
            "condition": self.condition,
            "scale": self.scale,
            "score": score,
            "items": items,
            "note": self.cleaned_data["note"],
            "change": self.cleaned_data["change"],
            "treatment": self.treatment_row(),
            "treatment_name": self.cleaned_data["treatment_other"],
            "recorded_at": self.recorded_at(),
            "form_token": self.cleaned_data["form_token"],
        }

    def score_and_items(self) -> tuple[int, dict[str, int]]:
        if not self.scale.items:
            return self.cleaned_data["score"], {}
        items = {}
        for item in self.scale.items:
            items[item.code] = item.score_of(self.cleaned_data[f"item_{item.code}"]) or 0
        return sum(items.values()), items

    def treatment_row(self) -> Treatment | None:
        code = self.cleaned_data.get("treatment")
        return Treatment.objects.filter(code=code).first() if code else None

    def recorded_at(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("day")
        if not day or day == timezone.localdate():
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


PERIODS = {
    "3m": (_("Last 3 months"), 92),
    "12m": (_("Last 12 months"), 366),
    "all": (_("Everything"), None),
}
DEFAULT_PERIOD = "12m"


class ReminderForm(forms.Form):
    weekly = forms.BooleanField(label=_("E-mail me a reminder once a week to record my score"), required=False)

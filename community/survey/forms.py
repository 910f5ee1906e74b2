"""The form of one survey step, built from the section's questions, and the consent step's form.

Every question becomes a field named by its item code (a block's items by "block:treatment:item"), so a
message sits next to the question it is about and the answers typed so far come back on an error.
"""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.survey import flow
from community.survey.definition import Kind, QuestionDef, Role, SectionDef, SurveyDef

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
SHORT_TEXT_LENGTH = 200
LONG_TEXT_LENGTH = 2000
DEFAULT_SCALES = {
    Kind.ITEM_0_4: [(str(n), str(n)) for n in range(5)],
    Kind.RATING_1_5: [(str(n), str(n)) for n in range(1, 6)],
}
REQUIRED = _("Please answer this question.")


class MonthField(forms.CharField):
    """A month as YYYY-MM: the browser's month picker where there is one, a text box elsewhere."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM", "inputmode": "numeric"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return value
        match = MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError(_("Please give the month as year and month, for example 2019-03."))
        today = timezone.localdate()
        year, month = int(match.group(1)), int(match.group(2))
        if year < 1900 or (year, month) > (today.year, today.month):
            raise forms.ValidationError(_("Please give a month that is not in the future."))
        return value


class OtherTreatmentsField(forms.CharField):
    def validate(self, value):
        super().validate(value)
        lines = [line for line in (value or "").splitlines() if line.strip()]
        if len(lines) > flow.MAX_OTHER_TREATMENTS:
            raise forms.ValidationError(
                _("Please name at most %(max)d, one per line.") % {"max": flow.MAX_OTHER_TREATMENTS}
            )
        if any(len(line.strip()) > 120 for line in lines):
            raise forms.ValidationError(_("Please keep each name under 120 characters."))


def field_for(question: QuestionDef, *, treatments: list[tuple[str, str]], required: bool) -> forms.Field:
    common = {"label": question.text, "help_text": question.help_text, "required": required}
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.ITEM_0_4, Kind.RATING_1_5):
        choices = [(o.code, o.label) for o in question.options] or DEFAULT_SCALES.get(kind, [])
        field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    elif kind == Kind.MULTIPLE:
        choices = treatments if question.role == Role.TREATMENTS else [(o.code, o.label) for o in question.options]
        field = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
        field.error_messages["required"] = _("Please choose at least one answer.")
    elif kind == Kind.NUMBER:
        field = forms.IntegerField(min_value=question.min_value, max_value=question.max_value, **common)
        if question.min_value is not None and question.max_value is not None:
            message = _("Please give a whole number from %(min)d to %(max)d.") % {
                "min": question.min_value,
                "max": question.max_value,
            }
            for key in ("invalid", "min_value", "max_value"):
                field.error_messages[key] = message
        field.widget.attrs["inputmode"] = "numeric"
    elif kind == Kind.SHORT_TEXT:
        field = forms.CharField(max_length=SHORT_TEXT_LENGTH, **common)
    elif kind == Kind.LONG_TEXT and question.role == Role.OTHER_TREATMENTS:
        field = OtherTreatmentsField(max_length=LONG_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 4}), **common)
    elif kind == Kind.LONG_TEXT:
        field = forms.CharField(max_length=LONG_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 4}), **common)
    elif kind == Kind.MONTH_YEAR:
        field = MonthField(**common)
    else:  # pragma: no cover - a block is not a field
        raise ValueError(f"no field for {kind}")
    if kind != Kind.MULTIPLE:
        field.error_messages["required"] = REQUIRED
    return field


class StepForm(forms.Form):
    """One section's questions; with `lenient` (the member goes back) nothing is required and what fails is left."""

    def __init__(
        self,
        data=None,
        *,
        definition: SurveyDef,
        section: SectionDef,
        answers: dict,
        treatments: list[tuple[str, str]],
        lenient: bool = False,
    ):
        super().__init__(data, initial=answers)
        self.section = section
        self.groups: list[dict] = []  # the block's fieldsets: {"name": …, "fields": [names]}
        names = dict(treatments)
        for question in section.questions:
            if not flow.question_visible(question, answers):
                continue
            if question.is_block:
                for entry in flow.tried(definition, answers, names):
                    group = {"name": entry.name, "key": entry.key, "fields": []}
                    for item in question.items:
                        name = flow.block_key(question, entry.key, item)
                        required = item.required and not lenient
                        self.fields[name] = field_for(item, treatments=treatments, required=required)
                        group["fields"].append(name)
                    self.groups.append(group)
            else:
                self.fields[question.code] = field_for(
                    question, treatments=treatments, required=question.required and not lenient
                )

    def grouped(self) -> list[dict]:
        """The block's fieldsets with their bound fields, for the template."""
        return [
            {"name": group["name"], "key": group["key"], "fields": [self[name] for name in group["fields"]]}
            for group in self.groups
        ]

    @property
    def plain_fields(self):
        in_groups = {name for group in self.groups for name in group["fields"]}
        return [self[name] for name in self.fields if name not in in_groups]

    def answers(self) -> dict:
        """The valid answers of this step, empty ones left out."""
        values = {}
        for name, value in (self.cleaned_data or {}).items():
            if value in (None, "", []):
                continue
            values[name] = value.strip() if isinstance(value, str) else value
        return values


class ConsentForm(forms.Form):
    statistics = forms.BooleanField(required=True)
    research = forms.BooleanField(required=False)
    recontact = forms.BooleanField(required=False)

    def __init__(self, *args, definition: SurveyDef, **kwargs):
        super().__init__(*args, **kwargs)
        for purpose in ("statistics", "research", "recontact"):
            self.fields[purpose].label = definition.consent_texts[purpose]
        self.fields["statistics"].error_messages["required"] = _(
            "Your answers can only be sent with this consent: the survey exists to make the community statistics. "
            "If you would rather not, you can leave without sending; your draft stays yours to delete."
        )

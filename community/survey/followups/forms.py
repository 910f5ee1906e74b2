"""The follow-up form, built from the current follow-up definition: a question shown only after another answer
(why did you stop? only after "no") is required only then, and its message sits next to it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from community.survey.definition import Kind, SurveyDef


class FollowUpForm(forms.Form):
    def __init__(self, *args, definition: SurveyDef, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.questions = [question for section in definition.sections for question in section.questions]
        for question in self.questions:
            choices = [(option.code, option.label) for option in question.options]
            if question.kind == Kind.MULTIPLE:
                field = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple)
            else:
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
            field.label, field.help_text = question.text, question.help_text
            # Required only when shown: checked in clean(), so the message names the question it belongs to.
            field.required = question.required and question.show_if is None
            self.fields[question.code] = field

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.show_if is None or not question.required or question.code in self.errors:
                continue
            if question.show_if.met(cleaned) and not cleaned.get(question.code):
                self.add_error(question.code, _("Please answer this question."))
        return cleaned

    def answers(self) -> dict:
        """The answers to the questions that were shown, by item code."""
        answers: dict = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.code)
            if question.show_if is not None and not question.show_if.met(answers):
                continue
            if value not in (None, "", []):
                answers[question.code] = value
        return answers

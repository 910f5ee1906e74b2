"""Fields rendered once and filled per request (portal/form_shells.py) come out exactly as Django renders them."""

from __future__ import annotations

import pytest
from django import forms
from django.http import QueryDict

from portal.form_shells import FieldShells


class ExampleForm(forms.Form):
    text = forms.CharField(label="Words", required=False, max_length=50, help_text="Any words.")
    email = forms.EmailField(label="E-mail", required=False)
    kind = forms.ChoiceField(label="Kind", required=False)
    size = forms.TypedChoiceField(label="Size", required=False, coerce=int, choices=[(1, "one"), (2, "two")])
    number = forms.IntegerField(label="Number", required=False)
    tick = forms.BooleanField(label="Tick", required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind"), *kinds]


KINDS = [("a", "A & B"), ("b<c>", "Tricky <value>"), ("é", "Accented"), ("a2", "Prefix of nothing")]


@pytest.mark.parametrize(
    "query",
    [
        None,
        "",
        "text=hello&kind=a&size=2&tick=on",
        "text=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&kind=b%3Cc%3E&size=1",
        "text=+spaced+out+&kind=%C3%A9&tick=false&email=someone%40example.org",
        "kind=&size=&tick=&number=7",
        "kind=no-such-kind&size=3&email=not-an-address&number=x",  # errors: those fields are Django's own
    ],
)
def test_every_field_is_filled_exactly_as_django_renders_it(query):
    shells = FieldShells(lambda **kwargs: ExampleForm(kinds=KINDS, **kwargs))
    form = ExampleForm(None if query is None else QueryDict(query), kinds=KINDS)
    form.is_valid()

    filled = shells.fill(form)

    assert filled == {name: str(form[name].as_field_group()) for name in form.fields}


def test_only_text_boxes_selects_and_checkboxes_are_kept_as_shells():
    shells = FieldShells(lambda **kwargs: ExampleForm(kinds=KINDS, **kwargs))
    # Other widgets (an e-mail box, a number box, which Django localises) are rendered by Django every time.
    assert set(shells.shells) == {"text", "kind", "size", "tick"}

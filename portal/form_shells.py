"""A form's fields rendered once and filled in per request by string work, for a form whose fields cost more to render
than the page around them (a <select> of 300 options through Django's template renderer takes ~50 ms).

Each field is rendered with the site's field template (label, help, widget) around a marker where a request's value
goes: a text box's value, a <select>'s selected option, a checkbox's tick (rendered both ways). Filling asks the
field's own widget how it shows the value (`format_value`, `check_test`), so the result is what Django would render;
tests/portal/test_form_shells.py compares the two. A field with errors, or with a widget not handled here, is
rendered by Django each time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MARKER = "\x00value\x00"  # survives escaping, and no choice or text of ours contains it


@dataclass(frozen=True)
class _TextShell:
    html: str

    def fill(self, widget: forms.Widget, value) -> str:
        shown = widget.format_value(value)
        return self.html.replace(f' value="{MARKER}"', "" if shown is None else f' value="{escape(shown)}"', 1)


@dataclass(frozen=True)
class _SelectShell:
    html: str  # no option selected

    def fill(self, widget: forms.Widget, value) -> str:
        html = self.html
        for chosen in widget.format_value(value):  # one value: single selects only
            option = f'<option value="{escape(chosen)}">'
            html = html.replace(option, f"{option[:-1]} selected>", 1)
        return html


@dataclass(frozen=True)
class _CheckboxShell:
    unticked: str
    ticked: str

    def fill(self, widget: forms.Widget, value) -> str:
        return self.ticked if widget.check_test(value) else self.unticked


class FieldShells:
    """The fields of `make_form(initial=…)`'s form, each rendered once as a shell to fill."""

    def __init__(self, make_form: Callable[..., forms.Form]) -> None:
        fields = make_form().fields
        markers = {name: MARKER for name in fields if not isinstance(fields[name].widget, forms.CheckboxInput)}
        unticked = make_form(initial={**markers, **{name: False for name in fields if name not in markers}})
        ticked = make_form(initial={name: True for name in fields if name not in markers})
        self.shells: dict[str, _TextShell | _SelectShell | _CheckboxShell] = {}
        for name, field in fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                self.shells[name] = _CheckboxShell(_html(unticked, name), _html(ticked, name))
            elif isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
                self.shells[name] = _SelectShell(_html(unticked, name))
            elif isinstance(widget, forms.TextInput):
                html = _html(unticked, name)
                if f' value="{MARKER}"' not in html:
                    raise ValueError(f"The text box {name!r} does not show its value the way Django's own does")
                self.shells[name] = _TextShell(html)

    def fill(self, form: forms.Form) -> dict[str, SafeString]:
        """Every field of `form` as its `as_field_group()` would render it, by name."""
        html = {}
        for name, field in form.fields.items():
            bound = form[name]
            shell = self.shells.get(name)
            if shell is None or (form.is_bound and bound.errors):
                html[name] = bound.as_field_group()
            else:
                html[name] = mark_safe(shell.fill(field.widget, bound.value()))
        return html


def _html(form: forms.Form, name: str) -> str:
    return str(form[name].as_field_group())

"""Forms of the knowledge-base pages and of the practitioner directory."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils import translation
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from portal import generations
from portal.form_shells import FieldShells
from portal.kept import kept_value, kept_values
from therapies.directory import distances
from therapies.directory.places import MAX_PLACE_LENGTH, Lookup, Place, country_choices, find_place
from therapies.directory.proposals import OWNER_EDITABLE, OWNER_EDITABLE_FIELDS, OWNER_EDITABLE_RELATIONS
from therapies.evidence import ALL_LABELS
from therapies.models import Condition, Language, ListingRequest, Practitioner, Therapy


class TherapyFilterForm(forms.Form):
    condition = forms.ChoiceField(label=_("Condition"), required=False)
    label = forms.ChoiceField(
        label=_("Evidence"),
        required=False,
        choices=[("", _("Any evidence")), *((label.key, label.text) for label in ALL_LABELS)],
    )


# --- The practitioner directory --------------------------------------------------------------------------------------

RADIUS_CHOICES = [(5, "5"), (10, "10"), (25, "25"), (50, "50"), (100, "100")]
DEFAULT_RADIUS = 25
US_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")
# What the search's choices show: therapies and conditions by name, the languages listings speak.
SEARCH_CHOICES_SCOPES = [generations.DIRECTORY, generations.KNOWLEDGE]
SEARCH_CHOICES_KEY = "directory:search-choices"


@dataclass(frozen=True)
class SearchChoices:
    """What the directory search offers, as (value, label) pairs: the published therapies and conditions, and the
    languages published listings speak."""

    therapies: tuple[tuple[str, str], ...]
    conditions: tuple[tuple[str, str], ...]
    languages: tuple[tuple[str, str], ...]

    @classmethod
    def load(cls) -> SearchChoices:
        speaking = Practitioner.languages.through.objects.filter(
            language=models.OuterRef("pk"), practitioner__status=Practitioner.Status.PUBLISHED
        )
        return cls(
            therapies=tuple(Therapy.objects.published().values_list("slug", "name")),
            conditions=tuple(Condition.objects.published().values_list("slug", "name")),
            # A semi-join: a DISTINCT over the join read every listing's languages (33 ms at 20,000 listings).
            languages=tuple(Language.objects.filter(models.Exists(speaking)).values_list("code", "name")),
        )


class _Pairs(BaseChoiceIterator):
    """Choices that are (value, label) pairs already: given a list, Django checks and copies every pair for the
    field and again for its widget, ~4 ms per search form for 400 choices."""

    def __init__(self, *pairs: tuple[str, str]) -> None:
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)


def published_search_choices() -> SearchChoices:
    """The search's choices, kept while the directory and the knowledge base are unchanged."""
    return kept_value(SEARCH_CHOICES_KEY, scopes=SEARCH_CHOICES_SCOPES, compute=SearchChoices.load)


def search_form_parts() -> tuple[SearchChoices, FieldShells]:
    """The search's choices, and the search form's fields rendered once over them in the current language, to fill per
    request (portal/form_shells.py): its <select>s of every therapy and condition were most of what a search page
    cost. Both kept, and read from the cache together."""
    shells_key = f"directory:search-fields:{translation.get_language()}"

    def compute(missing: list[str]) -> dict:
        parts = {}
        if SEARCH_CHOICES_KEY in missing:
            parts[SEARCH_CHOICES_KEY] = SearchChoices.load()
        if shells_key in missing:
            choices = parts.get(SEARCH_CHOICES_KEY) or published_search_choices()
            parts[shells_key] = FieldShells(lambda **kwargs: PractitionerSearchForm(choices=choices, **kwargs))
        return parts

    parts = kept_values([SEARCH_CHOICES_KEY, shells_key], scopes=SEARCH_CHOICES_SCOPES, compute=compute)
    return parts[SEARCH_CHOICES_KEY], parts[shells_key]


class PractitionerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, clinic or city"), required=False, max_length=100)
    therapy = forms.ChoiceField(label=_("Therapy"), required=False)
    condition = forms.ChoiceField(label=_("Condition treated"), required=False)
    near = forms.CharField(
        label=_("Near"),
        required=False,
        max_length=MAX_PLACE_LENGTH,
        help_text=_("A US ZIP code or a city, e.g. “Portland, Oregon” or “Berlin, Germany”."),
    )
    radius = forms.TypedChoiceField(
        label=_("Within"), required=False, coerce=int, choices=RADIUS_CHOICES, empty_value=DEFAULT_RADIUS
    )
    unit = forms.ChoiceField(
        label=_("Unit"),
        required=False,
        choices=[("", _("Automatic (miles in the US and UK)")), ("km", _("kilometres")), ("mi", _("miles"))],
    )
    language = forms.ChoiceField(label=_("Speaks"), required=False)
    telehealth = forms.BooleanField(label=_("Offers telehealth"), required=False)
    verified = forms.BooleanField(label=_("Verified by the portal only"), required=False)
    accepting = forms.BooleanField(label=_("Accepting new patients"), required=False)

    def __init__(self, *args, choices: SearchChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapy"].choices = _Pairs(("", _("Any therapy")), *choices.therapies)
        self.fields["condition"].choices = _Pairs(("", _("Any condition")), *choices.conditions)
        self.fields["language"].choices = _Pairs(("", _("Any language")), *choices.languages)
        self.lookup: Lookup | None = None

    @classmethod
    def with_published_choices(cls, data):
        """The form over the published therapies and conditions and the languages listings speak, as the
        directory page and the API both offer it."""
        return cls(data, choices=published_search_choices())

    def clean_near(self) -> str:
        text = " ".join(self.cleaned_data["near"].split())
        if not text:
            return ""
        self.lookup = find_place(text)
        if self.lookup.unknown:
            raise forms.ValidationError(
                _(
                    "We could not find “%(place)s”. Try a US ZIP code, or a city name with its country, "
                    "e.g. “Leeds, United Kingdom”."
                ),
                params={"place": text},
                code="unknown_place",
            )
        if self.lookup.ambiguous:
            raise forms.ValidationError(
                _("More than one place is called “%(place)s”. Choose one of those listed below."),
                params={"place": text},
                code="ambiguous_place",
            )
        return text

    @property
    def place(self) -> Place | None:
        return self.lookup.place if self.lookup is not None else None

    def search_arguments(self) -> dict:
        """The answers as `directory.search()`'s arguments, for the directory page and the API alike (a form not
        sent searches with no filter)."""
        data = self.cleaned_data if self.is_bound else {}
        place = self.place
        return {
            "text": data.get("q", ""),
            "therapy": data.get("therapy", ""),
            "condition": data.get("condition", ""),
            "language": data.get("language", ""),
            "telehealth": data.get("telehealth", False),
            "verified": data.get("verified", False),
            "accepting": data.get("accepting", False),
            "near": (place.latitude, place.longitude) if place else None,
            "radius_km": distances.km_from(self.radius_searched(), self.unit_for(place)),
        }

    def radius_searched(self) -> int:
        """The radius searched, in the form's unit: the default where none was chosen."""
        return (self.cleaned_data if self.is_bound else {}).get("radius") or DEFAULT_RADIUS

    def unit_for(self, place: Place | None) -> str:
        chosen = self.cleaned_data.get("unit") if self.is_bound and hasattr(self, "cleaned_data") else ""
        if chosen:
            return chosen
        return "mi" if place is not None and place.country_code in {"US", "GB"} else "km"


def _https_by_default(field, **kwargs):
    # Web addresses typed without a scheme ("lotus.example") become https://, as browsers do today.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ListingForm(forms.ModelForm):
    """A listing as a member writes it: a suggestion, or the owner's proposed edit."""

    class Meta:
        model = Practitioner
        formfield_callback = _https_by_default
        fields = list(OWNER_EDITABLE)
        widgets = {
            "kind": forms.RadioSelect,
            "languages": forms.CheckboxSelectMultiple,
            "therapies": forms.CheckboxSelectMultiple,
            "conditions": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "bio": _("Plain text or simple Markdown: training, approach, what a first visit is like."),
            "fees_note": _("For example “Sliding scale; no insurance billing”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *country_choices()])
        self.fields["therapies"].queryset = Therapy.objects.published().only("name")
        self.fields["conditions"].queryset = Condition.objects.published().only("name")

    def clean_postcode(self) -> str:
        return " ".join(self.cleaned_data["postcode"].upper().split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("country") == "US" and cleaned.get("postcode") and not US_ZIP.match(cleaned["postcode"]):
            self.add_error("postcode", _("A US ZIP code has five digits, e.g. 97214 (or ZIP+4, e.g. 97214-1234)."))
        return cleaned

    def relations(self) -> dict[str, list]:
        return {name: list(self.cleaned_data[name]) for name in ("languages", "therapies", "conditions")}

    def proposed_values(self) -> dict:
        """The form's values in the shape `proposals.current_values` gives, to compare and store."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields if name in OWNER_EDITABLE_FIELDS}
        for name, (_model, key) in OWNER_EDITABLE_RELATIONS.items():
            values[name] = sorted(getattr(item, key) for item in self.cleaned_data[name])
        return values


class SuggestListingForm(ListingForm):
    message = forms.CharField(
        label=_("How do you know this practitioner?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the editors read this. It helps them check the listing."),
    )
    token = forms.UUIDField(widget=forms.HiddenInput)


class ClaimListingForm(forms.Form):
    licence_number = forms.CharField(
        label=_("Your licence number"),
        max_length=60,
        help_text=_("An editor looks it up in the register of the licensing body."),
    )
    work_email = forms.EmailField(
        label=_("Your work e-mail address"),
        help_text=_("An address at your practice's own domain, if you have one; we may write to it to confirm."),
    )
    message = forms.CharField(
        label=_("Anything the editors should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportListingForm(forms.Form):
    problem = forms.ChoiceField(
        label=_("What is wrong?"), choices=ListingRequest.Problem.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Details"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example the new address, or what you saw on the licence register."),
    )

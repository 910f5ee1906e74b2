"""What the owner of a listing may change, and how a proposal reads: the fields, the listing's current values in
the shape a proposal stores, a waiting proposal as form data, and a proposal field by field for the editor.

The writes (suggest, claim, report, propose, decide) are in `therapies.actions.listings`.
"""

from __future__ import annotations

from typing import Any

from therapies.models import Condition, Language, ListingRequest, Practitioner, Therapy

# Fields an owner may propose to change, in the order the listing form shows them; status, verification, ownership
# and coordinates stay with editors.
OWNER_EDITABLE = (
    "kind",
    "name",
    "credentials",
    "licence_number",
    "licensing_body",
    "licence_region",
    "clinic_name",
    "street",
    "city",
    "region",
    "postcode",
    "country",
    "phone",
    "email",
    "website",
    "booking_url",
    "telehealth",
    "accepting_new_patients",
    "languages",
    "therapies",
    "conditions",
    "fees_note",
    "bio",
)
# Many-to-many fields, stored in a proposal as sorted lists of natural keys.
OWNER_EDITABLE_RELATIONS = {
    "therapies": (Therapy, "slug"),
    "conditions": (Condition, "slug"),
    "languages": (Language, "code"),
}
OWNER_EDITABLE_FIELDS = tuple(name for name in OWNER_EDITABLE if name not in OWNER_EDITABLE_RELATIONS)
ADDRESS_FIELDS = {"street", "city", "region", "postcode", "country"}


def current_values(practitioner: Practitioner) -> dict[str, Any]:
    """The owner-editable part of a listing, in the form a proposal stores."""
    values: dict[str, Any] = {name: getattr(practitioner, name) for name in OWNER_EDITABLE_FIELDS}
    for name, (_model, key) in OWNER_EDITABLE_RELATIONS.items():
        values[name] = sorted(getattr(item, key) for item in getattr(practitioner, name).all())
    return values


def proposal_as_initial(request: ListingRequest) -> dict[str, Any]:
    """A waiting proposal as form initial data, so the owner continues from what they sent."""
    initial = dict(request.changes)
    for name, (model, key) in OWNER_EDITABLE_RELATIONS.items():
        if name in initial:
            initial[name] = list(model.objects.filter(**{f"{key}__in": initial[name]}))
    return initial


def describe_changes(request: ListingRequest) -> list[dict[str, Any]]:
    """Field by field, what an edit proposal would change: label, current value, proposed value (names, not codes)."""
    now = current_values(request.practitioner)
    rows = []
    for name, proposed in request.changes.items():
        current = now.get(name)
        if name in OWNER_EDITABLE_RELATIONS:
            model, key = OWNER_EDITABLE_RELATIONS[name]
            names = dict(model.objects.filter(**{f"{key}__in": [*proposed, *current]}).values_list(key, "name"))
            current = [names.get(item, item) for item in current]
            proposed = [names.get(item, item) for item in proposed]
        label = Practitioner._meta.get_field(name).verbose_name
        rows.append({"field": name, "label": label, "current": current, "proposed": proposed})
    return rows

"""The treatment list members choose from: every therapy of the knowledge base, plus names editors added.

The knowledge base does not know the survey; a receiver connected in `CommunityConfig.ready()` keeps the list in
step with the therapies, and `list_all_therapies` catches up with therapies written in bulk (the demo data).
"""

from __future__ import annotations

from django.db.models import Q

from community.survey.models import Treatment


def choices(chosen: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(code, name) of the listed treatments, and of any the member chose before it left the list."""
    rows = Treatment.objects.filter(Q(listed=True) | Q(code__in=list(chosen))).order_by("name")
    return list(rows.values_list("code", "name"))


def sync_therapy(therapy) -> None:
    """The therapy's entry follows its name and whether it is published; its code stays what it first was."""
    treatment = Treatment.objects.filter(therapy=therapy).first()
    listed = therapy.status == "published"
    if treatment is None:
        code = therapy.slug
        if Treatment.objects.filter(code=code).exists():
            code = f"{therapy.slug}-{therapy.pk}"
        Treatment.objects.create(code=code, name=therapy.name, therapy=therapy, listed=listed)
    elif (treatment.name, treatment.listed) != (therapy.name, listed):
        treatment.name, treatment.listed = therapy.name, listed
        treatment.save(update_fields=["name", "listed"])


def list_all_therapies() -> int:
    """Entries for therapies that have none yet (created in bulk, without the receiver); returns how many."""
    from therapies.models import Therapy

    missing = Therapy.objects.filter(survey_treatment__isnull=True)
    taken = set(Treatment.objects.values_list("code", flat=True))
    rows = []
    for therapy in missing:
        code = therapy.slug if therapy.slug not in taken else f"{therapy.slug}-{therapy.pk}"
        taken.add(code)
        rows.append(Treatment(code=code, name=therapy.name, therapy=therapy, listed=therapy.status == "published"))
    Treatment.objects.bulk_create(rows)
    return len(rows)

"""The knowledge base's and the directory's part of `manage.py seed_demo --remove`: their demo rows go, real ones stay.

A page, a listing's therapies and conditions, an acupoint row and a citation hang from their demo page, therapy or
condition and go with it. A demo reference or acupoint that real content has come to use stays, as real content
now (it is a checked record of a study, or a standard point, not an invention). A real page about a demo therapy or
condition refuses the removal: deleting it would destroy an editor's work.
"""

from __future__ import annotations

from django.db.models import Q

from portal.demo import RemovalRefused, delete_with_history
from therapies.models import (
    Acupoint,
    Condition,
    ConditionCitation,
    FAQEntry,
    Practitioner,
    Reference,
    Therapy,
    TherapyCitation,
    TherapyCondition,
    TherapyConditionAcupoint,
    TherapyConditionCitation,
)


def remove_knowledge_base(*, stdout) -> None:
    stranded = TherapyCondition.objects.filter(demo=False).filter(Q(therapy__demo=True) | Q(condition__demo=True))
    if stranded.exists():
        names = ", ".join(str(page) for page in stranded.select_related("therapy", "condition")[:10])
        raise RemovalRefused(
            f"Real pages belong to a demo therapy or condition: {names}. Move or delete them in the admin first; "
            "nothing was removed."
        )
    demo_therapy_ids = list(Therapy.objects.filter(demo=True).values_list("pk", flat=True))
    pages = delete_with_history(TherapyCondition.objects.filter(demo=True))
    therapies = delete_with_history(Therapy.objects.filter(demo=True))
    FAQEntry.history.filter(therapy_id__in=demo_therapy_ids).delete()
    conditions = delete_with_history(Condition.objects.filter(demo=True))
    stdout.write(f"  {conditions} conditions, {therapies} therapies, {pages} therapy-for-condition pages")

    cited = (
        set(ConditionCitation.objects.values_list("reference_id", flat=True))
        | set(TherapyCitation.objects.values_list("reference_id", flat=True))
        | set(TherapyConditionCitation.objects.values_list("reference_id", flat=True))
    )
    kept_references = Reference.objects.filter(demo=True, pk__in=cited).update(demo=False)
    references = delete_with_history(Reference.objects.filter(demo=True))
    used = set(TherapyConditionAcupoint.objects.values_list("acupoint_id", flat=True))
    kept_points = Acupoint.objects.filter(demo=True, pk__in=used).update(demo=False)
    points = delete_with_history(Acupoint.objects.filter(demo=True))
    stdout.write(
        f"  {references} references and {points} acupoints; "
        f"{kept_references} references and {kept_points} acupoints kept, as real content uses them"
    )


def remove_directory(*, stdout) -> None:
    listings = delete_with_history(Practitioner.objects.filter(demo=True))
    stdout.write(f"  {listings} listings, with the requests about them")

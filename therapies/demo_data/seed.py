"""The knowledge base's part of `manage.py seed_demo`: references, acupoints, conditions, therapies and their pages.

The content lives in `therapies.demo_data`. Rows are matched on their natural
keys and saved only when a value differs, so a second run writes nothing and
records no new revision. Every row is written as demo content (portal/demo.py),
and a real row with the same key is left as it is. Scale "large" adds a
synthetic set for benchmarks, demo content as well.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from django.db import models

from therapies.citations import CitationRenderer, cited_keys
from therapies.demo_data import REVIEWERS
from therapies.demo_data.acupoints import ACUPOINTS
from therapies.demo_data.conditions import CONDITIONS
from therapies.demo_data.therapies import THERAPIES
from therapies.demo_data.therapy_conditions import THERAPY_CONDITIONS
from therapies.evidence import (
    DOWNGRADE_DOMAINS,
    Certainty,
    Direction,
    EffectSize,
    EvidenceBasis,
    Safety,
    evidence_label,
)
from therapies.models import (
    Acupoint,
    CitedText,
    Condition,
    FAQEntry,
    Reference,
    Status,
    Therapy,
    TherapyCondition,
    TherapyConditionAcupoint,
)

REFERENCES_CSV = Path(__file__).parent / "references.csv"

KIND_BY_DESIGN = {
    "meta-analysis": Reference.Kind.META_ANALYSIS,
    "systematic review": Reference.Kind.SYSTEMATIC_REVIEW,
    "RCT": Reference.Kind.RCT,
    "cohort": Reference.Kind.COHORT,
    "case report": Reference.Kind.CASE_REPORT,
    "guideline": Reference.Kind.GUIDELINE,
    "trial protocol": Reference.Kind.TRIAL_PROTOCOL,
    "validation study": Reference.Kind.OTHER,
}

CONDITION_FIELDS = ("name", "summary", *Condition.markdown_fields)
THERAPY_FIELDS = ("name", "category", "safety", "summary", *Therapy.markdown_fields)
PAGE_TEXT_FIELDS = ("excerpt", *TherapyCondition.markdown_fields)

BENCHMARK_CONDITIONS = 60
BENCHMARK_THERAPIES = 300
BENCHMARK_THERAPIES_PER_CONDITION = 50
BENCHMARK_GRADES = [
    # (evidence basis, certainty, direction, effect size)
    (EvidenceBasis.GRADED, Certainty.HIGH, Direction.BENEFIT, EffectSize.MODERATE),
    (EvidenceBasis.GRADED, Certainty.MODERATE, Direction.BENEFIT, EffectSize.SMALL),
    (EvidenceBasis.GRADED, Certainty.LOW, Direction.BENEFIT, EffectSize.LARGE),
    (EvidenceBasis.GRADED, Certainty.LOW, Direction.MIXED, ""),
    (EvidenceBasis.GRADED, Certainty.MODERATE, Direction.NO_EFFECT, EffectSize.TRIVIAL),
    (EvidenceBasis.GRADED, Certainty.LOW, Direction.HARM, EffectSize.SMALL),
    (EvidenceBasis.GRADED, Certainty.VERY_LOW, Direction.BENEFIT, ""),
    (EvidenceBasis.TRADITIONAL, "", "", ""),
]
BENCHMARK_TEXT = (
    "Placeholder text generated for performance tests. It describes no real study and makes no claim "
    "about any treatment; it only gives the page a realistic length.\n\n"
    "- a first point of a list\n- a second point of a list\n- a third point of a list\n\n"
    "A closing paragraph of about the same length as the editors' pages, again without any content."
)
BENCHMARK_REVIEW = {
    "demo": True,
    "status": Status.PUBLISHED,
    "reviewer_name": "Benchmark data",
    "reviewer_credential": "generated",
    "reviewed_on": date(2026, 1, 15),
    "next_review_due": date(2027, 1, 15),
}

M = TypeVar("M", bound=models.Model)
C = TypeVar("C", bound=CitedText)


@dataclass
class Tally:
    """What one part of the seed did to its rows."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Real rows with a demo row's natural key: never flagged, never overwritten.
    real: int = 0

    def __str__(self) -> str:
        kept = f", {self.real} real left as they are" if self.real else ""
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged{kept}"


def seed_knowledge_base(*, scale: str, stdout, with_logins: bool) -> None:
    """Load the demo knowledge base; with scale "large", add the benchmark set as well."""
    stdout.write(f"  References: {seed_references()}")
    acupoints, acupoint_tally = seed_acupoints()
    stdout.write(f"  Acupoints: {acupoint_tally}")
    conditions, condition_tally = seed_conditions()
    stdout.write(f"  Conditions: {condition_tally}")
    therapies, therapy_tally, faq_tally = seed_therapies()
    stdout.write(f"  Therapies: {therapy_tally}; FAQ entries: {faq_tally}")
    page_tally, point_tally = seed_therapy_conditions(therapies=therapies, conditions=conditions, acupoints=acupoints)
    stdout.write(f"  Therapy-for-condition pages: {page_tally}; acupoints on them: {point_tally}")
    if scale == "large":
        stdout.write(f"  Benchmark set: {seed_benchmark()}")


def seed_references() -> Tally:
    tally = Tally()
    with REFERENCES_CSV.open(newline="", encoding="utf-8") as csv_file:
        for row in csv.DictReader(csv_file):
            upsert(Reference, lookup={"key": row["key"]}, values=reference_values(row), tally=tally)
    return tally


def reference_values(row: Mapping[str, str]) -> dict[str, Any]:
    """One row of references.csv as Reference fields. The URL is the first source it was checked against and the
    finding our summary: both for editors only, never shown or linked on the site."""
    first_source = row["verified_from"].split(" ; ")[0].strip()
    return {
        "authors": row["authors"],
        "title": row["title"],
        "journal": row["journal"],
        # Two rows of the checked list give no year: they stay empty ("n.d." on the page), never a guess.
        "year": int(row["year"]) if row["year"] else None,
        "volume_pages": row["volume_pages"],
        "kind": KIND_BY_DESIGN.get(row["design"], Reference.Kind.OTHER),
        "doi": row["doi"],
        "pmid": row["pmid"],
        "url": first_source if first_source.startswith("http") else "",
        "finding": row["finding"],
    }


def seed_acupoints() -> tuple[dict[str, Acupoint], Tally]:
    tally = Tally()
    acupoints = {
        entry["code"]: upsert(
            Acupoint,
            lookup={"code": entry["code"]},
            values={
                **pick(entry, ("pinyin", "english_name", "meridian", "location")),
                "pregnancy_caution": entry.get("pregnancy_caution", ""),
            },
            tally=tally,
        )
        for entry in ACUPOINTS
    }
    return acupoints, tally


def seed_conditions() -> tuple[dict[str, Condition], Tally]:
    tally = Tally()
    conditions = {}
    for entry in CONDITIONS:
        values = {
            **pick(entry, CONDITION_FIELDS),
            "aliases": "\n".join(entry["aliases"]),
            "display_order": entry["display_order"],
            **review_fields(entry),
        }
        conditions[entry["slug"]] = upsert(Condition, lookup={"slug": entry["slug"]}, values=values, tally=tally)
    return conditions, tally


def seed_therapies() -> tuple[dict[str, Therapy], Tally, Tally]:
    therapy_tally, faq_tally = Tally(), Tally()
    therapies = {}
    for entry in THERAPIES:
        values = {
            **pick(entry, THERAPY_FIELDS),
            "aliases": "\n".join(entry["aliases"]),
            **review_fields(entry, therapy=entry["slug"]),
        }
        therapy = upsert(Therapy, lookup={"slug": entry["slug"]}, values=values, tally=therapy_tally)
        therapies[entry["slug"]] = therapy
        if not therapy.demo:
            continue  # a real therapy's FAQ is its editors'
        for order, (question, answer) in enumerate(entry["faq"], start=1):
            upsert(
                FAQEntry,
                lookup={"therapy": therapy, "order": order},
                values={"question": question, "answer": answer},
                tally=faq_tally,
            )
    return therapies, therapy_tally, faq_tally


def seed_therapy_conditions(
    *, therapies: Mapping[str, Therapy], conditions: Mapping[str, Condition], acupoints: Mapping[str, Acupoint]
) -> tuple[Tally, Tally]:
    page_tally, point_tally = Tally(), Tally()
    for entry in THERAPY_CONDITIONS:
        page = upsert(
            TherapyCondition,
            lookup={"therapy": therapies[entry["therapy"]], "condition": conditions[entry["condition"]]},
            values=therapy_condition_values(entry),
            tally=page_tally,
        )
        if not page.demo:
            continue  # a real page's points are its editors'
        for order, (code, note) in enumerate(entry.get("points", []), start=1):
            upsert(
                TherapyConditionAcupoint,
                lookup={"therapy_condition": page, "acupoint": acupoints[code]},
                values={"order": order, "note": note},
                tally=point_tally,
            )
    return page_tally, point_tally


def therapy_condition_values(entry: Mapping[str, Any]) -> dict[str, Any]:
    downgrades = set(entry.get("downgrades", ()))
    if unknown := downgrades - set(DOWNGRADE_DOMAINS):
        raise ValueError(f"Unknown downgrade domain(s) {sorted(unknown)} for {entry['therapy']} / {entry['condition']}")
    sessions_min, sessions_max = entry.get("sessions_per_week", (None, None))
    return {
        **pick(entry, PAGE_TEXT_FIELDS),
        "sessions_per_week_min": sessions_min,
        "sessions_per_week_max": sessions_max,
        "total_sessions": entry.get("total_sessions"),
        "minutes_per_session": entry.get("minutes_per_session"),
        "evidence_basis": entry.get("evidence_basis", EvidenceBasis.GRADED),
        "certainty": entry.get("certainty", ""),
        "direction": entry.get("direction", ""),
        "effect_size": entry.get("effect_size", ""),
        **{f"downgraded_for_{domain}": domain in downgrades for domain in DOWNGRADE_DOMAINS},
        "studies_count": entry.get("studies_count"),
        "participants_count": entry.get("participants_count"),
        **review_fields(entry, therapy=entry["therapy"]),
    }


def review_fields(entry: Mapping[str, Any], *, therapy: str = "") -> dict[str, Any]:
    """Status and the trust line, with the reviewer's competing interest on a page about a therapy they practise;
    the next review is due a year after the last unless the entry says otherwise."""
    reviewer = REVIEWERS[entry["reviewer"]]
    reviewed_on: date = entry["reviewed_on"]
    return {
        "status": entry.get("status", Status.PUBLISHED),
        "reviewer_name": reviewer.name,
        "reviewer_credential": reviewer.credential,
        "reviewer_competing_interests": reviewer.competing_interests if therapy in reviewer.practises else "",
        "reviewed_on": reviewed_on,
        "next_review_due": entry.get("next_review_due", reviewed_on.replace(year=reviewed_on.year + 1)),
    }


def pick(entry: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    return {field: entry[field] for field in fields}


def upsert(model: type[M], *, lookup: Mapping[str, Any], values: Mapping[str, Any], tally: Tally) -> M:
    """Create or update one row as demo content, validating it first; an unchanged row is not saved (and gets no
    revision), and a real row with this key (`demo` off) is returned as it is, neither flagged nor overwritten."""
    flagged = any(field.name == "demo" for field in model._meta.concrete_fields)
    if flagged:
        values = {**values, "demo": True}
    obj = model._default_manager.filter(**lookup).first()
    if obj is not None and flagged and not obj.demo:
        tally.real += 1
        return obj
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        tally.created += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        tally.unchanged += 1
        return obj
    for name in changed:
        setattr(obj, name, values[name])
    obj.full_clean()
    auto_now = [field.name for field in model._meta.concrete_fields if getattr(field, "auto_now", False)]
    obj.save(update_fields=[*changed, *auto_now])
    tally.updated += 1
    return obj


def seed_benchmark() -> str:
    """60 conditions and 300 therapies, each condition linked to 50 therapies with varied grades; bulk-created."""
    new_conditions = create_missing(Condition, [benchmark_condition(n) for n in range(1, BENCHMARK_CONDITIONS + 1)])
    new_therapies = create_missing(Therapy, [benchmark_therapy(n) for n in range(1, BENCHMARK_THERAPIES + 1)])

    conditions = Condition.objects.filter(slug__startswith="benchmark-condition-").order_by("display_order")
    therapies = list(Therapy.objects.filter(slug__startswith="benchmark-therapy-"))
    therapies.sort(key=lambda therapy: int(therapy.slug.rsplit("-", 1)[1]))
    existing = set(TherapyCondition.objects.filter(condition__in=conditions).values_list("therapy_id", "condition_id"))
    pages = []
    for n, condition in enumerate(conditions):
        for j in range(BENCHMARK_THERAPIES_PER_CONDITION):
            # A stride of 5 spreads the links evenly: every therapy ends up on 10 of the 60 conditions.
            therapy = therapies[(n * 5 + j) % len(therapies)]
            if (therapy.pk, condition.pk) not in existing:
                grade = BENCHMARK_GRADES[(n + j) % len(BENCHMARK_GRADES)]
                pages.append(benchmark_page(therapy=therapy, condition=condition, grade=grade))
    TherapyCondition.objects.bulk_create([with_rendered_markdown(page) for page in pages], batch_size=500)
    return f"{new_conditions} conditions, {new_therapies} therapies, {len(pages)} therapy-for-condition pages created"


def create_missing(model: type[C], objects: list[C]) -> int:
    """Bulk-create the objects whose slug is not taken yet; returns how many were created."""
    taken = set(model._default_manager.filter(slug__in=[obj.slug for obj in objects]).values_list("slug", flat=True))
    missing = [with_rendered_markdown(obj) for obj in objects if obj.slug not in taken]
    model._default_manager.bulk_create(missing, batch_size=500)
    return len(missing)


def with_rendered_markdown(obj: C) -> C:
    """What CitedText.save() would store in the *_html fields, for rows that bulk_create writes."""
    renderer = CitationRenderer()
    for field in obj.markdown_fields:
        text = getattr(obj, field)
        setattr(obj, f"{field}_html", renderer.render(text) if cited_keys(text) else render_uncited(text))
    return obj


@functools.cache
def render_uncited(text: str) -> str:
    # Without citations the numbering state plays no part, so the thousands of identical benchmark texts
    # are rendered once each instead of once per row.
    return CitationRenderer().render(text)


def benchmark_condition(number: int) -> Condition:
    return Condition(
        name=f"Benchmark condition {number}",
        slug=f"benchmark-condition-{number}",
        summary=f"Synthetic condition number {number}, generated for performance tests.",
        overview=BENCHMARK_TEXT,
        symptoms=BENCHMARK_TEXT,
        causes_and_triggers=BENCHMARK_TEXT,
        when_to_seek_care=BENCHMARK_TEXT,
        display_order=1000 + number,
        **BENCHMARK_REVIEW,
    )


def benchmark_therapy(number: int) -> Therapy:
    categories, safeties = Therapy.Category.values, Safety.values
    return Therapy(
        name=f"Benchmark therapy {number}",
        slug=f"benchmark-therapy-{number}",
        category=categories[number % len(categories)],
        safety=safeties[number % len(safeties)],
        summary=f"Synthetic therapy number {number}, generated for performance tests.",
        what_it_is=BENCHMARK_TEXT,
        how_it_works=BENCHMARK_TEXT,
        why_it_matters=BENCHMARK_TEXT,
        considerations_and_safety=BENCHMARK_TEXT,
        common_side_effects=BENCHMARK_TEXT,
        contraindications=BENCHMARK_TEXT,
        **BENCHMARK_REVIEW,
    )


def benchmark_page(*, therapy: Therapy, condition: Condition, grade: tuple[str, str, str, str]) -> TherapyCondition:
    basis, certainty, direction, effect_size = grade
    graded = basis == EvidenceBasis.GRADED
    return TherapyCondition(
        therapy=therapy,
        condition=condition,
        excerpt=f"Synthetic page: {therapy.name} for {condition.name}.",
        why_it_may_work=BENCHMARK_TEXT,
        how_it_is_used=BENCHMARK_TEXT,
        evidence_summary=BENCHMARK_TEXT,
        specific_warnings=BENCHMARK_TEXT,
        sessions_per_week_min=1,
        sessions_per_week_max=3,
        total_sessions=12,
        minutes_per_session=30,
        evidence_basis=basis,
        certainty=certainty,
        direction=direction,
        effect_size=effect_size,
        downgraded_for_risk_of_bias=certainty in (Certainty.LOW, Certainty.VERY_LOW),
        downgraded_for_imprecision=certainty == Certainty.VERY_LOW,
        studies_count=(therapy.pk % 20) + 1 if graded else None,
        participants_count=((therapy.pk % 20) + 1) * 80 if graded else None,
        label_key=evidence_label(basis=basis, certainty=certainty, direction=direction).key,
        **BENCHMARK_REVIEW,
    )

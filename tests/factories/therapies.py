"""Builders for knowledge-base content: keyword-only, with sensible published defaults."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from therapies.models import (
    Acupoint,
    Condition,
    Language,
    Practitioner,
    Reference,
    Status,
    Therapy,
    TherapyCondition,
    TherapyConditionAcupoint,
)

_numbers = itertools.count(1)


@pytest.fixture
def make_reference(db):
    def make(*, key: str | None = None, **fields) -> Reference:
        number = next(_numbers)
        defaults = {
            "authors": f"Author {number}",
            "title": f"A study number {number}",
            "journal": "Journal of Tests",
            "year": 2020,
            "kind": Reference.Kind.RCT,
            "doi": f"10.1000/test.{number}",
            "pmid": str(10000 + number),
        }
        return Reference.objects.create(key=key or f"ref{number}", **{**defaults, **fields})

    return make


@pytest.fixture
def make_condition(db):
    def make(*, name: str | None = None, status: str = Status.PUBLISHED, **fields) -> Condition:
        number = next(_numbers)
        name = name or f"Condition {number}"
        condition = Condition(
            name=name,
            slug=fields.pop("slug", None) or name.lower().replace(" ", "-"),
            summary=fields.pop("summary", f"What {name} is, in a line."),
            status=status,
            **fields,
        )
        condition.full_clean()
        condition.save()
        return condition

    return make


@pytest.fixture
def make_therapy(db):
    def make(*, name: str | None = None, status: str = Status.PUBLISHED, **fields) -> Therapy:
        number = next(_numbers)
        name = name or f"Therapy {number}"
        therapy = Therapy(
            name=name,
            slug=fields.pop("slug", None) or name.lower().replace(" ", "-"),
            category=fields.pop("category", Therapy.Category.TCM),
            summary=fields.pop("summary", f"What {name} is, in a line."),
            status=status,
            **fields,
        )
        therapy.full_clean()
        therapy.save()
        return therapy

    return make


@pytest.fixture
def make_page(db, make_therapy, make_condition):
    def make(
        *,
        therapy: Therapy | None = None,
        condition: Condition | None = None,
        status: str = Status.PUBLISHED,
        certainty: str = "low",
        direction: str = "benefit",
        **fields,
    ) -> TherapyCondition:
        page = TherapyCondition(
            therapy=therapy or make_therapy(),
            condition=condition or make_condition(),
            excerpt=fields.pop("excerpt", "A short excerpt."),
            status=status,
            certainty=certainty,
            direction=direction,
            **fields,
        )
        page.full_clean()
        page.save()
        return page

    return make


@pytest.fixture
def make_acupoint(db):
    def make(*, code: str, **fields) -> Acupoint:
        defaults = {"pinyin": f"Pinyin {code}", "meridian": "Stomach", "location": f"Where {code} is."}
        return Acupoint.objects.create(code=code, **{**defaults, **fields})

    return make


@pytest.fixture
def rls_page(make_condition, make_therapy, make_page, make_reference, make_acupoint):
    """Acupuncture for restless legs syndrome, with citations, points and a protocol."""
    make_reference(key="cui2008", title="Acupuncture for restless legs syndrome", kind=Reference.Kind.SYSTEMATIC_REVIEW)
    make_reference(key="raissi2017", title="Evaluation of Acupuncture in RLS")
    make_reference(key="unused2020", title="Attached but never cited")
    condition = make_condition(name="Restless legs syndrome", aliases="Willis–Ekbom disease\nRLS")
    therapy = make_therapy(
        name="Acupuncture",
        what_it_is="Thin needles at chosen points [@raissi2017].",
        safety="safe",
        reviewer_name="Dr. Test Reviewer",
        reviewer_credential="MD",
        reviewed_on=date(2026, 3, 1),
        next_review_due=date(2027, 3, 1),
    )
    page = make_page(
        therapy=therapy,
        condition=condition,
        certainty="very_low",
        direction="benefit",
        why_it_may_work="It may calm the nervous system [@raissi2017].",
        how_it_is_used="Weekly sessions.",
        evidence_summary="A review found too little evidence [@cui2008]. A trial of 46 people [@raissi2017; @cui2008].",
        specific_warnings="Tell your practitioner about blood thinners.",
        sessions_per_week_min=2,
        sessions_per_week_max=3,
        total_sessions=10,
        minutes_per_session=30,
        downgraded_for_risk_of_bias=True,
        downgraded_for_imprecision=True,
        studies_count=2,
        participants_count=170,
        reviewer_name="Dr. Page Reviewer",
        reviewer_credential="MD, neurologist",
        reviewed_on=date(2026, 4, 2),
        next_review_due=date(2027, 4, 2),
    )
    page.citations.model.objects.create(therapy_condition=page, reference=Reference.objects.get(key="unused2020"))
    for order, code in enumerate(["ST36", "SP6"]):
        TherapyConditionAcupoint.objects.create(
            therapy_condition=page, acupoint=make_acupoint(code=code), order=order, note="both legs"
        )
    return page


# The centre of US ZIP 97214 (Portland, Oregon) in the offline ZIP data; directory tests measure from here.
PORTLAND_97214 = (45.5142, -122.6364)


@pytest.fixture
def make_practitioner(db):
    """A published, unverified listing in Portland by default; pass latitude/longitude to place it. A verified one
    has its verification source unless told otherwise."""

    def make(
        *,
        name: str | None = None,
        status: str = Practitioner.Status.PUBLISHED,
        therapies=(),
        conditions=(),
        languages=(),
        **fields,
    ) -> Practitioner:
        number = next(_numbers)
        defaults = {
            "city": "Portland",
            "region": "OR",
            "postcode": "97214",
            "country": "US",
            "latitude": PORTLAND_97214[0],
            "longitude": PORTLAND_97214[1],
            "credentials": "L.Ac.",
        }
        if fields.get("verification_status") == Practitioner.Verification.VERIFIED:
            # A verification is recorded with its source (without one, no badge is shown).
            fields.setdefault("verification_source", "Oregon Medical Board licence search")
        listing = Practitioner(name=name or f"Practitioner {number}", status=status, **{**defaults, **fields})
        listing.save()
        listing.therapies.set(therapies)
        listing.conditions.set(conditions)
        listing.languages.set(Language.objects.filter(code__in=languages))
        return listing

    return make

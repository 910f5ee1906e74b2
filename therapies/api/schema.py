"""The OpenAPI documentation of the therapies endpoints: parameters, examples and the `extend_schema` arguments
that `therapies.api.views` hands to its viewsets."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter

from portal.api import ERRORS, NOT_FOUND_EXAMPLE, UNAUTHENTICATED_EXAMPLE, VALIDATION_ERROR_EXAMPLE, ErrorSerializer
from therapies.api.serializers import (
    LABEL_KEYS,
    ConditionDetailSerializer,
    ConditionSerializer,
    PractitionerDetailSerializer,
    PractitionerSerializer,
    ReferenceSerializer,
    TherapyConditionDetailSerializer,
    TherapyConditionSerializer,
    TherapyDetailSerializer,
    TherapySerializer,
    VoteSerializer,
    VotesSerializer,
)
from therapies.forms import DEFAULT_RADIUS, RADIUS_CHOICES
from therapies.models import Reference

VOTE_SCHEMA = {
    "request": VoteSerializer,
    "responses": {200: VotesSerializer, **ERRORS},
    "examples": [
        OpenApiExample("Vote up", value={"vote": "up"}, request_only=True),
        OpenApiExample("Counts after the vote", value={"up": 13, "down": 3, "mine": 1}, response_only=True),
        UNAUTHENTICATED_EXAMPLE,
        NOT_FOUND_EXAMPLE,
    ],
    "description": "Vote up or down once (members with a verified e-mail address); vote again to change it, "
    "`withdraw` to take it back. Answers the counts as the page shows them.",
}


SLUG = OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="The slug in the page's address.")
CONDITION_EXAMPLE = {
    "slug": "restless-legs-syndrome",
    "name": "Restless legs syndrome",
    "aliases": ["Willis–Ekbom disease", "RLS"],
    "summary": "An urge to move the legs, worse in the evening and at rest.",
    "url": "/conditions/restless-legs-syndrome/",
    "reviewed": {
        "reviewer_name": "Dr A. Example",
        "reviewer_credential": "MD, neurologist",
        "reviewer_competing_interests": "",
        "demo": False,
        "reviewed_on": "2025-01-15",
        "next_review_due": "2026-01-15",
    },
}


CONDITION_LIST = {
    "summary": "Published conditions",
    "description": "In the order of the conditions page.",
    "responses": {200: ConditionSerializer(many=True), 404: ErrorSerializer},
    "examples": [OpenApiExample("A page of conditions", value=CONDITION_EXAMPLE, response_only=True)],
}


CONDITION_RETRIEVE = {
    "summary": "A condition page",
    "description": "Its text, the therapies ranked by evidence as on the page (and the unranked ones apart), and "
    "its numbered references.",
    "parameters": [SLUG],
    "responses": {200: ConditionDetailSerializer, 404: ErrorSerializer},
    "examples": [
        OpenApiExample(
            "Restless legs syndrome",
            value={
                **CONDITION_EXAMPLE,
                "overview_html": "<p>…</p>",
                "therapies_ranked": [
                    {
                        "therapy": {"slug": "iron-supplementation", "name": "Iron supplementation"},
                        "label": {"key": "may-help", "text": "May help", "ranked": True},
                        "excerpt": "For people with low iron stores.",
                        "safety": "caution",
                        "safety_text": "Use with caution",
                        "url": "/therapies/iron-supplementation/restless-legs-syndrome/",
                    }
                ],
                "therapies_unranked": [],
                "references": [],
            },
            response_only=True,
        ),
        NOT_FOUND_EXAMPLE,
    ],
}


THERAPY_FILTERS = [
    OpenApiParameter("condition", OpenApiTypes.STR, description="Only therapies with a page for this condition slug."),
    OpenApiParameter(
        "label", OpenApiTypes.STR, enum=LABEL_KEYS, description="Only therapies with a page carrying this label."
    ),
]
THERAPY_EXAMPLE = {
    "slug": "acupuncture",
    "name": "Acupuncture",
    "aliases": ["Needling"],
    "category": "tcm",
    "category_text": "Traditional Chinese medicine",
    "summary": "Fine needles at chosen points.",
    "safety": "safe",
    "safety_text": "Generally safe with a qualified practitioner",
    "url": "/therapies/acupuncture/",
    "helps_with": [
        {
            "condition": {"slug": "restless-legs-syndrome", "name": "Restless legs syndrome"},
            "label": {"key": "very-uncertain", "text": "Evidence is very uncertain", "ranked": False},
            "excerpt": "Small trials, mixed quality.",
            "url": "/therapies/acupuncture/restless-legs-syndrome/",
        }
    ],
}


THERAPY_LIST = {
    "summary": "Published therapies",
    "description": "Filterable like the therapies page; each with the conditions it has a page for and their labels. "
    "Query parameters the page would refuse (an unknown condition or label) answer 400 with the message.",
    "parameters": THERAPY_FILTERS,
    "responses": {200: TherapySerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
    "examples": [OpenApiExample("A therapy", value=THERAPY_EXAMPLE, response_only=True), VALIDATION_ERROR_EXAMPLE],
}


THERAPY_RETRIEVE = {
    "summary": "A therapy page",
    "parameters": [SLUG],
    "responses": {200: TherapyDetailSerializer, 404: ErrorSerializer},
    "examples": [
        OpenApiExample(
            "Acupuncture",
            value={
                **THERAPY_EXAMPLE,
                "what_it_is_html": "<p>…</p>",
                "faq": [{"question": "Does it hurt?", "answer_html": "<p>Rarely.</p>"}],
                "references": [],
                "votes": {"up": 12, "down": 3, "mine": 0},
                "reviewed": CONDITION_EXAMPLE["reviewed"],
            },
            response_only=True,
        ),
        NOT_FOUND_EXAMPLE,
    ],
}


THERAPY_VOTE = {"summary": "Vote on a therapy", "parameters": [SLUG], **VOTE_SCHEMA}


THERAPY_SLUG = OpenApiParameter("therapy", OpenApiTypes.STR, OpenApiParameter.PATH, description="The therapy's slug.")
CONDITION_SLUG = OpenApiParameter(
    "condition", OpenApiTypes.STR, OpenApiParameter.PATH, description="The condition's slug."
)
THERAPY_CONDITION_EXAMPLE = {
    "therapy": {"slug": "acupuncture", "name": "Acupuncture"},
    "condition": {"slug": "restless-legs-syndrome", "name": "Restless legs syndrome"},
    "label": {"key": "very-uncertain", "text": "Evidence is very uncertain", "ranked": False},
    "excerpt": "Small trials, mixed quality.",
    "url": "/therapies/acupuncture/restless-legs-syndrome/",
}
THERAPY_CONDITION_DETAIL_EXAMPLE = {
    **THERAPY_CONDITION_EXAMPLE,
    "safety": "safe",
    "safety_text": "Generally safe with a qualified practitioner",
    "why_it_may_work_html": "<p>…</p>",
    "how_it_is_used_html": "<p>…</p>",
    "protocol": {
        "sessions_per_week_min": 1,
        "sessions_per_week_max": 2,
        "total_sessions": 10,
        "minutes_per_session": 30,
    },
    "acupoints": [
        {
            "code": "ST36",
            "pinyin": "Zusanli",
            "english_name": "Leg Three Miles",
            "meridian": "Stomach",
            "location": "Below the knee.",
            "note": "both sides",
        }
    ],
    "evidence": {
        "basis": "graded",
        "certainty": "very_low",
        "direction": "benefit",
        "effect_size": "",
        "downgrade_reasons": ["risk of bias", "imprecision"],
        "studies_count": 2,
        "participants_count": 84,
        "label": {"key": "very-uncertain", "text": "Evidence is very uncertain", "ranked": False},
        "summary_html": "<p>…</p>",
    },
    "specific_warnings_html": "",
    "references": [],
    "votes": {"up": 4, "down": 1, "mine": 0},
    "reviewed": CONDITION_EXAMPLE["reviewed"],
}


THERAPY_CONDITION_LIST = {
    "summary": "Published therapy-for-condition pages",
    "parameters": [
        OpenApiParameter("therapy", OpenApiTypes.STR, description="Only pages of this therapy (slug)."),
        OpenApiParameter("condition", OpenApiTypes.STR, description="Only pages for this condition (slug)."),
        OpenApiParameter("label", OpenApiTypes.STR, enum=LABEL_KEYS, description="Only pages with this label."),
    ],
    "responses": {200: TherapyConditionSerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
    "examples": [OpenApiExample("A page", value=THERAPY_CONDITION_EXAMPLE, response_only=True)],
}


THERAPY_CONDITION_RETRIEVE = {
    "summary": "A therapy-for-condition page",
    "description": "The evidence field by field with its plain label, the protocol and points, warnings and the "
    "numbered references.",
    "parameters": [THERAPY_SLUG, CONDITION_SLUG],
    "responses": {200: TherapyConditionDetailSerializer, 404: ErrorSerializer},
    "examples": [
        OpenApiExample("Acupuncture for RLS", value=THERAPY_CONDITION_DETAIL_EXAMPLE, response_only=True),
        NOT_FOUND_EXAMPLE,
    ],
}


THERAPY_CONDITION_VOTE = {
    "summary": "Vote on a therapy-for-condition page",
    "parameters": [THERAPY_SLUG, CONDITION_SLUG],
    **VOTE_SCHEMA,
}


# The checked row of therapies/demo_data/references.csv.
REFERENCE_EXAMPLE = {
    "key": "cui2008",
    "authors": "Cui Y, Wang Y, Liu Z",
    "title": "Acupuncture for restless legs syndrome",
    "journal": "Cochrane Database of Systematic Reviews",
    "year": 2008,
    "volume_pages": "Issue 4; CD006457",
    "kind": "systematic review",
    "kind_text": "Systematic review",
    "doi": "10.1002/14651858.CD006457.pub2",
    "doi_url": "https://doi.org/10.1002/14651858.CD006457.pub2",
    "pmid": "18843716",
    "pubmed_url": "https://pubmed.ncbi.nlm.nih.gov/18843716/",
}


REFERENCE_LIST = {
    "summary": "References",
    "description": "The studies the pages cite.",
    "parameters": [
        OpenApiParameter(
            "kind", OpenApiTypes.STR, enum=list(Reference.Kind.values), description="Only this kind of study."
        )
    ],
    "responses": {200: ReferenceSerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
    "examples": [
        OpenApiExample(
            "A reference",
            value=REFERENCE_EXAMPLE,
            response_only=True,
        )
    ],
}


REFERENCE_RETRIEVE = {
    "summary": "A reference",
    "parameters": [OpenApiParameter("key", OpenApiTypes.STR, OpenApiParameter.PATH, description="Citation key.")],
    "responses": {200: ReferenceSerializer, 404: ErrorSerializer},
    "examples": [OpenApiExample("A reference", value=REFERENCE_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
}


PRACTITIONER_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in the name, the clinic or the city."),
    OpenApiParameter("therapy", OpenApiTypes.STR, description="Offers this therapy (slug)."),
    OpenApiParameter("condition", OpenApiTypes.STR, description="Treats this condition (slug)."),
    OpenApiParameter(
        "near",
        OpenApiTypes.STR,
        description="A US ZIP code or a city, e.g. “Portland, Oregon”; results come nearest first, with distances.",
    ),
    OpenApiParameter(
        "radius",
        OpenApiTypes.INT,
        enum=[value for value, _label in RADIUS_CHOICES],
        description=f"With `near`: how far to look, in `unit` (default {DEFAULT_RADIUS}).",
    ),
    OpenApiParameter(
        "unit",
        OpenApiTypes.STR,
        enum=["km", "mi"],
        description="Kilometres or miles (default: miles in the US and UK).",
    ),
    OpenApiParameter("language", OpenApiTypes.STR, description="Speaks this language (code, e.g. “es”)."),
    OpenApiParameter("telehealth", OpenApiTypes.BOOL, description="Only listings offering telehealth."),
    OpenApiParameter("verified", OpenApiTypes.BOOL, description="Only listings whose licence the portal verified."),
    OpenApiParameter("accepting", OpenApiTypes.BOOL, description="Only listings accepting new patients."),
]
PRACTITIONER_EXAMPLE = {
    "slug": "kenji-aramaki-portland",
    "kind": "person",
    "name": "Kenji Aramaki",
    "credentials": "L.Ac.",
    "clinic_name": "Hawthorne Acupuncture",
    "city": "Portland",
    "region": "OR",
    "postcode": "97214",
    "country": "US",
    "latitude": 45.51,
    "longitude": -122.64,
    "telehealth": False,
    "accepting_new_patients": True,
    "verified": True,
    "verified_on": "2025-02-01",
    "last_confirmed_on": "2025-02-01",
    "therapies": [{"slug": "acupuncture", "name": "Acupuncture"}],
    "languages": [{"code": "en", "name": "English"}],
    "url": "/practitioners/kenji-aramaki-portland/",
    "distance": 1.2,
    "distance_unit": "mi",
}


PRACTITIONER_LIST = {
    "summary": "Search the practitioner directory",
    "description": "Every filter of the directory page. With `near`, listings within `radius` come nearest first, "
    "each with its distance; without it, verified listings first. A place the directory does not know, or "
    "one that names several places, answers 400 with the message the page shows next to the field.",
    "parameters": PRACTITIONER_FILTERS,
    "responses": {200: PractitionerSerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
    "examples": [
        OpenApiExample("A listing near 97214", value=PRACTITIONER_EXAMPLE, response_only=True),
        OpenApiExample(
            "Unknown place",
            value={
                "detail": "Please correct the errors below.",
                "errors": {
                    "near": [
                        "We could not find “Atlantis”. Try a US ZIP code, or a city name with its "
                        "country, e.g. “Leeds, United Kingdom”."
                    ]
                },
            },  # fmt: skip
            response_only=True,
            status_codes=["400"],
        ),
    ],
}


PRACTITIONER_RETRIEVE = {
    "summary": "A practitioner's listing",
    "description": "As the listing page shows it, without the e-mail address.",
    "parameters": [SLUG],
    "responses": {200: PractitionerDetailSerializer, 404: ErrorSerializer},
    "examples": [
        OpenApiExample(
            "A listing",
            value={
                **{k: v for k, v in PRACTITIONER_EXAMPLE.items() if k not in ("distance", "distance_unit")},
                "licence_number": "AC-1234",
                "licensing_body": "Oregon Medical Board",
                "licence_region": "Oregon",
                "street": "1200 SE Belmont St",
                "address_lines": [
                    "Hawthorne Acupuncture",
                    "1200 SE Belmont St",
                    "Portland, OR 97214",
                    "United States",
                ],
                "country_name": "United States",
                "map_url": "https://www.openstreetmap.org/?mlat=45.51000&mlon=-122.64000#map=16/45.51000/-122.64000",
                "phone": "503-555-0142",
                "website": "https://hawthorne.example",
                "booking_url": "",
                "fees_note": "Sliding scale.",
                "bio_html": "<p>Trained in Chengdu.</p>",
                "conditions": [{"slug": "restless-legs-syndrome", "name": "Restless legs syndrome"}],
            },
            response_only=True,
        ),
        NOT_FOUND_EXAMPLE,
    ],
}

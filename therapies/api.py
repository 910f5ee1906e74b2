"""The knowledge base and the practitioner directory in the REST API: what the pages show, as JSON; and votes.

Reads show published content only (editors preview drafts on the pages). Votes go through
`therapies.actions.votes`, as the pages' vote buttons do.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import filters, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portal import generations
from portal.api import (
    ERRORS,
    NOT_FOUND_EXAMPLE,
    SLUG_PATTERN,
    UNAUTHENTICATED_EXAMPLE,
    VALIDATION_ERROR_EXAMPLE,
    ErrorSerializer,
    KeptForVisitors,
    PagePagination,
    Refused,
    form_errors,
    invalid,
    query_param,
)
from therapies.actions.votes import VOTE_VALUES, cast_vote
from therapies.directory import finding
from therapies.evidence import ALL_LABELS, ranked_and_unranked
from therapies.forms import DEFAULT_RADIUS, RADIUS_CHOICES, PractitionerSearchForm, TherapyFilterForm
from therapies.invalidation import pair_tally, therapy_tally
from therapies.models import (
    Condition,
    ConditionCitation,
    FAQEntry,
    Language,
    Practitioner,
    Reference,
    Therapy,
    TherapyCondition,
    TherapyConditionAcupoint,
    TherapyConditionCitation,
    alias_list,
)
from therapies.permissions import can_vote

LABEL_KEYS = [label.key for label in ALL_LABELS]


def _citations(model) -> Prefetch:
    return Prefetch("citations", queryset=model.objects.select_related("reference"))


# --- Serializers -----------------------------------------------------------------------------------------------------


class LabelSerializer(serializers.Serializer):
    """The one plain label every page shows for the evidence (derived from certainty × direction)."""

    key = serializers.ChoiceField(choices=LABEL_KEYS)
    text = serializers.CharField()
    ranked = serializers.BooleanField(help_text="False for labels listed apart, unranked, on condition pages.")


class ReviewedSerializer(serializers.Serializer):
    reviewer_name = serializers.CharField()
    reviewer_credential = serializers.CharField()
    reviewer_competing_interests = serializers.CharField(help_text="Empty when the reviewer declared none.")
    demo = serializers.BooleanField(
        help_text="Demo content: the reviewer is fictional, and nobody reviewed the page (`seed_demo`)."
    )
    reviewed_on = serializers.DateField(allow_null=True)
    next_review_due = serializers.DateField(allow_null=True)


class ReferenceSerializer(serializers.ModelSerializer):
    """The public record of a study. Where it was checked (`url`) and our summary of what it found (`finding`) are
    for editors only; the outbound links are DOI and PubMed."""

    doi_url = serializers.CharField(read_only=True)
    pubmed_url = serializers.CharField(read_only=True)
    kind_text = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Reference
        fields = [
            "key", "authors", "title", "journal", "year", "volume_pages", "kind", "kind_text", "doi", "doi_url",
            "pmid", "pubmed_url",
        ]  # fmt: skip


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class AliasesField(serializers.Field):
    """Other names, one per line in the editors' text, as a list."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: str) -> list[str]:
        return alias_list(value)


class NamedSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class ConditionSerializer(serializers.ModelSerializer):
    aliases = AliasesField()
    url = serializers.CharField(source="get_absolute_url", help_text="The page on the site.")
    reviewed = ReviewedSerializer(source="*")

    class Meta:
        model = Condition
        fields = ["slug", "name", "aliases", "summary", "url", "reviewed"]


class ConditionTherapySerializer(serializers.Serializer):
    therapy = NamedSerializer()
    label = LabelSerializer()
    excerpt = serializers.CharField()
    safety = serializers.CharField(source="therapy.safety")
    safety_text = serializers.CharField(source="therapy.get_safety_display")
    url = serializers.CharField()


class ConditionDetailSerializer(ConditionSerializer):
    therapies_ranked = ConditionTherapySerializer(
        many=True, help_text="By evidence of benefit, then effect size, then safety (as on the page)."
    )
    therapies_unranked = ConditionTherapySerializer(
        many=True,
        help_text="Very uncertain, not enough checked evidence, or traditional use only: listed apart, by name.",
    )
    references = ReferenceSerializer(many=True, source="ordered_references")

    class Meta(ConditionSerializer.Meta):
        fields = [
            *ConditionSerializer.Meta.fields, "overview_html", "symptoms_html", "causes_and_triggers_html",
            "when_to_seek_care_html", "therapies_ranked", "therapies_unranked", "references",
        ]  # fmt: skip


class HelpsWithSerializer(serializers.Serializer):
    condition = NamedSerializer()
    label = LabelSerializer()
    excerpt = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


class VotesSerializer(serializers.Serializer):
    up = serializers.IntegerField()
    down = serializers.IntegerField()
    mine = serializers.ChoiceField(choices=[1, -1, 0], help_text="Your vote: 1 up, -1 down, 0 none (0 for visitors).")


class TherapySerializer(serializers.ModelSerializer):
    aliases = AliasesField()
    category_text = serializers.CharField(source="get_category_display")
    safety_text = serializers.CharField(source="get_safety_display")
    url = serializers.CharField(source="get_absolute_url")
    helps_with = HelpsWithSerializer(
        many=True,
        source="pages",
        help_text="Its per-condition pages: the conditions it was studied for, each with its label.",
    )

    class Meta:
        model = Therapy
        fields = [
            "slug", "name", "aliases", "category", "category_text", "summary", "safety", "safety_text", "url",
            "helps_with",
        ]  # fmt: skip


class FAQSerializer(serializers.ModelSerializer):
    class Meta:
        model = FAQEntry
        fields = ["question", "answer_html"]


class TherapyDetailSerializer(TherapySerializer):
    faq = FAQSerializer(many=True, source="faq_entries")
    references = ReferenceSerializer(many=True, source="ordered_references")
    votes = serializers.SerializerMethodField()
    reviewed = ReviewedSerializer(source="*")

    class Meta(TherapySerializer.Meta):
        fields = [
            *TherapySerializer.Meta.fields, "what_it_is_html", "how_it_works_html", "why_it_matters_html",
            "considerations_and_safety_html", "common_side_effects_html", "contraindications_html", "faq",
            "references", "votes", "reviewed",
        ]  # fmt: skip

    @staticmethod
    def _votes(item, request) -> dict:
        return {"up": item.up_votes, "down": item.down_votes, "mine": item.votes.value_of(request.user)}

    @extend_schema_field(VotesSerializer)
    def get_votes(self, therapy) -> dict:
        return self._votes(therapy, self.context["request"])


class TherapyConditionSerializer(serializers.ModelSerializer):
    therapy = NamedSerializer()
    condition = NamedSerializer()
    label = LabelSerializer()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = TherapyCondition
        fields = ["therapy", "condition", "label", "excerpt", "url"]


class ProtocolSerializer(serializers.Serializer):
    sessions_per_week_min = serializers.IntegerField(allow_null=True)
    sessions_per_week_max = serializers.IntegerField(allow_null=True)
    total_sessions = serializers.IntegerField(allow_null=True)
    minutes_per_session = serializers.IntegerField(allow_null=True)


class AcupointSerializer(serializers.Serializer):
    code = serializers.CharField(source="acupoint.code")
    pinyin = serializers.CharField(source="acupoint.pinyin")
    english_name = serializers.CharField(source="acupoint.english_name")
    meridian = serializers.CharField(source="acupoint.meridian")
    location = serializers.CharField(source="acupoint.location")
    pregnancy_caution = serializers.CharField(source="acupoint.pregnancy_caution")
    note = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    """The editors' GRADE judgement, field by field, with the plain label derived from it."""

    basis = serializers.CharField(
        source="evidence_basis",
        help_text="graded; insufficient (not enough checked evidence to grade); traditional (traditional use only).",
    )
    certainty = serializers.CharField(help_text="high, moderate, low, very_low; empty when not graded.")
    direction = serializers.CharField(help_text="benefit, no_effect, harm, mixed; empty when not graded.")
    effect_size = serializers.CharField(help_text="large, moderate, small, trivial; may be empty.")
    downgrade_reasons = serializers.ListField(child=serializers.CharField())
    studies_count = serializers.IntegerField(allow_null=True)
    participants_count = serializers.IntegerField(allow_null=True)
    label = LabelSerializer()
    summary_html = serializers.CharField(source="evidence_summary_html")


class TherapyConditionDetailSerializer(TherapyConditionSerializer):
    safety = serializers.CharField(source="therapy.safety")
    safety_text = serializers.CharField(source="therapy.get_safety_display")
    protocol = ProtocolSerializer(source="*")
    acupoints = AcupointSerializer(many=True, source="point_rows.all")
    evidence = EvidenceSerializer(source="*")
    references = ReferenceSerializer(many=True, source="ordered_references")
    votes = serializers.SerializerMethodField()
    reviewed = ReviewedSerializer(source="*")

    class Meta(TherapyConditionSerializer.Meta):
        fields = [
            *TherapyConditionSerializer.Meta.fields, "safety", "safety_text", "why_it_may_work_html",
            "how_it_is_used_html", "protocol", "acupoints", "evidence", "specific_warnings_html", "references",
            "votes", "reviewed",
        ]  # fmt: skip

    @extend_schema_field(VotesSerializer)
    def get_votes(self, page) -> dict:
        return TherapyDetailSerializer._votes(page, self.context["request"])


class LanguageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Language
        fields = ["code", "name"]


class PractitionerSerializer(serializers.ModelSerializer):
    verified = serializers.BooleanField(source="is_verified")
    therapies = NamedSerializer(many=True)
    languages = LanguageSerializer(many=True)
    url = serializers.CharField(source="get_absolute_url")
    distance = serializers.SerializerMethodField(
        help_text="From the place searched (`near`), in `distance_unit`; null without a place."
    )
    distance_unit = serializers.SerializerMethodField()

    class Meta:
        model = Practitioner
        fields = [
            "slug", "kind", "name", "credentials", "clinic_name", "city", "region", "postcode", "country",
            "latitude", "longitude", "telehealth", "accepting_new_patients", "verified", "verified_on",
            "last_confirmed_on", "therapies", "languages", "url", "distance", "distance_unit",
        ]  # fmt: skip

    def get_distance(self, listing) -> float | None:
        distance = listing.distance_in(self.context.get("unit", "km"))
        return None if distance is None else round(distance, 1)

    def get_distance_unit(self, listing) -> str:
        return self.context.get("unit", "km")


class PractitionerDetailSerializer(PractitionerSerializer):
    """A listing as its page shows it. Its e-mail address is left out: the API never hands out addresses."""

    conditions = NamedSerializer(many=True)
    address_lines = serializers.ListField(child=serializers.CharField())
    country_name = serializers.CharField()
    map_url = serializers.CharField()
    bio_html = serializers.CharField()

    class Meta(PractitionerSerializer.Meta):
        fields = [
            *(f for f in PractitionerSerializer.Meta.fields if f not in ("distance", "distance_unit")),
            "licence_number", "licensing_body", "licence_region", "street", "address_lines", "country_name",
            "map_url", "phone", "website", "booking_url", "fees_note", "bio_html", "conditions",
        ]  # fmt: skip


class VoteSerializer(serializers.Serializer):
    vote = serializers.ChoiceField(choices=list(VOTE_VALUES))


class PractitionerPagination(PagePagination):
    """Pages of listings, with the place the search was near (null without one)."""

    def paginate_queryset(self, queryset, request, view=None):
        self.place = getattr(view, "place", None)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        place = self.place
        response.data["place"] = (
            None if place is None else {"label": place.label, "latitude": place.latitude, "longitude": place.longitude}
        )
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["place"] = {
            "type": "object",
            "nullable": True,
            "description": "The place searched near, as the directory understood it; null without one.",
            "properties": {
                "label": {"type": "string", "example": "97214 (Portland, OR, United States)"},
                "latitude": {"type": "number", "example": 45.51},
                "longitude": {"type": "number", "example": -122.64},
            },
        }
        return schema


# --- Votes (shared by therapies and therapy-for-condition pages) -----------------------------------------------------


def _vote(request, target) -> Response:
    if not can_vote(request.user):
        raise Refused(_("Please verify your e-mail address before you vote."))
    serializer = VoteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    tally = cast_vote(user=request.user, target=target, value=VOTE_VALUES[serializer.validated_data["vote"]])
    return Response({"up": tally.up, "down": tally.down, "mine": tally.mine})


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


# --- Views -----------------------------------------------------------------------------------------------------------

# What the answers show (portal/generations.py), for visitors' kept answers (portal.api.KeptForVisitors).


def knowledge_answer(**kwargs) -> list[str]:
    return [generations.KNOWLEDGE]


def directory_answer(**kwargs) -> list[str]:
    # Listings name the therapies and conditions they offer, and the filters offer the published ones.
    return [generations.DIRECTORY, generations.KNOWLEDGE]


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


@extend_schema_view(
    list=extend_schema(
        summary="Published conditions",
        description="In the order of the conditions page.",
        responses={200: ConditionSerializer(many=True), 404: ErrorSerializer},
        examples=[OpenApiExample("A page of conditions", value=CONDITION_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="A condition page",
        description="Its text, the therapies ranked by evidence as on the page (and the unranked ones apart), and "
        "its numbered references.",
        parameters=[SLUG],
        responses={200: ConditionDetailSerializer, 404: ErrorSerializer},
        examples=[
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
    ),
)
class ConditionViewSet(KeptForVisitors, viewsets.ReadOnlyModelViewSet):
    visitor_answers = {"list": knowledge_answer, "retrieve": knowledge_answer}
    same_for_every_reader = frozenset({"list", "retrieve"})
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    queryset = Condition.objects.published().order_by("display_order", "name")

    def get_serializer_class(self):
        return ConditionDetailSerializer if self.action == "retrieve" else ConditionSerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return self.queryset.prefetch_related(_citations(ConditionCitation))
        return self.queryset

    def retrieve(self, request, *args, **kwargs):
        condition = self.get_object()
        pages = list(TherapyCondition.objects.published().listed_for(condition))
        for page in pages:
            page.url = reverse("therapies:therapy_condition_detail", args=[page.therapy.slug, condition.slug])
        condition.therapies_ranked, condition.therapies_unranked = ranked_and_unranked(pages)
        return Response(self.get_serializer(condition).data)


def _filtered_therapies(request):
    """The therapies list as the therapies page filters it (by condition and evidence label); or the form's errors."""
    form = TherapyFilterForm(request.query_params or None)
    form.fields["condition"].choices = [
        ("", ""),
        *((slug, slug) for slug in Condition.objects.published().values_list("slug", flat=True)),
    ]
    if form.is_bound and not form.is_valid():
        return None, form
    return Therapy.objects.listed(**(form.cleaned_data if form.is_bound else {})), form


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


@extend_schema_view(
    list=extend_schema(
        summary="Published therapies",
        description="Filterable like the therapies page; each with the conditions it has a page for and their labels. "
        "Query parameters the page would refuse (an unknown condition or label) answer 400 with the message.",
        parameters=THERAPY_FILTERS,
        responses={200: TherapySerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
        examples=[OpenApiExample("A therapy", value=THERAPY_EXAMPLE, response_only=True), VALIDATION_ERROR_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="A therapy page",
        parameters=[SLUG],
        responses={200: TherapyDetailSerializer, 404: ErrorSerializer},
        examples=[
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
    ),
    vote=extend_schema(summary="Vote on a therapy", parameters=[SLUG], **VOTE_SCHEMA),
)
class TherapyViewSet(KeptForVisitors, viewsets.ReadOnlyModelViewSet):
    visitor_answers = {
        "list": knowledge_answer,
        "retrieve": lambda slug, **kwargs: [generations.KNOWLEDGE, therapy_tally(slug)],
    }
    same_for_every_reader = frozenset({"list"})  # a therapy's own answer carries the member's vote
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filter_backends = [filters.OrderingFilter]
    ordering_fields = ["name", "up_votes"]
    ordering = ["name"]

    def get_queryset(self):
        if self.action == "retrieve":
            return Therapy.objects.published().with_page_parts()
        if self.action == "vote":
            return Therapy.objects.published()
        return self.therapies

    @staticmethod
    def keep_answer(request) -> bool:
        # The order by votes changes with every vote on any therapy: no generation follows that.
        return "up_votes" not in request.GET.get("ordering", "")

    def get_serializer_class(self):
        return TherapyDetailSerializer if self.action == "retrieve" else TherapySerializer

    def list(self, request, *args, **kwargs):
        self.therapies, form = _filtered_therapies(request)
        if self.therapies is None:
            return invalid(form_errors(form))
        return super().list(request, *args, **kwargs)

    @action(detail=True, methods=["post"])
    def vote(self, request, slug=None):
        return _vote(request, self.get_object())


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


class TherapyConditionViewSet(KeptForVisitors, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Therapy-for-condition pages. `community.api.views` extends the page with its survey statistics."""

    visitor_answers = {
        "list": knowledge_answer,
        "retrieve": lambda therapy, condition, **kwargs: [generations.KNOWLEDGE, pair_tally(therapy, condition)],
    }
    same_for_every_reader = frozenset({"list"})  # a page's own answer carries the member's vote
    serializer_class = TherapyConditionSerializer
    detail_serializer_class = TherapyConditionDetailSerializer

    @extend_schema(
        summary="Published therapy-for-condition pages",
        parameters=[
            OpenApiParameter("therapy", OpenApiTypes.STR, description="Only pages of this therapy (slug)."),
            OpenApiParameter("condition", OpenApiTypes.STR, description="Only pages for this condition (slug)."),
            OpenApiParameter("label", OpenApiTypes.STR, enum=LABEL_KEYS, description="Only pages with this label."),
        ],
        responses={200: TherapyConditionSerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
        examples=[OpenApiExample("A page", value=THERAPY_CONDITION_EXAMPLE, response_only=True)],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        pages = (
            TherapyCondition.objects.published()
            .select_related("therapy", "condition")
            .order_by("therapy__name", "condition__display_order", "pk")
        )
        if therapy := query_param(self.request, "therapy"):
            pages = pages.filter(therapy__slug=therapy)
        if condition := query_param(self.request, "condition"):
            pages = pages.filter(condition__slug=condition)
        if label := query_param(self.request, "label"):
            pages = pages.filter(label_key=label)
        return pages

    def page_for(self, therapy: str, condition: str) -> TherapyCondition:
        return get_object_or_404(
            TherapyCondition.objects.published()
            .select_related("therapy", "condition")
            .prefetch_related(
                _citations(TherapyConditionCitation),
                Prefetch("point_rows", queryset=TherapyConditionAcupoint.objects.select_related("acupoint")),
            ),
            therapy__slug=therapy,
            condition__slug=condition,
        )

    def detail_context(self, page: TherapyCondition) -> dict:
        """What the detail serializer needs beyond the page; extended by community.api.views."""
        return {}

    @extend_schema(
        summary="A therapy-for-condition page",
        description="The evidence field by field with its plain label, the protocol and points, warnings and the "
        "numbered references.",
        parameters=[THERAPY_SLUG, CONDITION_SLUG],
        responses={200: TherapyConditionDetailSerializer, 404: ErrorSerializer},
        examples=[
            OpenApiExample("Acupuncture for RLS", value=THERAPY_CONDITION_DETAIL_EXAMPLE, response_only=True),
            NOT_FOUND_EXAMPLE,
        ],
    )
    def retrieve(self, request, therapy: str, condition: str):
        page = self.page_for(therapy, condition)
        context = {**self.get_serializer_context(), **self.detail_context(page)}
        return Response(self.detail_serializer_class(page, context=context).data)

    @extend_schema(
        summary="Vote on a therapy-for-condition page", parameters=[THERAPY_SLUG, CONDITION_SLUG], **VOTE_SCHEMA
    )
    def vote(self, request, therapy: str, condition: str):
        page = get_object_or_404(
            TherapyCondition.objects.published().select_related("therapy", "condition"),
            therapy__slug=therapy,
            condition__slug=condition,
        )
        return _vote(request, page)


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


@extend_schema_view(
    list=extend_schema(
        summary="References",
        description="The studies the pages cite.",
        parameters=[
            OpenApiParameter(
                "kind", OpenApiTypes.STR, enum=list(Reference.Kind.values), description="Only this kind of study."
            )
        ],
        responses={200: ReferenceSerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
        examples=[
            OpenApiExample(
                "A reference",
                value=REFERENCE_EXAMPLE,
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="A reference",
        parameters=[OpenApiParameter("key", OpenApiTypes.STR, OpenApiParameter.PATH, description="Citation key.")],
        responses={200: ReferenceSerializer, 404: ErrorSerializer},
        examples=[OpenApiExample("A reference", value=REFERENCE_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
    ),
)
class ReferenceViewSet(KeptForVisitors, viewsets.ReadOnlyModelViewSet):
    visitor_answers = {"list": knowledge_answer, "retrieve": knowledge_answer}
    same_for_every_reader = frozenset({"list", "retrieve"})
    serializer_class = ReferenceSerializer
    lookup_field = "key"
    lookup_value_regex = SLUG_PATTERN
    filter_backends = [filters.OrderingFilter]
    ordering_fields = ["key", "year"]
    ordering = ["key"]

    def get_queryset(self):
        references = Reference.objects.all()
        if kind := query_param(self.request, "kind"):
            references = references.filter(kind=kind)
        return references


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


def _false_means_absent(params) -> dict:
    """Checkbox semantics, as on the page: a filter given as false is no filter."""
    data = params.copy()
    for name in ("telehealth", "verified", "accepting"):
        if data.get(name, "").lower() in ("false", "0", "no", "off"):
            data.pop(name)
    return data


@extend_schema_view(
    list=extend_schema(
        summary="Search the practitioner directory",
        description="Every filter of the directory page. With `near`, listings within `radius` come nearest first, "
        "each with its distance; without it, verified listings first. A place the directory does not know, or "
        "one that names several places, answers 400 with the message the page shows next to the field.",
        parameters=PRACTITIONER_FILTERS,
        responses={200: PractitionerSerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
        examples=[
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
    ),
    retrieve=extend_schema(
        summary="A practitioner's listing",
        description="As the listing page shows it, without the e-mail address.",
        parameters=[SLUG],
        responses={200: PractitionerDetailSerializer, 404: ErrorSerializer},
        examples=[
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
    ),
)
class PractitionerViewSet(KeptForVisitors, viewsets.ReadOnlyModelViewSet):
    visitor_answers = {"list": directory_answer, "retrieve": directory_answer}
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    pagination_class = PractitionerPagination
    place = None
    unit = "km"

    def get_queryset(self):
        if self.action == "retrieve":
            return (
                Practitioner.objects.published()
                .prefetch_related(
                    Prefetch("therapies", queryset=Therapy.objects.published().only("name", "slug")),
                    Prefetch("conditions", queryset=Condition.objects.published().only("name", "slug")),
                    "languages",
                )
                .defer("email")
            )
        return self.results

    @staticmethod
    def keep_answer(request) -> bool:
        # As on the directory page: a search by place or by words is one reader's own.
        return not request.GET.get("near") and not request.GET.get("q")

    def get_serializer_class(self):
        return PractitionerDetailSerializer if self.action == "retrieve" else PractitionerSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "unit": self.unit}

    def list(self, request, *args, **kwargs):
        query = _false_means_absent(request.query_params)
        query.setdefault("radius", str(DEFAULT_RADIUS))
        form = PractitionerSearchForm.with_published_choices(query)
        if not form.is_valid():
            errors = form_errors(form)
            if form.lookup is not None and form.lookup.ambiguous:
                errors["near_choices"] = [choice.label for choice in form.lookup.choices]
            return invalid(errors)
        self.place = form.place
        self.unit = form.unit_for(self.place)
        self.results = finding.search(**form.search_arguments())
        return super().list(request, *args, **kwargs)

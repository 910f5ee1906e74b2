"""What the knowledge base and directory answers hold, field by field, as the pages show them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from therapies.actions.votes import VOTE_VALUES
from therapies.evidence import ALL_LABELS
from therapies.models import (
    Condition,
    FAQEntry,
    Language,
    Practitioner,
    Reference,
    Therapy,
    TherapyCondition,
    alias_list,
)

LABEL_KEYS = [label.key for label in ALL_LABELS]


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

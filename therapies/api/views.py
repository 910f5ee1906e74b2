"""The knowledge base and the practitioner directory in the REST API: what the pages show, as JSON; and votes.

Reads show published content only (editors preview drafts on the pages). Votes go through
`therapies.actions.votes`, as the pages' vote buttons do.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import filters, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portal import generations
from portal.api import SLUG_PATTERN, KeptForVisitors, PagePagination, Refused, form_errors, invalid, query_param
from therapies.actions.votes import VOTE_VALUES, cast_vote
from therapies.api import schema
from therapies.api.serializers import (
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
)
from therapies.directory import finding
from therapies.evidence import ranked_and_unranked
from therapies.forms import DEFAULT_RADIUS, PractitionerSearchForm, TherapyFilterForm
from therapies.invalidation import pair_tally, therapy_tally
from therapies.models import (
    Condition,
    ConditionCitation,
    Practitioner,
    Reference,
    Therapy,
    TherapyCondition,
    TherapyConditionAcupoint,
    TherapyConditionCitation,
)
from therapies.permissions import can_vote


def _citations(model) -> Prefetch:
    return Prefetch("citations", queryset=model.objects.select_related("reference"))


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


# --- Views -----------------------------------------------------------------------------------------------------------


# What the answers show (portal/generations.py), for visitors' kept answers (portal.api.KeptForVisitors).


def knowledge_answer(**kwargs) -> list[str]:
    return [generations.KNOWLEDGE]


def directory_answer(**kwargs) -> list[str]:
    # Listings name the therapies and conditions they offer, and the filters offer the published ones.
    return [generations.DIRECTORY, generations.KNOWLEDGE]


@extend_schema_view(
    list=extend_schema(**schema.CONDITION_LIST),
    retrieve=extend_schema(**schema.CONDITION_RETRIEVE),
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


@extend_schema_view(
    list=extend_schema(**schema.THERAPY_LIST),
    retrieve=extend_schema(**schema.THERAPY_RETRIEVE),
    vote=extend_schema(**schema.THERAPY_VOTE),
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


class TherapyConditionViewSet(KeptForVisitors, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Therapy-for-condition pages. `community.api.views` extends the page with its survey statistics."""

    visitor_answers = {
        "list": knowledge_answer,
        "retrieve": lambda therapy, condition, **kwargs: [generations.KNOWLEDGE, pair_tally(therapy, condition)],
    }
    same_for_every_reader = frozenset({"list"})  # a page's own answer carries the member's vote
    serializer_class = TherapyConditionSerializer
    detail_serializer_class = TherapyConditionDetailSerializer

    @extend_schema(**schema.THERAPY_CONDITION_LIST)
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

    @extend_schema(**schema.THERAPY_CONDITION_RETRIEVE)
    def retrieve(self, request, therapy: str, condition: str):
        page = self.page_for(therapy, condition)
        context = {**self.get_serializer_context(), **self.detail_context(page)}
        return Response(self.detail_serializer_class(page, context=context).data)

    @extend_schema(**schema.THERAPY_CONDITION_VOTE)
    def vote(self, request, therapy: str, condition: str):
        page = get_object_or_404(
            TherapyCondition.objects.published().select_related("therapy", "condition"),
            therapy__slug=therapy,
            condition__slug=condition,
        )
        return _vote(request, page)


@extend_schema_view(
    list=extend_schema(**schema.REFERENCE_LIST),
    retrieve=extend_schema(**schema.REFERENCE_RETRIEVE),
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


def _false_means_absent(params) -> dict:
    """Checkbox semantics, as on the page: a filter given as false is no filter."""
    data = params.copy()
    for name in ("telehealth", "verified", "accepting"):
        if data.get(name, "").lower() in ("false", "0", "no", "off"):
            data.pop(name)
    return data


@extend_schema_view(
    list=extend_schema(**schema.PRACTITIONER_LIST),
    retrieve=extend_schema(**schema.PRACTITIONER_RETRIEVE),
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

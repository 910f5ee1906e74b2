"""The member's own diary entries in the REST API (/api/v1/survey/diary/): list, record, read and delete.

Token or session; only the member's own entries exist for them (another member's id is a 404, a visitor gets 401),
and every answer is marked private and not to be stored. Recording takes the same form as the page, so the same
rules and messages apply.
"""

from __future__ import annotations

import uuid

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.response import Response

from community.survey import definition as definitions
from community.survey.diary import actions, scales
from community.survey.diary.forms import EntryForm
from community.survey.diary.models import DiaryEntry
from portal.api import (
    ID_PATTERN,
    NOT_FOUND_EXAMPLE,
    UNAUTHENTICATED_EXAMPLE,
    VALIDATION_ERROR_EXAMPLE,
    ErrorSerializer,
    form_errors,
    invalid,
    query_param,
)
from portal.shared_pages import mark_private

ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 404: ErrorSerializer}
ENTRY_EXAMPLE = {
    "id": 41,
    "condition": "restless-legs-syndrome",
    "recorded_at": "2026-03-02T21:15:00Z",
    "score": 9,
    "score_max": 18,
    "scale": "Remedy Commons restless legs score (0–18)",
    "items": {"legs_evenings": 2, "legs_start_time": 1, "legs_sitting": 2, "legs_falling_asleep": 2},
    "note": "Worse after coffee.",
    "treatment_change": "started",
    "treatment": "iron-supplements",
    "treatment_name": "Iron supplements",
}
ENTRY_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The entry's number.")


class DiaryEntrySerializer(serializers.ModelSerializer):
    treatment_change = serializers.CharField(source="change")
    treatment = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = DiaryEntry
        fields = [
            "id", "condition", "recorded_at", "score", "score_max", "scale", "items", "note", "treatment_change",
            "treatment", "treatment_name",
        ]  # fmt: skip
        read_only_fields = fields


class NewEntrySerializer(serializers.Serializer):
    condition = serializers.CharField(max_length=60, help_text="A condition code of the survey, e.g. `migraine`.")
    score = serializers.IntegerField(
        required=False, help_text="For a condition scored 0–10: the score. Restless legs is scored by `items`."
    )
    items = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        help_text="For restless legs: each of the survey's six items (by code) answered 0–3; the score is their sum.",
    )
    day = serializers.DateField(required=False, help_text="The day it is about, if not today (never in the future).")
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    treatment_change = serializers.ChoiceField(choices=["", "started", "stopped"], required=False, allow_blank=True)
    treatment = serializers.CharField(required=False, allow_blank=True, help_text="A treatment code of the list.")
    treatment_name = serializers.CharField(required=False, allow_blank=True, max_length=120, help_text="Or its name.")
    form_token = serializers.UUIDField(
        required=False, help_text="Any UUID: sending the same one again gives back the first entry (a safe retry)."
    )


def _form_data(data: dict) -> dict:
    """The API's fields as the page's form names them."""
    form_data = {
        "form_token": str(data.get("form_token") or uuid.uuid4()),
        "note": data.get("note", ""),
        "change": data.get("treatment_change", ""),
        "treatment": data.get("treatment", ""),
        "treatment_other": data.get("treatment_name", ""),
        "day": data["day"].isoformat() if data.get("day") else "",
    }
    if "score" in data:
        form_data["score"] = str(data["score"])
    for code, value in (data.get("items") or {}).items():
        form_data[f"item_{code}"] = str(value)
    return form_data


# The page's form fields by the names the API uses for them.
API_NAMES = {"change": "treatment_change", "treatment_other": "treatment_name"}


def _api_errors(form) -> dict[str, list[str]]:
    """The form's messages under the API's field names (`items.<item code>` for a legs item)."""
    return {
        (f"items.{name.removeprefix('item_')}" if name.startswith("item_") else API_NAMES.get(name, name)): messages
        for name, messages in form_errors(form).items()
    }


class DiaryEntryViewSet(viewsets.GenericViewSet):
    """The signed-in member's own diary; nobody else's entries exist here."""

    serializer_class = DiaryEntrySerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return DiaryEntry.objects.of(self.request.user).with_treatment().order_by("-recorded_at", "-pk")

    def _entry(self, pk) -> DiaryEntry:
        entry = self.get_queryset().filter(pk=pk).first()
        if entry is None:
            raise Http404
        return entry

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        mark_private(response)
        return response

    @extend_schema(
        summary="My diary entries",
        description="The signed-in member's own diary entries, newest first, 20 a page. Nobody else's are ever "
        "listed: not to moderators, editors or administrators.",
        parameters=[OpenApiParameter("condition", OpenApiTypes.STR, description="Only this condition (code).")],
        responses={200: DiaryEntrySerializer(many=True), 401: ErrorSerializer},
        examples=[OpenApiExample("An entry", value=ENTRY_EXAMPLE, response_only=True), UNAUTHENTICATED_EXAMPLE],
    )
    def list(self, request):
        entries = self.get_queryset()
        if condition := query_param(request, "condition"):
            entries = entries.for_condition(condition)
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(DiaryEntrySerializer(page, many=True).data)

    @extend_schema(
        summary="Record a diary entry",
        description="As on the “My progress” page: restless legs by its six items (0–3 each), any other condition "
        "by a score from 0 to 10; optionally a note and a treatment started or stopped (from the list or by name). "
        "The same `form_token` sent again answers 200 with the first entry instead of recording another.",
        request=NewEntrySerializer,
        responses={201: DiaryEntrySerializer, 200: DiaryEntrySerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Migraine", value={"condition": "migraine", "score": 6, "note": "Two bad days."}, request_only=True
            ),
            OpenApiExample("Recorded", value=ENTRY_EXAMPLE, response_only=True, status_codes=["201"]),
            VALIDATION_ERROR_EXAMPLE,
            UNAUTHENTICATED_EXAMPLE,
        ],
    )
    def create(self, request):
        serializer = NewEntrySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        survey = definitions.current()
        if data["condition"] not in dict(scales.conditions(survey)):
            return invalid({"condition": [_("There is no condition with this code.")]})
        scale = scales.scale_for(data["condition"], survey)
        form = EntryForm(_form_data(data), scale=scale, condition=data["condition"])
        if not form.is_valid():
            return invalid(_api_errors(form))
        entry, created = actions.record_entry(member=request.user, **form.entry_values())
        return Response(
            DiaryEntrySerializer(self._entry(entry.pk)).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        summary="One of my diary entries",
        parameters=[ENTRY_ID],
        responses={200: DiaryEntrySerializer, 401: ErrorSerializer, 404: ErrorSerializer},
        examples=[OpenApiExample("An entry", value=ENTRY_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
    )
    def retrieve(self, request, pk=None):
        return Response(DiaryEntrySerializer(self._entry(pk)).data)

    @extend_schema(
        summary="Delete one of my diary entries",
        parameters=[ENTRY_ID],
        responses={
            200: inline_serializer("DiaryEntryDeleted", {"detail": serializers.CharField()}),
            401: ErrorSerializer,
            404: ErrorSerializer,
        },
        examples=[
            OpenApiExample("Deleted", value={"detail": "The entry is deleted."}, response_only=True),
            NOT_FOUND_EXAMPLE,
        ],
    )
    def destroy(self, request, pk=None):
        if not actions.delete_entry(member=request.user, entry_id=self._entry(pk).pk):
            raise Http404
        return Response({"detail": _("The entry is deleted.")})

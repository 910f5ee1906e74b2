"""The member's own follow-ups under /api/v1/survey/follow-ups/ (session or token), and the follow-up figures the
statistics serializers show beside the one-shot ones."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from community.survey.followups import actions
from community.survey.followups import definition as follow_up_definition
from community.survey.followups.forms import FollowUpForm
from community.survey.followups.models import FollowUp
from community.survey.followups.permissions import can_answer_follow_ups, follow_up_refusal
from community.survey.followups.reading import NOTE
from portal.api import (
    ID_PATTERN,
    NOT_FOUND_EXAMPLE,
    UNAUTHENTICATED_EXAMPLE,
    ErrorSerializer,
    Refused,
    form_errors,
    invalid,
)

# --- The figures -----------------------------------------------------------------------------------------------------


class FollowUpShareSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    share = serializers.FloatField()
    low = serializers.FloatField(help_text="95% Wilson interval, lower end.")
    high = serializers.FloatField(help_text="95% Wilson interval, upper end.")


class FollowUpIntervalSerializer(serializers.Serializer):
    after_months = serializers.IntegerField(help_text="3 or 12.")
    n = serializers.IntegerField(allow_null=True, help_text="Members who answered this follow-up (null: not shown).")
    still_helping = FollowUpShareSerializer(
        allow_null=True, help_text="Still using it, and it helps a lot or somewhat (null: too few answers)."
    )
    stopped_for_side_effects = FollowUpShareSerializer(
        allow_null=True, help_text="Stopped, with side effects among the reasons (null: too few answers)."
    )


class FollowUpFiguresSerializer(serializers.Serializer):
    intervals = FollowUpIntervalSerializer(many=True)
    note = serializers.CharField(help_text="Who answers follow-ups: not a random sample.")


def follow_up_figures(figures: dict) -> dict | None:
    """A statistics row's follow-up figures for the API, or None when the pair has no follow-up answers."""
    intervals = figures.get("follow_ups")
    if not intervals:
        return None
    return FollowUpFiguresSerializer({"intervals": intervals, "note": str(NOTE)}).data


# --- The member's own follow-ups ------------------------------------------------------------------------------------


class FollowUpSerializer(serializers.ModelSerializer):
    treatment = serializers.CharField(source="treatment.name")
    after_months = serializers.IntegerField(source="kind")
    questions = serializers.SerializerMethodField(help_text="The questions to answer, as the page asks them.")

    class Meta:
        model = FollowUp
        fields = ["id", "treatment", "after_months", "due_on", "invited_at", "answered_at", "answers", "questions"]

    def get_questions(self, follow_up) -> list[dict]:
        definition = follow_up_definition.current()
        if definition is None or follow_up.is_answered:
            return []
        return [
            {
                "code": question.code,
                "text": question.text,
                "multiple": question.kind == "multiple",
                "shown_if": {"question": question.show_if.question, "answers": list(question.show_if.options)}
                if question.show_if
                else None,
                "options": [{"code": option.code, "label": option.label} for option in question.options],
            }
            for section in definition.sections
            for question in section.questions
        ]


class FollowUpAnswerSerializer(serializers.Serializer):
    """For the documentation: the answer is checked by the same form as the page's."""

    still_using = serializers.ChoiceField(choices=["yes", "no"])
    still_helping = serializers.ChoiceField(
        choices=list(follow_up_definition.HELPING) + ["a_little", "not_any_more"], required=False
    )
    stopped_why = serializers.ListField(child=serializers.CharField(), required=False)


FOLLOW_UP_EXAMPLE = {
    "id": 42,
    "treatment": "Exercise",
    "after_months": 3,
    "due_on": "2026-04-15",
    "invited_at": "2026-04-15T06:00:00Z",
    "answered_at": None,
    "answers": {},
    "questions": [
        {
            "code": "still_using",
            "text": "Are you still using it?",
            "multiple": False,
            "shown_if": None,
            "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No, I stopped"}],
        }
    ],
}


class IsMember(permissions.IsAuthenticated):
    message = _("Please sign in, or send a member's API token, to do this.")


class FollowUpViewSet(viewsets.GenericViewSet):
    """Your own follow-ups: those due now and those you answered. Nobody else's, ever (another member's id is 404)."""

    serializer_class = FollowUpSerializer
    permission_classes = [IsMember]
    pagination_class = None
    queryset = FollowUp.objects.none()  # for the schema: the real one is the member's own, below
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return FollowUp.objects.filter(member=self.request.user).select_related("treatment").order_by("due_on", "pk")

    @extend_schema(
        summary="Your follow-ups",
        responses={200: FollowUpSerializer(many=True), 401: ErrorSerializer},
        examples=[OpenApiExample("Due now", value=[FOLLOW_UP_EXAMPLE], response_only=True), UNAUTHENTICATED_EXAMPLE],
    )
    def list(self, request):
        due = FollowUp.objects.due_for(request.user).values("pk")
        answered = self.get_queryset().filter(answered_at__isnull=False)
        rows = self.get_queryset().filter(pk__in=due) | answered
        return Response(self.get_serializer(rows.order_by("due_on", "pk"), many=True).data)

    @extend_schema(
        summary="One of your follow-ups",
        responses={200: FollowUpSerializer, 401: ErrorSerializer, 404: ErrorSerializer},
        examples=[OpenApiExample("Due now", value=FOLLOW_UP_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
    )
    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Answer one of your follow-ups",
        description="Send `still_using` (yes/no), then `still_helping` if yes or `stopped_why` (a list) if no. "
        "An answer is recorded once: a second one is refused with 409.",
        request=FollowUpAnswerSerializer,
        responses={
            201: FollowUpSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
        examples=[
            OpenApiExample(
                "Answered",
                value={
                    **FOLLOW_UP_EXAMPLE,
                    "answered_at": "2026-04-16T08:00:00Z",
                    "questions": [],
                    "answers": {"still_using": "yes", "still_helping": "a_lot"},
                },
                response_only=True,
                status_codes=["201"],
            ),
            NOT_FOUND_EXAMPLE,
        ],
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        follow_up = self.get_object()
        if not can_answer_follow_ups(request.user):
            raise Refused(follow_up_refusal(request.user))
        definition = follow_up_definition.current()
        form = FollowUpForm(request.data, definition=definition)
        if not form.is_valid():
            return invalid(form_errors(form))
        try:
            answered = actions.answer_follow_up(follow_up=follow_up, answers=form.answers())
        except actions.AlreadyAnswered:
            raise Refused(
                _("You have already answered this follow-up."), status_code=status.HTTP_409_CONFLICT
            ) from None
        return Response(self.get_serializer(answered).data, status=status.HTTP_201_CREATED)

"""The discussions and the survey's statistics in the REST API, and members' writes: threads, replies, helpful marks
and reports.

Reads show what a visitor or member sees on the pages: visible threads and posts only (members-only threads give
visitors their title and first lines). Writes go through the same flows and rules as the pages
(`actions.submit_thread`, `actions.submit_reply`, `permissions.helpful_refusal`, `permissions.report_refusal`, …),
so every trust rule — premoderation, rate limits, slow mode, duplicates, rules acceptance, contact details —
answers here as there.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, filters, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from community import actions, permissions, trust, unread
from community.forms import ReportForm
from community.models import Forum, HelpfulMark, Post, Report, Thread, Visibility, helpful_count_text
from community.survey import reading
from community.survey.followups.api import FollowUpFiguresSerializer, follow_up_figures
from portal import generations
from portal.api import (
    ERRORS,
    ID_PATTERN,
    NOT_FOUND_EXAMPLE,
    SLUG_PATTERN,
    UNAUTHENTICATED_EXAMPLE,
    VALIDATION_ERROR_EXAMPLE,
    WRITE_ERRORS,
    ErrorSerializer,
    KeptForVisitors,
    Refused,
    form_errors,
    invalid,
    query_param,
)
from therapies.api.schema import THERAPY_CONDITION_DETAIL_EXAMPLE
from therapies.api.serializers import NamedSerializer, TherapyConditionDetailSerializer
from therapies.api.views import TherapyConditionViewSet
from therapies.invalidation import pair_tally
from therapies.models import Condition, TherapyCondition

CAVEAT = (
    "Members' own reports, not a trial: the people who answer choose to, and they know what they used. Read the "
    "figures beside the research grade, never instead of it."
)


def _post_url(post: Post, *, position: int) -> str:
    """The post on the thread page: `position` counts the visible posts before it."""
    return post.thread.post_url(post.number, before=position)


# --- Serializers -----------------------------------------------------------------------------------------------------


class AuthorSerializer(serializers.Serializer):
    """A member as the pages name them: the public display name and profile page; never an e-mail address."""

    display_name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, member) -> str:
        return reverse("community:member_detail", args=[member.pk])


class LastPostSerializer(serializers.Serializer):
    thread_id = serializers.IntegerField(source="thread.pk")
    thread_title = serializers.CharField(source="thread.title")
    author = AuthorSerializer(allow_null=True)
    created_at = serializers.DateTimeField()


class ForumSerializer(serializers.ModelSerializer):
    condition = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    url = serializers.CharField(source="get_absolute_url")
    last_post = LastPostSerializer(allow_null=True)

    class Meta:
        model = Forum
        fields = [
            "slug", "name", "description", "condition", "thread_count", "post_count", "last_activity_at", "last_post",
            "url",
        ]  # fmt: skip


class ThreadSerializer(serializers.ModelSerializer):
    forum = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    therapy = NamedSerializer(allow_null=True)
    author = AuthorSerializer(allow_null=True)
    teaser = serializers.SerializerMethodField(help_text="The first lines of the opening post, as text.")
    unread = serializers.SerializerMethodField(
        help_text="For you: visible posts since you last read the thread; null if you never opened it (and for "
        "visitors)."
    )
    last_poster = AuthorSerializer(source="last_post.author", allow_null=True, default=None)
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Thread
        fields = [
            "id", "title", "forum", "therapy", "author", "members_only", "pinned", "locked", "post_count",
            "reply_count", "created_at", "last_activity_at", "last_poster", "teaser", "unread", "url",
        ]  # fmt: skip

    def get_teaser(self, thread) -> str:
        return thread.first_post.teaser() if thread.first_post is not None else ""

    def get_unread(self, thread) -> int | None:
        return getattr(thread, "unread", None)


class PostSerializer(serializers.ModelSerializer):
    thread = serializers.IntegerField(source="thread_id")
    author = AuthorSerializer(allow_null=True)
    marked_helpful = serializers.SerializerMethodField(help_text="Whether you marked it (false for visitors).")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = [
            "id", "thread", "number", "author", "body_html", "created_at", "edited_at", "helpful_count",
            "marked_helpful", "url",
        ]  # fmt: skip

    def get_marked_helpful(self, post) -> bool:
        return bool(getattr(post, "marked_helpful", False))

    def get_url(self, post) -> str:
        return _post_url(post, position=post.position)


class OwnPostSerializer(PostSerializer):
    """A post just written by you: with its status, since a new member's post waits for a moderator."""

    status = serializers.ChoiceField(choices=[Visibility.VISIBLE, Visibility.PENDING])

    class Meta(PostSerializer.Meta):
        fields = [*PostSerializer.Meta.fields, "status"]


class NewThreadSerializer(serializers.Serializer):
    forum = serializers.SlugField(help_text="The forum's slug.")
    title = serializers.CharField(help_text="5 to 150 characters.", allow_blank=True, trim_whitespace=False)
    body = serializers.CharField(help_text="Markdown; mention a member with @name.", allow_blank=True)
    therapy = serializers.SlugField(required=False, allow_blank=True, help_text="A therapy the thread is about.")
    members_only = serializers.BooleanField(default=False, help_text="Visitors see the title and first lines only.")
    confirm_contact = serializers.BooleanField(
        default=False, help_text="Publish e-mail addresses or phone numbers found in the text anyway."
    )
    accept_rules = serializers.BooleanField(
        default=False, help_text="Needed once per rules version: you read and accept the community rules."
    )


class ReplySerializer(serializers.Serializer):
    body = serializers.CharField(help_text="Markdown; mention a member with @name.", allow_blank=True)
    confirm_contact = serializers.BooleanField(default=False)
    accept_rules = serializers.BooleanField(default=False)


class PostedSerializer(serializers.Serializer):
    message = serializers.CharField()
    post = OwnPostSerializer()


class ThreadPostedSerializer(PostedSerializer):
    thread = ThreadSerializer()


class HelpfulSerializer(serializers.Serializer):
    marked = serializers.BooleanField(help_text="Whether your mark is on the post now.")
    count = serializers.IntegerField()
    count_text = serializers.CharField(help_text="The count in words, as the thread page shows it (empty at 0).")


class ReportSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Report.Reason.choices)
    note = serializers.CharField(required=False, allow_blank=True, help_text="Anything the moderators should know.")


class ReportedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    created = serializers.BooleanField(help_text="False when you had already reported this post.")


# The statistics: only what the survey's pages show, already suppressed when it was computed.


class HelpedSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    share = serializers.FloatField()
    low = serializers.FloatField(help_text="95% Wilson interval, lower end.")
    high = serializers.FloatField(help_text="95% Wilson interval, upper end.")


class ShareSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(allow_null=True, help_text="null: not shown (too few members).")
    share = serializers.FloatField(allow_null=True)


class SideEffectsSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    share = serializers.FloatField()


class CellSerializer(serializers.Serializer):
    """One treatment in one condition. A null figure is not shown: too few members, or it would reveal one."""

    treatment = serializers.CharField()
    treatment_code = serializers.CharField()
    therapy = serializers.CharField(source="therapy_slug", allow_null=True)
    condition = serializers.CharField(source="condition_slug")
    n_tried = serializers.IntegerField(allow_null=True)
    n_tried_range = serializers.ListField(child=serializers.IntegerField(), allow_null=True)
    n_rated = serializers.IntegerField(allow_null=True)
    n_too_early = serializers.IntegerField(allow_null=True)
    helped = HelpedSerializer(allow_null=True, help_text="“Much better”, among those who rated it.")
    outcomes = ShareSerializer(many=True, allow_null=True)
    side_effects = SideEffectsSerializer(allow_null=True)
    follow_ups = serializers.SerializerMethodField(
        help_text="Still helping at 3 and 12 months, stopped because of side effects (null without follow-ups)."
    )
    refreshed_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(FollowUpFiguresSerializer(allow_null=True))
    def get_follow_ups(self, cell) -> dict | None:
        return follow_up_figures(cell.figures)

    def to_representation(self, cell):
        data = super().to_representation(cell)
        data["outcomes"] = cell.figures.get("outcomes")
        return data


class SeveritySerializer(serializers.Serializer):
    score_name = serializers.CharField()
    score_note = serializers.CharField(
        default="", help_text="What the score is and is not, e.g. that it is not comparable with the IRLS."
    )
    n = serializers.IntegerField(allow_null=True)
    bands = ShareSerializer(many=True, allow_null=True)


class ConditionStatisticsSerializer(serializers.Serializer):
    condition = serializers.SerializerMethodField()
    severity = SeveritySerializer(allow_null=True)
    treatments = CellSerializer(many=True, source="cells")
    most_tried = serializers.SerializerMethodField(help_text="Treatment codes, most tried first.")
    most_helpful = serializers.SerializerMethodField(
        help_text="Treatment codes, by the lower end of the interval (never by the raw share)."
    )
    refreshed_at = serializers.DateTimeField(allow_null=True)
    caveat = serializers.SerializerMethodField()

    @extend_schema_field(NamedSerializer)
    def get_condition(self, report) -> dict:
        return {"slug": report.condition_slug, "name": report.condition_name}

    def get_most_tried(self, report) -> list[str]:
        return [cell.treatment_code for cell in report.most_tried]

    def get_most_helpful(self, report) -> list[str]:
        return [cell.treatment_code for cell in report.most_helpful]

    def get_caveat(self, report) -> str:
        return _(CAVEAT)


class TherapyConditionWithStatisticsSerializer(TherapyConditionDetailSerializer):
    survey_statistics = serializers.SerializerMethodField(
        help_text="Members' reports for this pair (null without any), shown beside the grade, never mixed into it."
    )

    class Meta(TherapyConditionDetailSerializer.Meta):
        fields = [*TherapyConditionDetailSerializer.Meta.fields, "survey_statistics"]

    @extend_schema_field(CellSerializer(allow_null=True))
    def get_survey_statistics(self, page) -> dict | None:
        cell = self.context.get("survey_cell")
        if cell is None:
            return None
        return {**CellSerializer(cell).data, "caveat": _(CAVEAT)}


# --- Examples --------------------------------------------------------------------------------------------------------

AUTHOR_EXAMPLE = {"display_name": "Night Walker", "url": "/community/members/42/"}
THREAD_EXAMPLE = {
    "id": 17,
    "title": "What helped my evenings",
    "forum": "restless-legs-syndrome",
    "therapy": {"slug": "stretching", "name": "Stretching and yoga"},
    "author": AUTHOR_EXAMPLE,
    "members_only": False,
    "pinned": False,
    "locked": False,
    "post_count": 4,
    "reply_count": 3,
    "created_at": "2025-03-04T12:00:00Z",
    "last_activity_at": "2025-03-05T21:10:00Z",
    "last_poster": AUTHOR_EXAMPLE,
    "teaser": "Calf stretches before bed took the edge off for me…",
    "unread": 2,
    "url": "/community/restless-legs-syndrome/17-what-helped-my-evenings/",
}
POST_EXAMPLE = {
    "id": 311,
    "thread": 17,
    "number": 2,
    "author": AUTHOR_EXAMPLE,
    "body_html": "<p>A warm bath before bed helps me.</p>",
    "created_at": "2025-03-04T12:30:00Z",
    "edited_at": None,
    "helpful_count": 5,
    "marked_helpful": False,
    "url": "/community/restless-legs-syndrome/17-what-helped-my-evenings/#post-2",
}
REFUSED_EXAMPLE = OpenApiExample(
    "Suspended",
    value={
        "detail": "Your account is suspended until 7 March 2025, 12:00: Insults in a thread",
        "until": "2025-03-07T12:00:00+00:00",
    },
    response_only=True,
    status_codes=["403"],
)
RATE_LIMITED_EXAMPLE = OpenApiExample(
    "Rate limit",
    value={
        "detail": "You have posted 6 replies in the last hour, the most we allow. You can post again at 4 March "
        "2025, 13:00.",
        "until": "2025-03-04T13:00:00+00:00",
    },
    response_only=True,
    status_codes=["429"],
)
DUPLICATE_EXAMPLE = OpenApiExample(
    "Already posted", value={"detail": "You have already posted this reply."}, response_only=True, status_codes=["409"]
)
STATISTICS_EXAMPLE = {
    "condition": {"slug": "restless-legs-syndrome", "name": "Restless legs syndrome"},
    "severity": {
        "score_name": "Remedy Commons restless legs score (0–18)",
        "score_note": "Our own six questions, written for this site: not a validated clinical scale, and not "
        "comparable with the IRLS (International Restless Legs Scale) or its bands.",
        "n": 64,
        "bands": [
            {"code": "light", "label": "Light (1–5)", "count": None, "share": None},
            {"code": "marked", "label": "Marked (6–11)", "count": 25, "share": 0.39},
        ],
    },
    "treatments": [
        {
            "treatment": "Iron supplementation",
            "treatment_code": "iron-supplementation",
            "therapy": "iron-supplementation",
            "condition": "restless-legs-syndrome",
            "n_tried": 41,
            "n_tried_range": None,
            "n_rated": 36,
            "n_too_early": None,
            "helped": {"count": 18, "share": 0.5, "low": 0.34, "high": 0.66},
            "outcomes": [{"code": "much_better", "label": "Much better", "count": 18, "share": 0.5}],
            "side_effects": None,
            "refreshed_at": "2025-03-04T03:00:00Z",
        }
    ],
    "most_tried": ["iron-supplementation"],
    "most_helpful": ["iron-supplementation"],
    "refreshed_at": "2025-03-04T03:00:00Z",
    "caveat": CAVEAT,
}


# --- Views -----------------------------------------------------------------------------------------------------------

# What the answers show (portal/generations.py), for visitors' kept answers (portal.api.KeptForVisitors): the
# discussions name members (SITE), therapies, and the conditions whose forums are listed (KNOWLEDGE).


def discussions_answer(**kwargs) -> list[str]:
    return [generations.DISCUSSIONS, generations.SITE, generations.KNOWLEDGE]


def forum_answer(slug: str, **kwargs) -> list[str]:
    return [generations.forum(slug), generations.SITE, generations.KNOWLEDGE]


def thread_answer(pk: str, **kwargs) -> list[str]:
    # int(): "/threads/017/" is thread 17, and must be out of date when thread 17 is.
    return [generations.thread(int(pk)), generations.SITE, generations.KNOWLEDGE]


def statistics_answer(**kwargs) -> list[str]:
    return [generations.STATISTICS, generations.KNOWLEDGE]


FORUM_EXAMPLE = {
    "slug": "restless-legs-syndrome",
    "name": "Restless legs syndrome",
    "description": "",
    "condition": "restless-legs-syndrome",
    "thread_count": 12,
    "post_count": 140,
    "last_activity_at": "2025-03-05T21:10:00Z",
    "last_post": {
        "thread_id": 17,
        "thread_title": "What helped my evenings",
        "author": AUTHOR_EXAMPLE,
        "created_at": "2025-03-05T21:10:00Z",
    },
    "url": "/community/restless-legs-syndrome/",
}


class ForumViewSet(KeptForVisitors, viewsets.ReadOnlyModelViewSet):
    visitor_answers = {"list": discussions_answer, "retrieve": forum_answer}
    serializer_class = ForumSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    queryset = Forum.objects.listed().select_related("condition", "last_post__thread", "last_post__author")

    @extend_schema(
        summary="Forums",
        description="One per published condition and the general ones, with their counts and last post.",
        responses={200: ForumSerializer(many=True), 404: ErrorSerializer},
        examples=[
            OpenApiExample(
                "A forum",
                value=FORUM_EXAMPLE,
                response_only=True,
            )
        ],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="A forum",
        parameters=[OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)],
        responses={200: ForumSerializer, 404: ErrorSerializer},
        examples=[OpenApiExample("A forum", value=FORUM_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


THREAD_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The thread's number.")
POST_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The post's id.")


class ThreadViewSet(KeptForVisitors, viewsets.GenericViewSet):
    visitor_answers = {"list": discussions_answer, "retrieve": thread_answer, "posts": thread_answer}
    serializer_class = ThreadSerializer
    lookup_value_regex = ID_PATTERN
    filter_backends = [filters.OrderingFilter]
    ordering_fields = ["last_activity_at", "created_at"]
    ordering = ["-pinned", "-last_activity_at", "-pk"]

    def get_queryset(self):
        return Thread.objects.public().select_related("forum", "author", "therapy", "first_post", "last_post__author")

    def _thread(self, pk) -> Thread:
        """A visible thread of a listed forum: what visitors and members read (and reply to) through the API."""
        return get_object_or_404(self.get_queryset(), pk=pk)

    @extend_schema(
        summary="Threads",
        description="Visible threads, pinned first, then by last activity (as the forum pages list them); "
        "`ordering` sorts by `last_activity_at` or `created_at` instead (prefix `-` for newest first). "
        "Members-only threads are listed with their title and first lines, as for visitors on the pages.",
        parameters=[
            OpenApiParameter("forum", OpenApiTypes.STR, description="Only threads in this forum (slug)."),
            OpenApiParameter("therapy", OpenApiTypes.STR, description="Only threads about this therapy (slug)."),
        ],
        responses={200: ThreadSerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
        examples=[OpenApiExample("A thread", value=THREAD_EXAMPLE, response_only=True)],
    )
    def list(self, request):
        threads = Thread.objects.public().listed_with_openers()
        if forum := query_param(request, "forum"):
            threads = threads.filter(forum__slug=forum)
        if therapy := query_param(request, "therapy"):
            threads = threads.filter(therapy__slug=therapy)
        if request.user.is_authenticated:
            threads = unread.with_read_position(threads, request.user)
        page = self.paginate_queryset(self.filter_queryset(threads))
        if request.user.is_authenticated:
            unread.attach_unread_counts(request.user, page)
        context = self.get_serializer_context()
        return self.get_paginated_response(ThreadSerializer(page, many=True, context=context).data)

    @extend_schema(
        summary="A thread",
        parameters=[THREAD_ID],
        responses={200: ThreadSerializer, 404: ErrorSerializer},
        examples=[OpenApiExample("A thread", value=THREAD_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
    )
    def retrieve(self, request, pk=None):
        return Response(ThreadSerializer(self._thread(pk), context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Start a thread",
        description="For members, with the same rules as the new-thread page: a new member's first posts (and their "
        "posts with links) wait for a moderator (`post.status` is `pending`); the rules must be accepted once per "
        "version (`accept_rules`); e-mail addresses and phone numbers are pointed out unless `confirm_contact`; "
        "rate limits answer 429, suspensions and other refusals 403, the same thread sent twice 409.",
        request=NewThreadSerializer,
        responses={201: ThreadPostedSerializer, **WRITE_ERRORS},
        examples=[
            OpenApiExample(
                "A question",
                value={"forum": "restless-legs-syndrome", "title": "Magnesium before bed?", "body": "Does it help?"},
                request_only=True,
            ),
            OpenApiExample(
                "Waiting for a moderator",
                value={
                    "message": "Thank you. Your thread is waiting for a moderator; it appears once approved.",
                    "thread": THREAD_EXAMPLE,
                    "post": {**POST_EXAMPLE, "number": 1, "status": "pending"},
                },
                response_only=True,
                status_codes=["201"],
            ),
            VALIDATION_ERROR_EXAMPLE,
            UNAUTHENTICATED_EXAMPLE,
            REFUSED_EXAMPLE,
            RATE_LIMITED_EXAMPLE,
        ],
    )
    def create(self, request):
        serializer = NewThreadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        forum = Forum.objects.listed().filter(slug=data["forum"]).first()
        if forum is None:
            return invalid({"forum": [_("There is no forum with this name.")]})
        submission = actions.submit_thread(author=request.user, forum=forum, data=_form_data(data))
        _raise_unless_posted(submission)
        post = submission.post
        message = submission.posted_message
        thread = Thread.objects.select_related("forum", "author", "therapy", "first_post", "last_post__author").get(
            pk=submission.thread.pk
        )
        post.thread, post.position = thread, 0
        context = self.get_serializer_context()
        return Response(
            {
                "message": message,
                "thread": ThreadSerializer(thread, context=context).data,
                "post": OwnPostSerializer(post, context=context).data,
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Posts of a thread",
        description="Its visible posts in order, 20 a page as on the thread page. A members-only thread answers "
        "401 to visitors: they read its title and first lines in the thread itself.",
        parameters=[THREAD_ID],
        responses={200: PostSerializer(many=True), **ERRORS},
        examples=[OpenApiExample("A post", value=POST_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
        methods=["GET"],
    )
    @extend_schema(
        summary="Reply in a thread",
        description="For members, with the same rules as the reply form (see “Start a thread”); slow mode and "
        "locked threads refuse too.",
        request=ReplySerializer,
        responses={201: PostedSerializer, **WRITE_ERRORS},
        examples=[
            OpenApiExample("A reply", value={"body": "A warm bath before bed helps me."}, request_only=True),
            OpenApiExample(
                "Posted",
                value={"message": "Your reply is posted.", "post": {**POST_EXAMPLE, "status": "visible"}},
                response_only=True,
                status_codes=["201"],
            ),
            VALIDATION_ERROR_EXAMPLE,
            UNAUTHENTICATED_EXAMPLE,
            REFUSED_EXAMPLE,
            RATE_LIMITED_EXAMPLE,
            DUPLICATE_EXAMPLE,
        ],
        methods=["POST"],
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def posts(self, request, pk=None):
        if request.method == "POST":
            return self._reply(request, pk)
        thread = self._thread(pk)
        if not permissions.can_read_whole_thread(request.user, thread):
            raise exceptions.NotAuthenticated(_("This thread is for members: please sign in to read all of it."))
        posts = Post.objects.visible().filter(thread=thread).select_related("author").order_by("number")
        if request.user.is_authenticated:
            posts = posts.annotate(
                marked_helpful=Exists(HelpfulMark.objects.filter(post=OuterRef("pk"), user=request.user))
            )
        page = self.paginate_queryset(posts)
        start = (self.paginator.page.number - 1) * self.paginator.get_page_size(request)
        for offset, post in enumerate(page):
            post.thread, post.position = thread, start + offset
        return self.get_paginated_response(PostSerializer(page, many=True, context=self.get_serializer_context()).data)

    def _reply(self, request, pk) -> Response:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        thread = get_object_or_404(Thread.objects.select_related("forum", "therapy", "author"), pk=pk)
        if not permissions.can_read_thread(request.user, thread):
            raise exceptions.NotFound(_("Not found."))
        serializer = ReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = _form_data(serializer.validated_data)
        submission = actions.submit_reply(author=request.user, thread=thread, data=data)
        _raise_unless_posted(submission)
        post = submission.post
        post.thread = thread
        post.position = Post.objects.shown_to(request.user).filter(thread=thread, number__lt=post.number).count()
        message = submission.posted_message
        return Response(
            {"message": message, "post": OwnPostSerializer(post, context=self.get_serializer_context()).data},
            status=status.HTTP_201_CREATED,
        )


def _form_data(validated: dict) -> dict:
    """What the posting forms read: the API's fields as a browser would send them (no honeypot: no bots' form)."""
    data = {key: value for key, value in validated.items() if key != "forum"}
    for flag in ("members_only", "confirm_contact", "accept_rules"):
        if not data.get(flag):
            data.pop(flag, None)
    return data


def _raise_unless_posted(submission: actions.Submission) -> None:
    """Answer a submission that wrote nothing as the pages would, in the API's terms."""
    if submission.refusal is not None:
        raise Refused(submission.refusal.message, until=submission.refusal.until)
    if submission.duplicate:
        raise Refused(submission.message, status_code=status.HTTP_409_CONFLICT)
    if submission.limited is not None:
        raise Refused(
            submission.limited.message, status_code=status.HTTP_429_TOO_MANY_REQUESTS, until=submission.limited.until
        )
    if submission.post is None:
        raise exceptions.ValidationError(form_errors(submission.form))


class PostViewSet(viewsets.GenericViewSet):
    """One post. Not kept for visitors: its answer changes with its thread's generation (a helpful mark), and its
    address names only the post."""

    serializer_class = PostSerializer
    lookup_value_regex = ID_PATTERN

    def _post(self, request, pk) -> Post:
        post = get_object_or_404(
            Post.objects.public().select_related("thread__forum", "author"),
            pk=pk,
        )
        if not permissions.can_read_whole_thread(request.user, post.thread):
            # Visitors read only the opening of a members-only thread, and that in the thread itself.
            raise exceptions.NotAuthenticated(_("This thread is for members: please sign in to read all of it."))
        return post

    @extend_schema(
        summary="A post",
        parameters=[POST_ID],
        responses={200: PostSerializer, **ERRORS},
        examples=[OpenApiExample("A post", value=POST_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
    )
    def retrieve(self, request, pk=None):
        post = self._post(request, pk)
        post.position = Post.objects.visible().filter(thread_id=post.thread_id, number__lt=post.number).count()
        if request.user.is_authenticated:
            post.marked_helpful = HelpfulMark.objects.filter(post=post, user=request.user).exists()
        return Response(PostSerializer(post, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Mark a post helpful, or take the mark back",
        description="One mark per member and post; sending again takes it back. Not on your own posts.",
        parameters=[POST_ID],
        request=None,
        responses={200: HelpfulSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Marked",
                value={"marked": True, "count": 6, "count_text": "6 members found this helpful"},
                response_only=True,
            ),
            UNAUTHENTICATED_EXAMPLE,
        ],
    )
    @action(detail=True, methods=["post"])
    def helpful(self, request, pk=None):
        post = self._post(request, pk)
        if (refusal := permissions.helpful_refusal(request.user, post)) is not None:
            raise Refused(refusal.message)
        marked, count = actions.toggle_helpful(user=request.user, post=post)
        return Response({"marked": marked, "count": count, "count_text": helpful_count_text(count)})

    @extend_schema(
        summary="Report a post",
        description="To the moderators, with a reason and a note; the author never learns who reported. One open "
        "report per member and post: reporting again answers 200 with `created` false. A member may report "
        f"{trust.REPORT_LIMITS['established']} posts an hour (a new member {trust.REPORT_LIMITS['new']}); past "
        "that the answer is 429 with `until`.",
        parameters=[POST_ID],
        request=ReportSerializer,
        responses={201: ReportedSerializer, 200: ReportedSerializer, **ERRORS, 429: ErrorSerializer},
        examples=[
            OpenApiExample("Unsafe advice", value={"reason": "misinformation", "note": "Doses far too high."}),
            OpenApiExample(
                "Reported",
                value={
                    "detail": "Thank you. A moderator will look at it. The author will not learn who reported.",
                    "created": True,
                },
                response_only=True,
                status_codes=["201"],
            ),
            VALIDATION_ERROR_EXAMPLE,
        ],
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        post = self._post(request, pk)
        if (refusal := permissions.report_refusal(request.user, post)) is not None:
            raise Refused(refusal.message)
        serializer = ReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        form = ReportForm(serializer.validated_data)
        if not form.is_valid():
            return invalid(form_errors(form))
        try:
            _report, created = actions.report_post(reporter=request.user, post=post, **form.cleaned_data)
        except actions.TooManyReports as limited:
            raise Refused(
                limited.refusal.message, status_code=status.HTTP_429_TOO_MANY_REQUESTS, until=limited.refusal.until
            ) from None
        detail = str(actions.REPORT_RECEIVED if created else actions.ALREADY_REPORTED)
        return Response(
            {"detail": detail, "created": created}, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class SurveyStatisticsViewSet(KeptForVisitors, viewsets.GenericViewSet):
    """The survey's aggregate statistics per condition, as /survey/results/ shows them. Never a response."""

    visitor_answers = {"list": statistics_answer, "retrieve": statistics_answer}
    same_for_every_reader = frozenset({"list", "retrieve"})
    serializer_class = ConditionStatisticsSerializer
    pagination_class = None

    @extend_schema(
        summary="Survey statistics",
        description="Per published condition: the severity distribution and, per treatment, who tried it, who rated "
        "it, the share it helped with its 95% interval, the outcomes and side effects. Small numbers are not shown "
        "(null): no share below 20 raters and no count below 10 by default, nor any that could be worked out from "
        "the others. Figures are precomputed; no answer of any member is ever given out.",
        parameters=[OpenApiParameter("condition", OpenApiTypes.STR, description="Only this condition (slug).")],
        responses={200: ConditionStatisticsSerializer(many=True), 400: ErrorSerializer},
        examples=[OpenApiExample("Restless legs syndrome", value=[STATISTICS_EXAMPLE], response_only=True)],
    )
    def list(self, request):
        reports = reading.all_reports()
        if condition := query_param(request, "condition"):
            reports = [report for report in reports if report.condition_slug == condition]
        return Response(ConditionStatisticsSerializer(reports, many=True).data)

    @extend_schema(
        summary="Survey statistics of one condition",
        parameters=[
            OpenApiParameter("condition", OpenApiTypes.STR, OpenApiParameter.PATH, description="Condition slug.")
        ],
        responses={200: ConditionStatisticsSerializer, 404: ErrorSerializer},
        examples=[
            OpenApiExample("Restless legs syndrome", value=STATISTICS_EXAMPLE, response_only=True),
            NOT_FOUND_EXAMPLE,
        ],
    )
    def retrieve(self, request, condition: str):
        found = get_object_or_404(Condition.objects.published(), slug=condition)
        return Response(ConditionStatisticsSerializer(reading.condition_report(found)).data)


class TherapyConditionWithStatisticsViewSet(TherapyConditionViewSet):
    """Therapy-for-condition pages with the survey statistics of the pair, as the page shows them."""

    detail_serializer_class = TherapyConditionWithStatisticsSerializer
    visitor_answers = {
        **TherapyConditionViewSet.visitor_answers,
        "retrieve": lambda therapy, condition, **kwargs: [
            generations.KNOWLEDGE,
            generations.STATISTICS,
            pair_tally(therapy, condition),
        ],
    }

    def detail_context(self, page: TherapyCondition) -> dict:
        return {"survey_cell": reading.pair_cell(page.therapy, page.condition)}

    @extend_schema(
        summary="A therapy-for-condition page",
        description="The evidence field by field with its plain label, the protocol and points, warnings, the "
        "numbered references, and members' survey statistics for the pair (suppressed as on the page).",
        parameters=[
            OpenApiParameter("therapy", OpenApiTypes.STR, OpenApiParameter.PATH, description="The therapy's slug."),
            OpenApiParameter("condition", OpenApiTypes.STR, OpenApiParameter.PATH, description="The condition's slug."),
        ],
        responses={200: TherapyConditionWithStatisticsSerializer, 404: ErrorSerializer},
        examples=[
            OpenApiExample(
                "Acupuncture for RLS",
                value={**THERAPY_CONDITION_DETAIL_EXAMPLE, "survey_statistics": None},
                response_only=True,
            ),
            NOT_FOUND_EXAMPLE,
        ],
    )
    def retrieve(self, request, therapy: str, condition: str):
        return super().retrieve(request, therapy, condition)

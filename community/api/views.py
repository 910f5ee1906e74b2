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
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, filters, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from community import actions, permissions, unread
from community.api import schema
from community.api.serializers import (
    ConditionStatisticsSerializer,
    ForumSerializer,
    NewThreadSerializer,
    OwnPostSerializer,
    PostSerializer,
    ReplySerializer,
    ReportSerializer,
    TherapyConditionWithStatisticsSerializer,
    ThreadSerializer,
)
from community.forms import ReportForm
from community.models import Forum, HelpfulMark, Post, Thread, helpful_count_text
from community.survey import reading
from portal import generations
from portal.api import ID_PATTERN, SLUG_PATTERN, KeptForVisitors, Refused, form_errors, invalid, query_param
from therapies.api.views import TherapyConditionViewSet
from therapies.invalidation import pair_tally
from therapies.models import Condition, TherapyCondition

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


class ForumViewSet(KeptForVisitors, viewsets.ReadOnlyModelViewSet):
    visitor_answers = {"list": discussions_answer, "retrieve": forum_answer}
    serializer_class = ForumSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    queryset = Forum.objects.listed().select_related("condition", "last_post__thread", "last_post__author")

    @extend_schema(**schema.FORUM_LIST)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(**schema.FORUM_DETAIL)
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


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

    @extend_schema(**schema.THREAD_LIST)
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

    @extend_schema(**schema.THREAD_DETAIL)
    def retrieve(self, request, pk=None):
        return Response(ThreadSerializer(self._thread(pk), context=self.get_serializer_context()).data)

    @extend_schema(**schema.THREAD_CREATE)
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

    @extend_schema(**schema.THREAD_POSTS)
    @extend_schema(**schema.THREAD_REPLY)
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

    @extend_schema(**schema.POST_DETAIL)
    def retrieve(self, request, pk=None):
        post = self._post(request, pk)
        post.position = Post.objects.visible().filter(thread_id=post.thread_id, number__lt=post.number).count()
        if request.user.is_authenticated:
            post.marked_helpful = HelpfulMark.objects.filter(post=post, user=request.user).exists()
        return Response(PostSerializer(post, context=self.get_serializer_context()).data)

    @extend_schema(**schema.POST_HELPFUL)
    @action(detail=True, methods=["post"])
    def helpful(self, request, pk=None):
        post = self._post(request, pk)
        if (refusal := permissions.helpful_refusal(request.user, post)) is not None:
            raise Refused(refusal.message)
        marked, count = actions.toggle_helpful(user=request.user, post=post)
        return Response({"marked": marked, "count": count, "count_text": helpful_count_text(count)})

    @extend_schema(**schema.POST_REPORT)
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

    @extend_schema(**schema.STATISTICS_LIST)
    def list(self, request):
        reports = reading.all_reports()
        if condition := query_param(request, "condition"):
            reports = [report for report in reports if report.condition_slug == condition]
        return Response(ConditionStatisticsSerializer(reports, many=True).data)

    @extend_schema(**schema.STATISTICS_DETAIL)
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

    @extend_schema(**schema.THERAPY_CONDITION_DETAIL)
    def retrieve(self, request, therapy: str, condition: str):
        return super().retrieve(request, therapy, condition)

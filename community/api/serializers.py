"""The serializers of the discussions and the survey's statistics in the REST API: what a thread, a post, a forum or
a condition's statistics look like in an answer, and what a member sends to write."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from community.models import Forum, Post, Report, Thread, Visibility
from community.survey.followups.api import FollowUpFiguresSerializer, follow_up_figures
from therapies.api.serializers import NamedSerializer, TherapyConditionDetailSerializer

CAVEAT = (
    "Members' own reports, not a trial: the people who answer choose to, and they know what they used. Read the "
    "figures beside the research grade, never instead of it."
)


def _post_url(post: Post, *, position: int) -> str:
    """The post on the thread page: `position` counts the visible posts before it."""
    return post.thread.post_url(post.number, before=position)


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

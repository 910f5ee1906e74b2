"""Discussions: forums, threads and posts, and what members and moderators do with them."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# The survey's tables (community/survey/models.py), the diary's and the follow-ups' (their models.py in
# community/survey/diary/ and followups/) belong to this app: importing them here registers them with it.
from community.survey.diary.models import DiaryEntry, DiaryReminder  # noqa: F401
from community.survey.followups.models import FollowUp, FollowUpStop  # noqa: F401
from community.survey.models import (  # noqa: F401
    Consent,
    Option,
    OtherTreatmentName,
    Question,
    RemedyStatistic,
    Response,
    ResponseCondition,
    Section,
    StatisticsRefresh,
    Survey,
    SurveyExport,
    Tip,
    Treatment,
    TreatmentReport,
)
from portal.search import SearchDocument

POSTS_PER_PAGE = 20
# How much of a members-only thread's opening visitors read, on its page and in the API.
TEASER_CHARACTERS = 280


class Visibility(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    PENDING = "pending", _("Waiting for a moderator")
    HIDDEN = "hidden", _("Hidden")
    REMOVED = "removed", _("Removed")


class ForumQuerySet(models.QuerySet):
    def listed(self):
        """Forums shown to visitors: general ones, and those of published conditions."""
        return self.filter(models.Q(condition__isnull=True) | models.Q(condition__status="published"))


class Forum(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    # A condition's forum is created with the condition; general forums have none.
    condition = models.OneToOneField(
        "therapies.Condition", on_delete=models.CASCADE, null=True, blank=True, related_name="forum"
    )
    display_order = models.PositiveSmallIntegerField(_("order on the list"), default=100)
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:forum_detail", args=[self.slug])


# The fields `ThreadQuerySet.listed()` loads.
LISTED = (
    "title", "slug", "pinned", "locked", "members_only", "status", "post_count", "last_activity_at",
    "forum__slug", "forum__name", "therapy__name", "therapy__slug", "last_post__author__display_name",
)  # fmt: skip


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=Visibility.VISIBLE)

    def in_listed_forums(self):
        """Threads of the forums visitors see (`Forum.objects.listed()`): a thread of an unpublished condition's
        forum is found nowhere — not on its page, in the API, in search or in any list."""
        return self.filter(forum__in=Forum.objects.listed())

    def public(self):
        """Visible threads of listed forums: what every list of threads shows (members-only ones by their opening)."""
        return self.visible().in_listed_forums()

    def readable_by(self, user):
        """Threads whose posts `user` may read in full: public ones, members-only ones for signed-in members alone.
        (Search reads the same rule in SQL: community.search.readable_threads_sql, held to this by the tests.)"""
        threads = self.public()
        return threads if user.is_authenticated else threads.filter(members_only=False)

    def listed(self):
        """What a list of threads shows of each: its forum and therapy by name, its counts, and who posted last
        (not the last post's text, rendered HTML or search document)."""
        return self.select_related("forum", "therapy", "last_post__author").only(*LISTED)

    def listed_with_openers(self):
        """`listed()`, with who started each thread, when, and the opening post's HTML for its first lines (the
        API's thread list)."""
        return (
            self.listed()
            .select_related("author", "first_post")
            .only(*LISTED, "created_at", "author__display_name", "first_post__body_html")
        )

    def for_page(self):
        """What a thread's page shows of the thread: its forum, its therapy by name, and its facts."""
        return self.select_related("forum", "therapy").only(
            "title", "slug", "pinned", "locked", "members_only", "status", "post_count", "last_activity_at",
            "slow_mode_seconds", "author_id", "first_post_id", "last_post_id", "next_number", "created_at",
            "forum__name", "forum__slug", "forum__condition_id", "therapy__name", "therapy__slug",
        )  # fmt: skip


class Thread(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=160, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="threads"
    )
    therapy = models.ForeignKey(
        "therapies.Therapy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("therapy discussed"),
    )
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Visitors see the title and the first lines; search engines are asked not to index it."),
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE)
    # Slow mode: a member may post in this thread at most once per this many seconds (0: off).
    slow_mode_seconds = models.PositiveIntegerField(_("slow mode (seconds between posts)"), default=0)
    post_count = models.PositiveIntegerField(default=0, editable=False)  # visible posts, the first one included
    first_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    last_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    # Numbers posts in order of writing, all statuses; a post's number never changes.
    next_number = models.PositiveIntegerField(default=1, editable=False)
    last_activity_at = models.DateTimeField(default=timezone.now, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Written by `manage.py seed_demo` (portal/demo.py): a fictional conversation, removed with every post in it by
    # `seed_demo --remove`.
    demo = models.BooleanField(_("demo thread"), default=False, editable=False)
    # The site search's document, kept by the database on every write (see portal.search); GIN-indexed on PostgreSQL.
    search_document = models.GeneratedField(
        expression=SearchDocument(("title", "A")), output_field=SearchVectorField(), db_persist=True
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["forum", "status", "-pinned", "-last_activity_at"], name="thread_forum_list_idx"),
            models.Index(fields=["therapy", "status", "-last_activity_at"], name="thread_therapy_idx"),
            models.Index(fields=["status", "-last_activity_at"], name="thread_newest_idx"),
            # Every forum's threads in the order of a forum page (the API's thread list): without it, PostgreSQL
            # joined all 5,000 threads to their posts before sorting (65 ms for 20 threads).
            models.Index(fields=["status", "-pinned", "-last_activity_at", "-id"], name="thread_all_list_idx"),
            # The few members-only threads, which the site search leaves out of a visitor's posts.
            models.Index(fields=["id"], condition=models.Q(members_only=True), name="thread_members_only_idx"),
            # The demo threads, found at once however many real ones there are (portal/demo.py).
            models.Index(fields=["id"], condition=models.Q(demo=True), name="thread_demo_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.slug = slugify(self.title)[:150] or "thread"
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("community:thread_detail", args=[self.forum.slug, self.pk, self.slug])

    def post_url(self, number: int, *, before: int) -> str:
        """Post `number` on this thread's pages, `before` counting the posts shown before it (which page it is on)."""
        page = before // POSTS_PER_PAGE + 1
        return f"{self.get_absolute_url()}{f'?page={page}' if page > 1 else ''}#post-{number}"

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)

    @property
    def is_visible(self) -> bool:
        return self.status == Visibility.VISIBLE


@dataclass(frozen=True)
class ThreadFacts:
    """What a kept thread page remembers of its thread, for the requests that re-use it without loading the thread:
    enough for the permission rules (community/permissions.py) and the reader's own parts of the page."""

    pk: int
    slug: str
    forum_id: int
    forum_slug: str
    status: str
    locked: bool
    members_only: bool
    author_id: int | None
    last_post_id: int | None
    slow_mode_seconds: int

    @classmethod
    def of(cls, thread: Thread) -> ThreadFacts:
        return cls(
            pk=thread.pk,
            slug=thread.slug,
            forum_id=thread.forum_id,
            forum_slug=thread.forum.slug,
            status=thread.status,
            locked=thread.locked,
            members_only=thread.members_only,
            author_id=thread.author_id,
            last_post_id=thread.last_post_id,
            slow_mode_seconds=thread.slow_mode_seconds,
        )

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def is_visible(self) -> bool:
        return self.status == Visibility.VISIBLE


def helpful_count_text(count: int) -> str:
    """A post's helpful count in words, as its thread page shows it (and the API, for the page's script); empty
    at 0."""
    if not count:
        return ""
    return ngettext("%(counter)s member found this helpful", "%(counter)s members found this helpful", count) % {
        "counter": count
    }


def visible_posts_before(post_path: str = "") -> models.Subquery:
    """How many visible posts come before the post at `post_path` on its thread ("" for the row itself,
    "post__" for a row that points at a post): which page of the thread it is on, counted inside the same query."""
    before = (
        Post.objects.visible()
        .filter(
            thread_id=models.OuterRef(f"{post_path}thread_id"),
            number__lt=models.OuterRef(f"{post_path}number"),
        )
        .order_by()
        .values("thread_id")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(before), 0)


class PostQuerySet(models.QuerySet):
    def with_place(self):
        """Each post with `visible_before` annotated, so `Post.url` links to the right page of its thread."""
        return self.annotate(visible_before=visible_posts_before())

    def visible(self):
        return self.filter(status=Visibility.VISIBLE)

    def public(self):
        """Visible posts of public threads (`ThreadQuerySet.public()`)."""
        return self.visible().filter(thread__in=Thread.objects.public())

    def readable_by(self, user):
        """Visible posts of the threads `user` may read in full (`ThreadQuerySet.readable_by()`)."""
        return self.visible().filter(thread__in=Thread.objects.readable_by(user))

    def as_shown(self):
        """What a thread page shows of each post, with its author's name: not its Markdown source or search
        document."""
        return self.select_related("author").only(
            "thread_id", "number", "body_html", "status", "moderation_reason", "helpful_count", "open_report_count",
            "created_at", "edited_at", "author__display_name",
        )  # fmt: skip

    def shown_to(self, user):
        """Visible posts, plus the member's own posts that wait for a moderator or were hidden (with the reason)."""
        if user.is_authenticated:
            return self.filter(models.Q(status=Visibility.VISIBLE) | models.Q(author=user))
        return self.visible()


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts"
    )
    number = models.PositiveIntegerField(editable=False)
    body = models.TextField(_("message"))
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(_("status"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE)
    # Why a moderator hid or removed it; the author sees this on the post.
    moderation_reason = models.CharField(_("reason given to the author"), max_length=300, blank=True)
    helpful_count = models.PositiveIntegerField(default=0, editable=False)
    open_report_count = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_document = models.GeneratedField(
        expression=SearchDocument(("body", "B")), output_field=SearchVectorField(), db_persist=True
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["thread", "number"], name="post_number_unique")]
        indexes = [
            models.Index(fields=["thread", "status", "number"], name="post_thread_page_idx"),
            models.Index(fields=["status", "created_at"], name="post_queue_idx"),
            models.Index(fields=["author", "created_at"], name="post_author_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} in {self.thread_id}"

    def save(self, *args, **kwargs) -> None:
        from community.text import render_post

        self.body_html = render_post(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    @property
    def is_visible(self) -> bool:
        return self.status == Visibility.VISIBLE

    @property
    def url(self) -> str:
        """This post's address on its thread's pages; the queryset must come from `with_place()`."""
        return self.thread.post_url(self.number, before=self.visible_before)

    def teaser(self) -> str:
        """Its first lines as plain text: what visitors read of a members-only thread."""
        return Truncator(strip_tags(self.body_html)).chars(TEASER_CHARACTERS)


class PostRevision(models.Model):
    """An earlier text of an edited post: the edit history moderators and the author can see."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    replaced_at = models.DateTimeField(default=timezone.now)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-replaced_at"]

    def __str__(self) -> str:
        return f"revision of {self.post_id} at {self.replaced_at:%Y-%m-%d %H:%M}"


class HelpfulMark(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="helpful_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="helpful_once")]

    def __str__(self) -> str:
        return f"{self.user_id} found {self.post_id} helpful"


class Subscription(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="subscription_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"


class ReadPosition(models.Model):
    """How far a member has read a thread: the number of the last post they have seen."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="read_position_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to #{self.last_read_number}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("A reply in a thread you follow")
        MENTION = "mention", _("You were mentioned")
        MODERATION = "moderation", _("A moderator acted on your post")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "read_at", "-created_at"], name="notification_inbox_idx"),
            models.Index(fields=["emailed_at", "created_at"], name="notification_outbox_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["user", "kind", "post"], name="notification_once")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or promotion")
        ABUSE = "abuse", _("Abuse or harassment")
        MISINFORMATION = "misinformation", _("Unsafe medical advice or misinformation")
        PERSONAL_INFO = "personal_info", _("Personal information")
        SELF_HARM = "self_harm", _("The member may be at risk of self-harm")
        UNDER_AGE = "under_age", _("The member may be under age")
        OFF_TOPIC = "off_topic", _("Off-topic")
        OTHER = "other", _("Something else")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ACTIONED = "actioned", _("Acted on")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    # Never shown to the author.
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    snapshot = models.TextField(_("the post as reported"), editable=False)
    urgent = models.BooleanField(default=False, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-urgent", "created_at"]
        indexes = [models.Index(fields=["state", "-urgent", "created_at"], name="report_queue_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], condition=models.Q(state="open"), name="report_one_open_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.post_id}"


class ModerationAction(models.Model):
    """What a moderator did, to what, and why: append-only, shown in the admin and (the reason) to the author."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved a post")
        HIDE = "hide", _("Hid a post")
        REMOVE = "remove", _("Removed a post")
        RESTORE = "restore", _("Restored a post")
        DISMISS = "dismiss", _("Dismissed a report")
        LOCK = "lock", _("Locked a thread")
        UNLOCK = "unlock", _("Unlocked a thread")
        PIN = "pin", _("Pinned a thread")
        UNPIN = "unpin", _("Unpinned a thread")
        MOVE = "move", _("Moved a thread")
        SLOW_MODE = "slow_mode", _("Set slow mode")
        SUSPEND = "suspend", _("Suspended a member")
        AUTO_HIDE = "auto_hide", _("Hid a post after several reports")

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=12, choices=Action.choices)
    post = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="moderation")
    thread = models.ForeignKey(Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="moderation")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class Suspension(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    until = models.DateTimeField()
    reason = models.CharField(max_length=300)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-until"]
        indexes = [models.Index(fields=["member", "-until"], name="suspension_member_idx")]

    def __str__(self) -> str:
        return f"{self.member_id} until {self.until:%Y-%m-%d %H:%M}"


class RulesAcceptance(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rules_acceptances")
    rules = models.ForeignKey("portal.RulesVersion", on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "rules"], name="rules_accepted_once")]

    def __str__(self) -> str:
        return f"{self.member_id} accepted rules {self.rules_id}"


class ModeratorScope(models.Model):
    """Limits a moderator to some forums; a moderator without a scope moderates every forum."""

    moderator = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_scope")
    forums = models.ManyToManyField(Forum, related_name="+")

    def __str__(self) -> str:
        return f"forums moderated by {self.moderator_id}"

"""Moderation in the admin: one queue of waiting and reported posts, threads, reports, and the audit trail.

Moderators limited to some forums (ModeratorScope) see and act only there.
Every action goes through `community.actions`, which records an append-only
ModerationAction and tells the author why.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from community import actions, permissions
from community.models import (
    Forum,
    ModerationAction,
    ModeratorScope,
    Post,
    PostRevision,
    Report,
    Suspension,
    Thread,
    Visibility,
    visible_posts_before,
)
from portal.admin import ReadOnlyAdmin

SUSPENSION_DAYS = [(1, _("1 day")), (3, _("3 days")), (7, _("7 days")), (30, _("30 days"))]


class QueuePost(Post):
    """The moderation queue: posts waiting for a moderator and posts with open reports."""

    class Meta:
        proxy = True
        verbose_name = _("post in the moderation queue")
        verbose_name_plural = _("moderation queue")


class ModerationInput(forms.Form):
    """What a moderator types beside an admin action; every action reads it through this form."""

    reason = forms.CharField(
        label=_("Reason (shown to the author)"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"size": 40}),
    )
    days = forms.TypedChoiceField(label=_("Suspend for"), choices=SUSPENSION_DAYS, coerce=int, required=False)
    forum = forms.ModelChoiceField(label=_("Move to"), queryset=Forum.objects.all(), required=False)
    slow_mode_minutes = forms.IntegerField(label=_("Slow mode (minutes)"), required=False, min_value=0, max_value=1440)


class ModerationActionForm(ActionForm, ModerationInput):
    pass


class ScopedAdmin(admin.ModelAdmin):
    """Limits a moderator with a scope to their forums; `forum_path` leads from the model to its forum."""

    forum_path = "thread__forum"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        forum_ids = permissions.moderated_forum_ids(request.user)
        if forum_ids is not None:
            queryset = queryset.filter(**{f"{self.forum_path}__in": forum_ids})
        return queryset

    def _input(self, request) -> dict | None:
        """The action's input, parsed by ModerationInput; None (and the moderator told why) when it does not parse."""
        form = ModerationInput(request.POST)
        if form.is_valid():
            return form.cleaned_data
        for errors in form.errors.values():
            for error in errors:
                self.message_user(request, error, messages.ERROR)
        return None

    def _reason(self, request) -> str:
        cleaned = self._input(request)
        return (cleaned or {}).get("reason", "").strip()

    def _set_flag(self, request, threads, *, flag: str, value: bool, done: str) -> None:
        reason = self._reason(request)
        for thread in threads:
            actions.set_thread_flag(thread=thread, moderator=request.user, flag=flag, value=value, reason=reason)
        self.message_user(request, done)

    def _move(self, request, threads, *, choose: str, done: str) -> None:
        cleaned = self._input(request)
        if cleaned is None:
            return
        forum = cleaned["forum"]
        if forum is None or not permissions.can_moderate_forum(request.user, forum.pk):
            self.message_user(request, choose, messages.ERROR)
            return
        for thread in threads:
            actions.move_thread(thread=thread, moderator=request.user, forum=forum, reason=cleaned["reason"].strip())
        self.message_user(request, done)

    def _slow_mode(self, request, threads) -> None:
        cleaned = self._input(request)
        if cleaned is None:
            return
        minutes = cleaned["slow_mode_minutes"] or 0
        for thread in threads:
            actions.set_slow_mode(
                thread=thread, moderator=request.user, seconds=minutes * 60, reason=cleaned["reason"].strip()
            )
        self.message_user(request, _("Slow mode set."))

    def _require_reason(self, request) -> str | None:
        reason = self._reason(request)
        if not reason:
            self.message_user(request, _("Please give a reason: the author is shown it."), messages.ERROR)
            return None
        return reason


class UrgentFilter(admin.SimpleListFilter):
    title = _("urgency")
    parameter_name = "urgent"

    def lookups(self, request, model_admin):
        return [("yes", _("Urgent (self-harm reports)"))]

    def queryset(self, request, queryset):
        return queryset.filter(urgent=True) if self.value() == "yes" else queryset


class QueueKindFilter(admin.SimpleListFilter):
    title = _("why it is here")
    parameter_name = "why"

    def lookups(self, request, model_admin):
        return [("pending", _("Waiting for approval")), ("reported", _("Reported"))]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.filter(status=Visibility.PENDING)
        if self.value() == "reported":
            return queryset.filter(open_report_count__gt=0)
        return queryset


URGENT_FIRST = models.Exists(Report.objects.filter(post=models.OuterRef("pk"), state=Report.State.OPEN, urgent=True))


@admin.register(QueuePost)
class ModerationQueueAdmin(ScopedAdmin):
    # As `ordering`: the change list replaces an order_by() of get_queryset() with the admin's ordering.
    ordering = [URGENT_FIRST.desc(), "created_at"]
    list_display = ["queue_item", "why", "thread_link", "author_name", "created_at"]
    list_filter = [QueueKindFilter, UrgentFilter, "thread__forum"]
    search_fields = ["body", "thread__title", "author__display_name"]
    list_select_related = ["thread__forum", "author"]
    action_form = ModerationActionForm
    actions = [
        "approve",
        "dismiss_reports",
        "hide",
        "remove",
        "suspend_authors",
        "lock_threads",
        "pin_threads",
        "move_threads",
        "slow_mode",
    ]
    change_list_template = "admin/community/queuepost/change_list.html"
    fields = ["body", "status", "moderation_reason", "thread", "author", "created_at", "reports_list"]
    readonly_fields = fields

    def get_queryset(self, request):
        open_reports = Report.objects.filter(post=models.OuterRef("pk"), state=Report.State.OPEN)
        return (
            super()
            .get_queryset(request)
            .annotate(urgent=models.Exists(open_reports.filter(urgent=True)))
            .with_place()
            .filter(models.Q(status=Visibility.PENDING) | models.Q(open_report_count__gt=0))
            # One query for the open reports of the whole page, not one per row.
            .prefetch_related(
                models.Prefetch("reports", queryset=Report.objects.filter(state=Report.State.OPEN), to_attr="open")
            )
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("community.change_post")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("community.view_post")

    def changelist_view(self, request, extra_context=None):
        queryset = self.get_queryset(request)
        extra_context = {
            **(extra_context or {}),
            "queue_counts": {
                "urgent": queryset.filter(urgent=True).count(),
                "pending": queryset.filter(status=Visibility.PENDING).count(),
                "reported": queryset.filter(open_report_count__gt=0).count(),
            },
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("post"))
    def queue_item(self, obj):
        text = obj.body if len(obj.body) <= 160 else obj.body[:157] + "…"
        if obj.urgent:
            return format_html('<strong class="urgent">{}</strong> {}', _("URGENT"), text)
        return text

    @admin.display(description=_("why"))
    def why(self, obj):
        parts = []
        if obj.status == Visibility.PENDING:
            parts.append(str(_("waiting for approval")))
        if obj.open:
            reasons = sorted({str(report.get_reason_display()) for report in obj.open})
            parts.append(f"{len(obj.open)} {_('report(s)')}: {', '.join(reasons)}")
        if obj.status == Visibility.HIDDEN:
            parts.append(str(_("hidden until reviewed")))
        return "; ".join(parts)

    @admin.display(description=_("thread"))
    def thread_link(self, obj):
        return format_html(
            '<a href="{}">{}</a> ({})',
            obj.url,
            obj.thread.title,
            obj.thread.forum.name,
        )

    @admin.display(description=_("author"))
    def author_name(self, obj):
        return obj.author.display_name if obj.author else _("Deleted member")

    @admin.display(description=_("open reports"))
    def reports_list(self, obj):
        reports = obj.open
        if not reports:
            return "—"
        # format_html_join, not format_html over joined pieces: a "{}" a member typed is text, never a placeholder.
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} <em>{}</em></li>",
                (
                    (
                        report.get_reason_display(),
                        report.note,
                        _("(as reported: %(text)s)") % {"text": report.snapshot[:300]},
                    )
                    for report in reports
                ),
            ),
        )

    def _each(self, request, queryset, do, done: str) -> None:
        count = 0
        for post in queryset.select_related("thread"):
            if not permissions.can_moderate_forum(request.user, post.thread.forum_id):
                continue
            do(post)
            count += 1
        self.message_user(request, done % {"count": count})

    @admin.action(description=_("Approve (publish, and dismiss reports)"), permissions=["change"])
    def approve(self, request, queryset):
        reason = self._reason(request)
        self._each(
            request,
            queryset,
            lambda post: actions.approve_post(post=post, moderator=request.user, reason=reason),
            _("Approved: %(count)d."),
        )

    @admin.action(description=_("Dismiss the reports (and restore an auto-hidden post)"), permissions=["change"])
    def dismiss_reports(self, request, queryset):
        reason = self._reason(request)
        self._each(
            request,
            queryset,
            lambda post: actions.dismiss_reports(post=post, moderator=request.user, reason=reason),
            _("Reports dismissed: %(count)d."),
        )

    @admin.action(description=_("Hide, with the reason"), permissions=["change"])
    def hide(self, request, queryset):
        if (reason := self._require_reason(request)) is not None:
            self._each(
                request,
                queryset,
                lambda post: actions.hide_post(post=post, moderator=request.user, reason=reason),
                _("Hidden: %(count)d."),
            )

    @admin.action(description=_("Remove, with the reason"), permissions=["change"])
    def remove(self, request, queryset):
        if (reason := self._require_reason(request)) is not None:
            self._each(
                request,
                queryset,
                lambda post: actions.hide_post(post=post, moderator=request.user, reason=reason, remove=True),
                _("Removed: %(count)d."),
            )

    @admin.action(description=_("Suspend the authors, with the reason"), permissions=["change"])
    def suspend_authors(self, request, queryset):
        reason = self._require_reason(request)
        if reason is None:
            return
        days = (self._input(request) or {}).get("days")
        if days not in dict(SUSPENSION_DAYS):
            self.message_user(request, _("Choose for how long to suspend."), messages.ERROR)
            return
        authors = {
            post.author for post in queryset.select_related("author") if post.author and not post.author.is_staff
        }
        for author in authors:
            actions.suspend_member(member=author, moderator=request.user, days=days, reason=reason)
        self.message_user(
            request, ngettext("%d member suspended.", "%d members suspended.", len(authors)) % len(authors)
        )

    def _threads(self, request, queryset):
        threads = {post.thread for post in queryset.select_related("thread")}
        return [t for t in threads if permissions.can_moderate_forum(request.user, t.forum_id)]

    @admin.action(description=_("Lock their threads"), permissions=["change"])
    def lock_threads(self, request, queryset):
        self._set_flag(request, self._threads(request, queryset), flag="locked", value=True, done=_("Threads locked."))

    @admin.action(description=_("Pin their threads"), permissions=["change"])
    def pin_threads(self, request, queryset):
        self._set_flag(request, self._threads(request, queryset), flag="pinned", value=True, done=_("Threads pinned."))

    @admin.action(description=_("Move their threads to the chosen forum"), permissions=["change"])
    def move_threads(self, request, queryset):
        choose = _("Choose a forum you moderate to move the threads to.")
        self._move(request, self._threads(request, queryset), choose=choose, done=_("Threads moved."))

    @admin.action(
        description=_("Slow mode for their threads (minutes between a member's posts)"), permissions=["change"]
    )
    def slow_mode(self, request, queryset):
        self._slow_mode(request, self._threads(request, queryset))


@admin.register(Thread)
class ThreadAdmin(ScopedAdmin):
    forum_path = "forum"
    list_display = ["title", "forum", "status", "pinned", "locked", "members_only", "post_count", "last_activity_at"]
    list_filter = ["status", "pinned", "locked", "members_only", "demo", "forum"]
    search_fields = ["title"]
    list_select_related = ["forum"]
    action_form = ModerationActionForm
    actions = ["lock", "unlock", "pin", "unpin", "move", "slow_mode"]
    fields = [
        "title",
        "forum",
        "author",
        "therapy",
        "status",
        "pinned",
        "locked",
        "members_only",
        "slow_mode_seconds",
        "post_count",
        "created_at",
        "last_activity_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def _moderated(self, request, queryset) -> list[Thread]:
        return [thread for thread in queryset if permissions.can_moderate_forum(request.user, thread.forum_id)]

    def _flag(self, request, queryset, flag: str, value: bool) -> None:
        self._set_flag(request, self._moderated(request, queryset), flag=flag, value=value, done=_("Done."))

    @admin.action(description=_("Lock"), permissions=["change"])
    def lock(self, request, queryset):
        self._flag(request, queryset, "locked", True)

    @admin.action(description=_("Unlock"), permissions=["change"])
    def unlock(self, request, queryset):
        self._flag(request, queryset, "locked", False)

    @admin.action(description=_("Pin"), permissions=["change"])
    def pin(self, request, queryset):
        self._flag(request, queryset, "pinned", True)

    @admin.action(description=_("Unpin"), permissions=["change"])
    def unpin(self, request, queryset):
        self._flag(request, queryset, "pinned", False)

    @admin.action(description=_("Move to the chosen forum"), permissions=["change"])
    def move(self, request, queryset):
        self._move(
            request, self._moderated(request, queryset), choose=_("Choose a forum you moderate."), done=_("Moved.")
        )

    @admin.action(description=_("Slow mode (minutes between a member's posts; 0 turns it off)"), permissions=["change"])
    def slow_mode(self, request, queryset):
        self._slow_mode(request, self._moderated(request, queryset))


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    """The audit trail: append-only, nobody edits or deletes it here."""

    list_display = ["created_at", "moderator", "action", "target", "reason"]
    list_filter = ["action"]
    search_fields = ["reason", "moderator__display_name", "member__display_name"]
    list_select_related = ["moderator", "post", "thread", "member"]

    def get_queryset(self, request):
        # Which page of its thread each post is on, in the list's own query.
        return super().get_queryset(request).annotate(posts_before=visible_posts_before("post__"))

    @admin.display(description=_("target"))
    def target(self, obj):
        if obj.post_id:
            return format_html(
                '<a href="{}">{}</a>',
                obj.thread.post_url(obj.post.number, before=obj.posts_before) if obj.thread else "#",
                _("post #%(n)d") % {"n": obj.post.number},
            )
        if obj.thread_id:
            return obj.thread.title
        return obj.member.display_name if obj.member else "—"


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin, ScopedAdmin):
    forum_path = "post__thread__forum"
    list_display = ["created_at", "reason", "urgent", "state", "post_link"]
    list_filter = ["state", "urgent", "reason"]
    list_select_related = ["post__thread__forum"]
    fields = ["reason", "note", "snapshot", "urgent", "state", "created_at", "decided_by", "decided_at"]

    @admin.display(description=_("post"))
    def post_link(self, obj):
        url = reverse("admin:community_queuepost_change", args=[obj.post_id])
        return format_html('<a href="{}">{}</a>', url, obj.post.thread.title)


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    list_display = ["member", "until", "reason", "moderator", "created_at"]
    search_fields = ["member__display_name", "member__email", "reason"]
    list_select_related = ["member", "moderator"]
    fields = ["member", "until", "reason"]
    raw_id_fields = ["member"]

    def save_model(self, request, obj, form, change):
        if change:
            actions.change_suspension(
                suspension=obj, moderator=request.user, member=obj.member, until=obj.until, reason=obj.reason
            )
            return
        suspension = actions.suspend_member_until(
            member=obj.member, moderator=request.user, until=obj.until, reason=obj.reason
        )
        # The admin goes on with the form's object (its change message, the address of the saved row).
        obj.pk, obj.moderator, obj.created_at, obj._state.adding = (
            suspension.pk,
            request.user,
            suspension.created_at,
            False,
        )

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "condition", "thread_count", "post_count", "display_order"]
    fields = ["name", "slug", "description", "display_order", "condition"]
    readonly_fields = ["condition"]


@admin.register(ModeratorScope)
class ModeratorScopeAdmin(admin.ModelAdmin):
    list_display = ["moderator"]
    filter_horizontal = ["forums"]
    raw_id_fields = ["moderator"]


@admin.register(PostRevision)
class PostRevisionAdmin(ReadOnlyAdmin):
    list_display = ["post", "replaced_at", "edited_by"]
    list_select_related = ["post", "edited_by"]

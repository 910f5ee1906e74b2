"""A condition's news in the admin: the "what changed" note on the page form, followers per condition (counts for
editors, addresses for administrators) and the send log."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from portal.admin import ReadOnlyAdmin
from therapies.news import actions
from therapies.news.forms import ChangeNoteForm
from therapies.news.models import ChangeNote, ConditionFollow, ConditionFollowers, NewsDigest
from therapies.news.permissions import can_see_follower_addresses, can_see_follower_counts, can_see_send_log


class ChangeNoteAdminMixin:
    """For the therapy-for-condition admin: the note field, below the status, and the note kept when saved."""

    form = ChangeNoteForm

    def get_fieldsets(self, request, obj=None):
        note = (
            _("News for followers"),
            {
                "fields": ["change_note"],
                "description": _("Followers of the condition receive this line in their weekly e-mail."),
            },
        )
        return [*super().get_fieldsets(request, obj), note]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "news_kind", None):
            actions.record_change_note(
                page=obj, text=form.cleaned_data["change_note"], editor=request.user, kind=form.news_kind
            )


@admin.register(ConditionFollowers)
class ConditionFollowersAdmin(ReadOnlyAdmin):
    """How many follow each condition: what editors may know about followers."""

    list_display = ["name", "confirmed_followers", "waiting_for_confirmation"]
    search_fields = ["name"]
    fields = ["name", "confirmed_followers", "waiting_for_confirmation"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return can_see_follower_counts(request.user)

    def has_module_permission(self, request):
        return can_see_follower_counts(request.user)

    def get_queryset(self, request):
        active = Q(followers__withdrawn_at__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed=Count("followers", filter=active & Q(followers__confirmed_at__isnull=False)),
                waiting=Count("followers", filter=active & Q(followers__confirmed_at__isnull=True)),
            )
        )

    @admin.display(description=_("confirmed followers"), ordering="confirmed")
    def confirmed_followers(self, obj):
        return obj.confirmed

    @admin.display(description=_("waiting for confirmation"), ordering="waiting")
    def waiting_for_confirmation(self, obj):
        return obj.waiting


@admin.register(ConditionFollow)
class ConditionFollowAdmin(ReadOnlyAdmin):
    """Who follows what, with their addresses and consent: administrators only."""

    list_display = ["address", "condition", "member", "requested_at", "confirmed_at", "withdrawn_at"]
    list_filter = ["condition"]
    list_select_related = ["condition", "member"]
    search_fields = ["email", "member__email", "condition__name"]
    fields = ["condition", "address", "member", "consent_text", "requested_at", "confirmed_at", "withdrawn_at"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return can_see_follower_addresses(request.user)

    def has_module_permission(self, request):
        return can_see_follower_addresses(request.user)

    @admin.display(description=_("e-mail address"))
    def address(self, obj):
        return obj.address or "–"


@admin.register(NewsDigest)
class NewsDigestAdmin(ReadOnlyAdmin):
    """The send log: what was sent and when to everyone; to whom only to administrators."""

    list_filter = ["condition"]
    list_select_related = ["condition", "follow__member"]
    date_hierarchy = "sent_at"

    def has_view_permission(self, request, obj=None):
        return can_see_send_log(request.user)

    def has_module_permission(self, request):
        return can_see_send_log(request.user)

    def get_list_display(self, request):
        who = ["recipient"] if can_see_follower_addresses(request.user) else []
        return ["sent_at", "condition", *who, "note_count"]

    def get_fields(self, request, obj=None):
        who = ["recipient"] if can_see_follower_addresses(request.user) else []
        return ["sent_at", "condition", *who, "what_was_sent"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(note_total=Count("notes")).prefetch_related("notes")

    @admin.display(description=_("to"))
    def recipient(self, obj):
        if obj.follow is None or not obj.follow.address:
            return _("a former follower")
        return obj.follow.address

    @admin.display(description=_("notes"), ordering="note_total")
    def note_count(self, obj):
        return obj.note_total

    @admin.display(description=_("what was sent"))
    def what_was_sent(self, obj):
        return "; ".join(note.text for note in obj.notes.all())


@admin.register(ChangeNote)
class ChangeNoteAdmin(ReadOnlyAdmin):
    """Every "what changed" note, as editors wrote them on the page form."""

    list_display = ["created_at", "page", "kind", "text", "editor"]
    list_filter = ["kind", "condition"]
    list_select_related = ["page__therapy", "page__condition", "editor"]
    fields = ["created_at", "condition", "page", "kind", "text", "label_key", "editor"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return can_see_send_log(request.user)

    def has_module_permission(self, request):
        return can_see_send_log(request.user)

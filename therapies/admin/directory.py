"""The practitioner directory in the admin: listings, and the review queue of what members send in."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from therapies.actions import listings
from therapies.directory.proposals import describe_changes
from therapies.models import Language, ListingRequest, Practitioner
from therapies.permissions import verification_refusal


class ListingRequestInline(admin.TabularInline):
    model = ListingRequest
    fk_name = "practitioner"
    extra = 0
    can_delete = False
    fields = ["request_link", "state", "submitted_by", "created_at"]
    readonly_fields = fields
    verbose_name_plural = _("requests from members about this listing")

    def get_queryset(self, request):
        # Each row is titled with the request's str(), which names the listing.
        return super().get_queryset(request).select_related("submitted_by", "practitioner")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("request"))
    def request_link(self, obj):
        url = reverse("admin:therapies_listingrequest_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.get_kind_display())


class PractitionerAdminForm(forms.ModelForm):
    """A verification is recorded with where the licence was checked, and never on a demo listing."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("verification_status") == Practitioner.Verification.VERIFIED:
            refusal = verification_refusal(demo=self.instance.demo, source=cleaned.get("verification_source", ""))
            if refusal is not None:
                self.add_error(*refusal)
        return cleaned


@admin.register(Practitioner)
class PractitionerAdmin(SimpleHistoryAdmin):
    form = PractitionerAdminForm
    list_display = [
        "name", "city", "country", "status", "verification_status", "owner", "last_confirmed_on", "located", "demo",
    ]  # fmt: skip
    list_filter = ["status", "verification_status", "demo", "telehealth", "accepting_new_patients", "kind", "country"]
    search_fields = ["name", "clinic_name", "city", "postcode", "licence_number", "email"]
    list_select_related = ["owner"]
    filter_horizontal = ["therapies", "conditions", "languages"]
    raw_id_fields = ["owner"]
    # "example.com" typed for the website becomes https://example.com, as in the member's forms.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["verified_by", "site_link", "demo"]
    inlines = [ListingRequestInline]
    actions = ["publish", "hide", "mark_verified", "confirm_today"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "slug", "credentials", "status", "owner", "site_link", "demo"]}),
        (
            _("Licence and verification"),
            {
                "fields": [
                    "licence_number",
                    "licensing_body",
                    "licence_region",
                    "verification_status",
                    "verified_on",
                    "verified_by",
                    "verification_source",
                    "verification_note",
                ],
                "description": _(
                    "Set “Verified” only after checking the licence with the licensing body, and say where you checked "
                    "it; your name and today's date are recorded. Without a source no badge is shown."
                ),
            },
        ),
        (
            _("Address"),
            {
                "fields": ["clinic_name", "street", "city", "region", "postcode", "country", "latitude", "longitude"],
                "description": _(
                    "Leave latitude and longitude empty to find them from the US ZIP code or the city; "
                    "clear them after changing the address. Coordinates you type are kept."
                ),
            },
        ),
        (_("Contact"), {"fields": ["phone", "email", "website", "booking_url"]}),
        (
            _("Practice"),
            {
                "fields": [
                    "telehealth",
                    "accepting_new_patients",
                    "languages",
                    "therapies",
                    "conditions",
                    "fees_note",
                    "bio",
                    "last_confirmed_on",
                ]
            },
        ),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # An empty slug is made from the name and city on save.
        form.base_fields["slug"].required = False
        return form

    @admin.display(boolean=True, description=_("located"))
    def located(self, obj):
        return obj.has_location

    @admin.display(description=_("on the site"))
    def site_link(self, obj):
        if not obj.pk:
            return "—"
        label = _("View the listing") if obj.is_published else _("Preview (not public)")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    def save_model(self, request, obj, form, change):
        approved_suggestion = listings.save_listing(listing=obj, editor=request.user)
        if not obj.has_location:
            self.message_user(
                request,
                _("No coordinates were found for this address, so the listing will not show in “near” searches. "
                  "Check the postcode and city, or type the latitude and longitude."),
                messages.WARNING,
            )  # fmt: skip
        if approved_suggestion:
            self._suggester_told(request)

    def _suggester_told(self, request) -> None:
        self.message_user(request, _("The member who suggested this listing was told by e-mail."))

    @admin.action(description=_("Publish the selected listings"), permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for obj in queryset.exclude(status=Practitioner.Status.PUBLISHED):
            count += 1
            if listings.publish_listing(listing=obj, editor=request.user):
                self._suggester_told(request)
        self.message_user(request, ngettext("%d listing published.", "%d listings published.", count) % count)

    @admin.action(description=_("Hide the selected listings"), permissions=["change"])
    def hide(self, request, queryset):
        count = 0
        for obj in queryset.exclude(status=Practitioner.Status.HIDDEN):
            count += 1
            listings.hide_listing(listing=obj, editor=request.user)
        self.message_user(request, ngettext("%d listing hidden.", "%d listings hidden.", count) % count)

    @admin.action(
        description=_("Mark as verified by me today (licence checked, source written)"), permissions=["change"]
    )
    def mark_verified(self, request, queryset):
        """Only listings whose verification source an editor wrote, and never a demo listing."""
        objs = list(queryset)
        count = sum(listings.verify_listing(listing=obj, editor=request.user) for obj in objs)
        if skipped := len(objs) - count:
            self.message_user(
                request,
                ngettext(
                    "%d listing was not verified: a demo listing, or no verification source. Open it, write where "
                    "you checked the licence, and save.",
                    "%d listings were not verified: demo listings, or no verification source. Open each, write "
                    "where you checked the licence, and save.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )
        self.message_user(request, ngettext("%d listing verified.", "%d listings verified.", count) % count)

    @admin.action(description=_("Information confirmed today"), permissions=["change"])
    def confirm_today(self, request, queryset):
        objs = list(queryset)
        for obj in objs:
            listings.confirm_listing(listing=obj, editor=request.user)
        count = len(objs)
        self.message_user(request, ngettext("%d listing confirmed.", "%d listings confirmed.", count) % count)


# The queue: what waits comes first, then the newest. As `ordering`, because the change list replaces any
# order_by() of get_queryset() with the admin's (or the model's) ordering.
PENDING_FIRST = models.Case(
    models.When(state=ListingRequest.State.PENDING, then=models.Value(0)), default=models.Value(1)
)


@admin.register(ListingRequest)
class ListingRequestAdmin(admin.ModelAdmin):
    ordering = [PENDING_FIRST.asc(), "-created_at"]

    class Media:
        css = {"all": ["admin/therapies.css"]}

    list_display = ["kind", "practitioner", "submitted_by", "state", "created_at", "decided_by"]
    list_filter = ["state", "kind"]
    search_fields = ["practitioner__name", "practitioner__city", "submitted_by__email", "submitted_by__display_name"]
    list_select_related = ["practitioner", "submitted_by", "decided_by"]
    actions = ["approve_selected", "reject_selected"]
    change_form_template = "admin/therapies/listingrequest/change_form.html"
    change_list_template = "admin/therapies/listingrequest/change_list.html"
    fields = [
        "kind",
        "state",
        "listing_link",
        "submitted_by",
        "member_email",
        "created_at",
        "message",
        "licence_number",
        "work_email",
        "problem",
        "proposed_changes",
        "decision_note",
        "decided_by",
        "decided_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = [name for name in self.fields if name != "decision_note"]
        if obj is not None and not obj.is_pending:
            readonly.append("decision_note")
        return readonly

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        hidden = {
            ListingRequest.Kind.SUGGESTION: {"licence_number", "work_email", "problem", "proposed_changes"},
            ListingRequest.Kind.CLAIM: {"problem", "proposed_changes"},
            ListingRequest.Kind.EDIT: {"licence_number", "work_email", "problem"},
            ListingRequest.Kind.REPORT: {"licence_number", "work_email", "proposed_changes"},
        }[obj.kind]
        if obj.is_pending:
            hidden |= {"decided_by", "decided_at"}
        return [name for name in self.fields if name not in hidden]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def changelist_view(self, request, extra_context=None):
        counts = dict(
            ListingRequest.objects.pending().values_list("kind").annotate(n=models.Count("pk")).values_list("kind", "n")
        )
        waiting = [
            {"label": label, "count": counts.get(kind, 0), "kind": kind} for kind, label in ListingRequest.Kind.choices
        ]
        extra_context = {**(extra_context or {}), "waiting": waiting, "waiting_total": sum(counts.values())}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("listing"))
    def listing_link(self, obj):
        listing = obj.practitioner
        return format_html(
            '<a href="{}">{}</a> ({}) · <a href="{}">{}</a>',
            reverse("admin:therapies_practitioner_change", args=[listing.pk]),
            listing,
            listing.get_status_display(),
            listing.get_absolute_url(),
            _("on the site"),
        )

    @admin.display(description=_("member's e-mail"))
    def member_email(self, obj):
        return obj.submitted_by.email

    @admin.display(description=_("proposed changes"))
    def proposed_changes(self, obj):
        rows = describe_changes(obj)
        if not rows:
            return "—"
        body = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            ((row["label"], _show(row["current"]), _show(row["proposed"])) for row in rows),
        )
        return format_html(
            "<table class='proposed-changes'><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("field"),
            _("now"),
            _("proposed"),
            body,
        )

    def save_model(self, request, obj, form, change):
        decide = _decision_pressed(request)
        if decide is None:
            listings.note_on_request(request=obj, note=obj.decision_note)
            return
        # A request decided meanwhile (by another editor) is refused by the action itself, with its reason.
        try:
            decide(request=obj, reviewer=request.user, note=obj.decision_note)
        except listings.ReviewError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, _("Decided; the member is told by e-mail."))

    def response_change(self, request, obj):
        if _decision_pressed(request) is None:
            return super().response_change(request, obj)
        # The decision's own message says what happened; the admin's "changed successfully" would be wrong
        # after a refusal.
        if ListingRequest.objects.pending().filter(pk=obj.pk).exists():
            # Refused and still waiting: back to the request, to reject it instead.
            context = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
            return HttpResponseRedirect(add_preserved_filters(context, request.path))
        return self.response_post_save_change(request, obj)

    def _decide_selected(self, request, queryset, action, done_message):
        done = 0
        for obj in queryset.filter(state=ListingRequest.State.PENDING):
            try:
                action(request=obj, reviewer=request.user)
            except listings.ReviewError as error:
                self.message_user(request, f"{obj}: {error}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, done_message % done)

    @admin.action(description=_("Approve the selected requests"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._decide_selected(request, queryset, listings.approve_request, _("Approved: %d. The members are told."))

    @admin.action(description=_("Reject the selected requests"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide_selected(request, queryset, listings.reject_request, _("Rejected: %d. The members are told."))


def _decision_pressed(request):
    """The action for the decision button the editor pressed in the request's form, or None."""
    if "_approve" in request.POST:
        return listings.approve_request
    if "_reject" in request.POST:
        return listings.reject_request
    return None


def _show(value) -> str:
    if value in ("", None, []):
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]

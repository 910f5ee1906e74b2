"""The knowledge base in the admin: where editors write, review, preview and revert content."""

from __future__ import annotations

import dataclasses

from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from therapies.actions.knowledge import number_citations, remove_citation
from therapies.evidence import ALL_LABELS, LABELS_BY_KEY
from therapies.models import (
    Acupoint,
    Condition,
    ConditionCitation,
    FAQEntry,
    Reference,
    Therapy,
    TherapyCitation,
    TherapyCondition,
    TherapyConditionAcupoint,
    TherapyConditionCitation,
    TherapyConditionVote,
    TherapyVote,
)
from therapies.news.admin import ChangeNoteAdminMixin  # also registers the news admins

# --- List filters ------------------------------------------------------------------------


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("review overdue")
    parameter_name = "review_overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        # The rule lives on the QuerySet; "no" is everything it does not list, including pages with no due date.
        if self.value() == "yes":
            return queryset.review_overdue()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.model.objects.review_overdue().values("pk"))
        return queryset


class EvidenceLabelFilter(admin.SimpleListFilter):
    title = _("evidence label")
    parameter_name = "label"

    def lookups(self, request, model_admin):
        return [(label.key, label.text) for label in ALL_LABELS]

    def queryset(self, request, queryset):
        if self.value() in LABELS_BY_KEY:
            return queryset.filter(label_key=self.value())
        return queryset


# --- Inlines -----------------------------------------------------------------------------


class LabelledRowsFormSet(BaseInlineFormSet):
    """A tabular inline's rows with a name on every input.

    Django's tabular inline names each column once, in its header, and leaves the inputs in the rows without a
    label, so a screen reader announces a bare "checkbox" or "edit text": each input is named after its column.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            # A related field's widget comes wrapped in the admin's add/change buttons: label the input inside.
            widget = getattr(field.widget, "widget", field.widget)
            if field.label:
                widget.attrs.setdefault("aria-label", field.label)


class CitationFormSet(LabelledRowsFormSet):
    """Reference rows an editor attaches, next to those the model's save() attached because the text cites them.

    The model saves (and attaches what its text cites) before the inline rows
    are written, so a row the editor added for a reference the text also cites
    already exists by then: it is kept once instead of failing on the unique
    constraint.
    """

    def _rows(self):
        return self.model.objects.filter(**{self.fk.name: self.instance})

    def save_new(self, form, commit=True):
        existing = self._rows().filter(reference=form.instance.reference).first()
        if existing is not None:
            return existing
        return super().save_new(form, commit=commit)

    def save_existing(self, form, obj, commit=True):
        if self._rows().filter(reference=obj.reference).exclude(pk=obj.pk).exists():
            remove_citation(citation=obj)
            return obj
        return super().save_existing(form, obj, commit=commit)


class CitationInline(admin.TabularInline):
    formset = CitationFormSet
    fields = ["reference", "position"]
    readonly_fields = ["position"]
    autocomplete_fields = ["reference"]
    extra = 0
    verbose_name = _("reference")
    verbose_name_plural = _("references (cited ones are numbered by first use; attach others here)")

    def get_queryset(self, request):
        # Numbered citations first, in their order; attached but uncited references after them.
        return (
            super()
            .get_queryset(request)
            .select_related("reference")
            .order_by(models.F("position").asc(nulls_last=True), "reference__key")
        )


class ConditionCitationInline(CitationInline):
    model = ConditionCitation


class TherapyCitationInline(CitationInline):
    model = TherapyCitation


class TherapyConditionCitationInline(CitationInline):
    model = TherapyConditionCitation


class AcupointInline(admin.TabularInline):
    model = TherapyConditionAcupoint
    formset = LabelledRowsFormSet
    fields = ["acupoint", "order", "note"]
    autocomplete_fields = ["acupoint"]
    extra = 0
    verbose_name = _("acupoint used")
    verbose_name_plural = _("acupoints used")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("acupoint")


class FAQEntryInline(admin.StackedInline):
    model = FAQEntry
    fields = ["question", "answer", "order"]
    extra = 0


class TherapyConditionRowInline(admin.TabularInline):
    """The therapy's per-condition pages at a glance; each is edited on its own page (the change link)."""

    model = TherapyCondition
    fields = ["condition", "evidence", "status", "reviewed_on"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    extra = 0
    verbose_name = _("page for a condition")
    verbose_name_plural = _("pages for conditions")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("condition").order_by("condition__name")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("evidence"))
    def evidence(self, obj):
        return obj.label.text


# --- Content admins ----------------------------------------------------------------------


class RevisionChanges(HistoricalRecordContextHelper):
    """Lists the fields an editor changed; the stored `*_html` copies change with their text and only add noise."""

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if not change.field.endswith("_html")]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))


class HistoryAdmin(SimpleHistoryAdmin):
    # The same list as simple-history's, without its inline style attribute, which the site's CSP refuses.
    object_history_list_template = "admin/therapies/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionChanges(self.model, historical_record)


class ReviewedContentAdmin(HistoryAdmin):
    """What conditions, therapies and per-condition pages share: status, review dates, preview, citations."""

    list_filter = ["status", ReviewOverdueFilter, "demo"]
    readonly_fields = ["site_link"]
    save_on_top = True

    class Media:
        css = {"all": ["admin/therapies.css"]}

    def get_readonly_fields(self, request, obj=None):
        # Whether a row is demo content is the seed's to say (portal/demo.py), never an editor's.
        return [*super().get_readonly_fields(request, obj), "demo"]

    @admin.display(description=_("review"), ordering="next_review_due")
    def review(self, obj):
        if obj.next_review_due is None:
            return self.get_empty_value_display()
        due = date_format(obj.next_review_due)
        if obj.review_overdue:
            return format_html('<span class="review-overdue">{}</span>', _("Overdue since %(date)s") % {"date": due})
        return _("Due %(date)s") % {"date": due}

    @admin.display(description=_("on the site"))
    def site_link(self, obj):
        if obj is None or obj.pk is None:
            return _("Save first; then you can preview the page on the site.")
        url = self.get_view_on_site_url(obj)
        if obj.is_published:
            return format_html('<a class="site-link" href="{}">{}</a>', url, _("View on the site"))
        return format_html(
            '<a class="site-link site-link--preview" href="{}">{}</a> <span class="site-link__note">{}</span>',
            url,
            _("Preview on the site"),
            _("Only staff see a page that is not published."),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        number_citations(page=form.instance)


STATUS_FIELDSET = (_("Status"), {"fields": ["status", "site_link"]})
REVIEW_FIELDSET = (
    _("Review"),
    {
        "fields": [
            ("reviewer_name", "reviewer_credential"),
            "reviewer_competing_interests",
            ("reviewed_on", "next_review_due"),
            "demo",
        ],
        "description": _(
            "Shown on the page as “Reviewed by NAME, CREDENTIAL (competing interests: …) on DATE · next review due "
            "DATE”. Demo content, written by the demo seed, names a fictional reviewer and says so on the page."
        ),
    },
)


@admin.register(Condition)
class ConditionAdmin(ReviewedContentAdmin):
    list_display = ["name", "status", "review", "reviewed_on", "display_order"]
    search_fields = ["name", "slug", "aliases", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ConditionCitationInline]
    fieldsets = [
        (
            _("Content"),
            {
                "fields": [
                    "name",
                    "slug",
                    "aliases",
                    "summary",
                    "overview",
                    "symptoms",
                    "causes_and_triggers",
                    "when_to_seek_care",
                    "display_order",
                ],
                "description": _("Markdown. Cite a reference as [@key]; citations are numbered by first use."),
            },
        ),
        REVIEW_FIELDSET,
        STATUS_FIELDSET,
    ]


@admin.register(Therapy)
class TherapyAdmin(ReviewedContentAdmin):
    list_display = ["name", "category", "safety", "status", "review", "reviewed_on"]
    list_filter = ["status", ReviewOverdueFilter, "category", "safety"]
    search_fields = ["name", "slug", "aliases", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FAQEntryInline, TherapyCitationInline, TherapyConditionRowInline]
    fieldsets = [
        (
            _("Content"),
            {
                "fields": [
                    "name",
                    "slug",
                    "aliases",
                    "category",
                    "summary",
                    "what_it_is",
                    "how_it_works",
                    "why_it_matters",
                ],
                "description": _("Markdown. Cite a reference as [@key]; citations are numbered by first use."),
            },
        ),
        (
            _("Safety"),
            {"fields": ["safety", "considerations_and_safety", "common_side_effects", "contraindications"]},
        ),
        REVIEW_FIELDSET,
        STATUS_FIELDSET,
    ]


@admin.register(TherapyCondition)
class TherapyConditionAdmin(ChangeNoteAdminMixin, ReviewedContentAdmin):
    list_display = ["__str__", "therapy", "condition", "evidence", "status", "review", "reviewed_on"]
    list_filter = ["status", ReviewOverdueFilter, EvidenceLabelFilter, "condition", "therapy"]
    list_select_related = ["therapy", "condition"]
    search_fields = [
        "therapy__name",
        "therapy__slug",
        "therapy__aliases",
        "condition__name",
        "condition__slug",
        "condition__aliases",
        "excerpt",
    ]
    autocomplete_fields = ["therapy", "condition"]
    readonly_fields = ["site_link", "evidence", "grading_check"]
    inlines = [AcupointInline, TherapyConditionCitationInline]
    fieldsets = [
        (
            _("Content"),
            {
                "fields": ["therapy", "condition", "excerpt", "why_it_may_work", "specific_warnings"],
                "description": _("Markdown. Cite a reference as [@key]; citations are numbered by first use."),
            },
        ),
        (
            _("Protocol for this condition"),
            {
                "fields": [
                    "how_it_is_used",
                    ("sessions_per_week_min", "sessions_per_week_max"),
                    ("total_sessions", "minutes_per_session"),
                ],
                "description": _("Acupoints used are listed below the form."),
            },
        ),
        (
            _("Evidence (GRADE)"),
            {
                "fields": [
                    "evidence_basis",
                    ("certainty", "direction", "effect_size"),
                    (
                        "downgraded_for_risk_of_bias",
                        "downgraded_for_inconsistency",
                        "downgraded_for_indirectness",
                        "downgraded_for_imprecision",
                        "downgraded_for_publication_bias",
                    ),
                    ("studies_count", "participants_count"),
                    "evidence_summary",
                    "evidence",
                    "grading_check",
                ],
                "description": _(
                    "The grade is your judgement from the studies cited, never computed. Readers see one plain label "
                    "derived from certainty and direction. Tick each reason the certainty was downgraded for."
                ),
            },
        ),
        REVIEW_FIELDSET,
        STATUS_FIELDSET,
    ]

    @admin.display(description=_("evidence label"), ordering="label_key")
    def evidence(self, obj):
        return obj.label.text

    @admin.display(description=_("grading check"))
    def grading_check(self, obj):
        """The limits the cited studies put on the grade (one study, drop-outs, a narrower population), as saved."""
        if obj.pk is None:
            return "–"
        problems = obj.grading_problems()
        return "; ".join(problems) if problems else _("Within what the cited studies allow.")


@admin.register(Reference)
class ReferenceAdmin(HistoryAdmin):
    list_display = ["key", "short_authors", "year", "kind", "journal"]
    list_filter = ["kind", "year"]
    search_fields = ["key", "title", "authors", "doi", "pmid"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["key", "kind"]}),
        (_("Publication"), {"fields": ["authors", "title", "journal", "year", "volume_pages"]}),
        (_("Where to find it"), {"fields": ["doi", "pmid"], "description": _("The only links the site shows.")}),
        (
            _("For editors only — never shown on the site"),
            {"fields": ["url", "finding"], "description": _("Where the record was checked, and what the study found.")},
        ),
    ]

    @admin.display(description=_("authors"), ordering="authors")
    def short_authors(self, obj):
        return obj.authors if len(obj.authors) <= 60 else f"{obj.authors[:57]}…"


@admin.register(Acupoint)
class AcupointAdmin(HistoryAdmin):
    list_display = ["code", "pinyin", "english_name", "meridian"]
    list_filter = ["meridian"]
    search_fields = ["code", "pinyin", "english_name", "meridian"]
    fields = ["code", "pinyin", "english_name", "meridian", "location", "pregnancy_caution"]


@admin.register(FAQEntry)
class FAQEntryAdmin(HistoryAdmin):
    list_display = ["question", "therapy", "order"]
    list_filter = ["therapy"]
    list_select_related = ["therapy"]
    search_fields = ["question", "answer", "therapy__name"]
    autocomplete_fields = ["therapy"]
    fields = ["therapy", "question", "answer", "order"]


# --- Votes: members' own data, shown read-only to administrators ------------------------


class VoteAdmin(admin.ModelAdmin):
    list_display = ["target", "value", "user", "updated_at"]
    list_filter = ["value"]
    list_select_related = ["target", "user"]
    fields = ["target", "value", "user", "created_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # The page's vote counters move with each vote; deleting rows here would leave them wrong.
        return False


@admin.register(TherapyVote)
class TherapyVoteAdmin(VoteAdmin):
    pass


@admin.register(TherapyConditionVote)
class TherapyConditionVoteAdmin(VoteAdmin):
    list_select_related = ["target__therapy", "target__condition", "user"]

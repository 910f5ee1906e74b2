"""The survey in the admin: versions (a published one is read-only; "make a new version" copies it into a draft),
the treatment list and the names members typed, tips for moderation, and the editors' research exports.

Imported from `community.survey.ready` so it registers with the site's admin.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from community.survey import actions
from community.survey.models import (
    Option,
    OtherTreatmentName,
    Question,
    Section,
    Survey,
    SurveyExport,
    Tip,
    Treatment,
    TreatmentReport,
)

PUBLISHED_REFUSAL = _("A published survey version cannot be changed. Use “make a new version” and edit the draft.")


def _survey_of(obj) -> Survey | None:
    if obj is None:
        return None
    if isinstance(obj, Survey):
        return obj
    if isinstance(obj, Section | Question):
        return obj.survey
    if isinstance(obj, Option):
        return obj.question.survey
    return None


class DraftOnly:
    """Nothing of a published version can be added, changed or deleted; it can still be viewed."""

    def _published(self, obj) -> bool:
        survey = _survey_of(obj)
        return survey is not None and survey.is_published

    def has_change_permission(self, request, obj=None):
        return not self._published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._published(obj) and super().has_delete_permission(request, obj)


class DraftInline(DraftOnly):
    def has_add_permission(self, request, obj=None):
        return not self._published(obj) and super().has_add_permission(request, obj)


class DraftSurveyForm(forms.ModelForm):
    """Refuses a section, question or option placed in a published version (e.g. by a hand-made POST)."""

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("survey") or cleaned.get("section") or cleaned.get("question")
        survey = _survey_of(parent)
        if survey is not None and survey.is_published:
            raise ValidationError(PUBLISHED_REFUSAL)
        return cleaned


class SectionInline(DraftInline, admin.TabularInline):
    model = Section
    fields = ["position", "code", "title", "show_if_question", "show_if_options", "score_name"]
    extra = 0
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(DraftOnly, admin.ModelAdmin):
    list_display = ["title", "slug", "version", "status", "published_at", "response_count", "downloads"]
    list_filter = ["status", "slug"]
    readonly_fields = ["status", "published_at", "based_on"]
    inlines = [SectionInline]
    actions = ["make_new_version", "publish"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(response_total=Count("responses"))

    @admin.display(description=_("responses"), ordering="response_total")
    def response_count(self, obj):
        return obj.response_total

    @admin.display(description=_("research downloads"))
    def downloads(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:community_survey_export_answers", args=[obj.pk]),
            _("answers (CSV)"),
            reverse("admin:community_survey_export_codebook", args=[obj.pk]),
            _("codebook (CSV)"),
        )

    def has_delete_permission(self, request, obj=None):
        # A version members answered stays: their responses point at it.
        if obj is not None and obj.responses.exists():
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Make a new version (a draft copy with the same codes)"), permissions=["add"])
    def make_new_version(self, request, queryset):
        for survey in queryset:
            copy = actions.make_new_version(survey=survey)
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Draft created:"),
                    reverse("admin:community_survey_change", args=[copy.pk]),
                    copy,
                ),
            )

    @admin.action(description=_("Publish (it can no longer be changed afterwards)"), permissions=["add"])
    def publish(self, request, queryset):
        for survey in queryset.filter(status=Survey.Status.DRAFT):
            try:
                actions.publish_survey(survey=survey)
            except ValidationError as error:
                for problem in error.messages:
                    self.message_user(request, f"{survey}: {problem}", messages.ERROR)
            else:
                self.message_user(request, _("Published: %(survey)s.") % {"survey": survey})

    def get_urls(self):
        return [
            path(
                "<int:survey_id>/export/answers/",
                self.admin_site.admin_view(self.export_answers),
                name="community_survey_export_answers",
            ),
            path(
                "<int:survey_id>/export/codebook/",
                self.admin_site.admin_view(self.export_codebook),
                name="community_survey_export_codebook",
            ),
            *super().get_urls(),
        ]

    def _export(self, request: HttpRequest, survey_id: int, kind: str) -> HttpResponse:
        if not request.user.has_perm("community.export_responses"):
            raise PermissionDenied
        survey = get_object_or_404(Survey, pk=survey_id)
        text = actions.export_survey(survey=survey, kind=kind, editor=request.user)
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="{survey.slug}-v{survey.version}-{kind}-{stamp}.csv"'
        return response

    def export_answers(self, request, survey_id: int):
        return self._export(request, survey_id, SurveyExport.Kind.ANSWERS)

    def export_codebook(self, request, survey_id: int):
        return self._export(request, survey_id, SurveyExport.Kind.CODEBOOK)


class QuestionInline(DraftInline, admin.TabularInline):
    model = Question
    fk_name = "section"
    fields = ["position", "code", "kind", "role", "text", "required", "block"]
    extra = 0
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form.base_fields["block"].queryset = Question.objects.filter(
                section=obj, kind=Question.Kind.THERAPY_OUTCOME
            )
        return formset


@admin.register(Section)
class SectionAdmin(DraftOnly, admin.ModelAdmin):
    form = DraftSurveyForm
    list_display = ["title", "code", "survey", "position"]
    list_filter = ["survey"]
    list_select_related = ["survey"]
    inlines = [QuestionInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "survey":
            kwargs["queryset"] = Survey.objects.filter(status=Survey.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OptionInline(DraftInline, admin.TabularInline):
    model = Option
    fields = ["position", "code", "label", "score"]
    extra = 0


@admin.register(Question)
class QuestionAdmin(DraftOnly, admin.ModelAdmin):
    form = DraftSurveyForm
    list_display = ["code", "text", "kind", "role", "required", "section", "survey"]
    list_filter = ["survey", "kind", "role"]
    list_select_related = ["section", "survey"]
    search_fields = ["code", "text"]
    inlines = [OptionInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "survey":
            kwargs["queryset"] = Survey.objects.filter(status=Survey.Status.DRAFT)
        if db_field.name == "section":
            kwargs["queryset"] = Section.objects.filter(survey__status=Survey.Status.DRAFT).select_related("survey")
        if db_field.name == "block":
            kwargs["queryset"] = Question.objects.filter(
                survey__status=Survey.Status.DRAFT, kind=Question.Kind.THERAPY_OUTCOME
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "therapy", "listed"]
    list_filter = ["listed"]
    search_fields = ["name", "code"]
    list_select_related = ["therapy"]

    def get_readonly_fields(self, request, obj=None):
        # A code is never changed nor reused: it names columns in exports already made.
        return ["code", "therapy"] if obj is not None else ["therapy"]

    def has_delete_permission(self, request, obj=None):
        return False


class MapToTreatmentForm(ActionForm):
    treatment = forms.ModelChoiceField(
        label=_("Treatment on the list"), queryset=Treatment.objects.order_by("name"), required=False
    )


@admin.register(OtherTreatmentName)
class OtherTreatmentNameAdmin(admin.ModelAdmin):
    list_display = ["example", "answers_naming_it", "status", "treatment", "decided_at"]
    list_filter = ["status"]
    search_fields = ["name", "example"]
    list_select_related = ["treatment"]
    readonly_fields = ["name", "example", "status", "treatment", "decided_by", "decided_at", "created_at"]
    action_form = MapToTreatmentForm
    actions = ["map_to_treatment", "add_to_list", "decline"]

    def get_queryset(self, request):
        named = (
            TreatmentReport.objects.filter(other_name=OuterRef("name"))
            .order_by()
            .values("other_name")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_queryset(request).annotate(mention_count=Coalesce(Subquery(named), 0))

    @admin.display(description=_("answers naming it"), ordering="mention_count")
    def answers_naming_it(self, obj):
        return obj.mention_count

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Count as the treatment chosen below"), permissions=["change"])
    def map_to_treatment(self, request, queryset):
        treatment = Treatment.objects.filter(pk=request.POST.get("treatment") or None).first()
        if treatment is None:
            self.message_user(request, _("Please choose the treatment on the list first."), messages.ERROR)
            return
        for name in queryset:
            actions.map_other_treatment(name=name, treatment=treatment, editor=request.user)
        self.message_user(request, _("Counted as %(treatment)s.") % {"treatment": treatment})

    @admin.action(description=_("Add to the list members choose from"), permissions=["change"])
    def add_to_list(self, request, queryset):
        for name in queryset.exclude(status=OtherTreatmentName.Status.MAPPED):
            actions.add_other_treatment_to_list(name=name, editor=request.user)
        self.message_user(request, _("Added to the list."))

    @admin.action(description=_("Decline (not counted)"), permissions=["change"])
    def decline(self, request, queryset):
        for name in queryset:
            actions.decline_other_treatment(name=name, editor=request.user)
        self.message_user(request, _("Declined."))


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    """Moderators read tips without knowing who wrote them or what else that member answered."""

    list_display = ["treatment_name", "text", "status", "created_on"]
    list_filter = ["status"]
    search_fields = ["text", "treatment_name"]
    fields = ["treatment_name", "text", "status", "created_on"]
    readonly_fields = fields
    actions = ["approve", "decline"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Show on the therapy's page"), permissions=["change"])
    def approve(self, request, queryset):
        for tip in queryset:
            actions.moderate_tip(tip=tip, approve=True, moderator=request.user)
        count = queryset.count()
        self.message_user(request, ngettext("%(count)d tip shown.", "%(count)d tips shown.", count) % {"count": count})

    @admin.action(description=_("Do not show"), permissions=["change"])
    def decline(self, request, queryset):
        for tip in queryset:
            actions.moderate_tip(tip=tip, approve=False, moderator=request.user)
        self.message_user(request, _("Declined."))


@admin.register(SurveyExport)
class SurveyExportAdmin(admin.ModelAdmin):
    """The log of every download: who took which data, when, and how many rows."""

    list_display = ["created_at", "editor", "survey", "kind", "rows"]
    list_filter = ["kind", "survey"]
    list_select_related = ["editor", "survey"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

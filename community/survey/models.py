"""The survey's tables: versioned definitions, the treatment list, responses, consents and the statistics.

A published survey version is never edited in place (the admin refuses; `make_new_version` copies it into a
draft), so responses always point at the exact questions they answered. Item and option codes are stable across
versions: they name the columns of the research export and let a member's answers carry over to a new version.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_PATTERN = r"^[a-z][a-z0-9_]*$"
code_validator = RegexValidator(
    CODE_PATTERN, _("Lower-case letters, digits and underscores, starting with a letter (e.g. rls_urge).")
)
option_code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]*$", _("Lower-case letters, digits, hyphens and underscores (e.g. too_early).")
)
BUILTIN_SLUG = "experience"


# --- Definitions -----------------------------------------------------------------------------------------------------


class SurveyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Survey.Status.PUBLISHED)

    def current(self, slug: str = BUILTIN_SLUG) -> Survey | None:
        """The newest published version: the one members take now."""
        return self.published().filter(slug=slug).order_by("-version").first()


class Survey(models.Model):
    """One version of a survey. Published versions are immutable; a change makes a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (editable)")
        PUBLISHED = "published", _("Published (can no longer be changed)")

    slug = models.SlugField(_("survey"), max_length=60, help_text=_("The same for every version of one survey."))
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=150)
    intro = models.TextField(_("introduction"), help_text=_("Plain text; a blank line starts a new paragraph."))
    consent_intro = models.TextField(_("consent: introduction"))
    consent_statistics = models.TextField(_("consent: community statistics (required)"))
    consent_research = models.TextField(_("consent: sharing de-identified answers with researchers (optional)"))
    consent_recontact = models.TextField(_("consent: being contacted again (optional)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="survey_version_once")]
        permissions = [("export_responses", _("Can download de-identified survey answers and the codebook"))]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ShowIf(models.Model):
    """A simple condition: shown only if the answer to an earlier question includes one of some options."""

    show_if_question = models.CharField(
        _("show only if question"),
        max_length=60,
        blank=True,
        help_text=_("Code of a question in an earlier section; empty means always shown."),
    )
    show_if_options = models.CharField(
        _("has one of these answers"),
        max_length=500,
        blank=True,
        help_text=_("Option codes separated by commas; empty means “answered at all”."),
    )

    class Meta:
        abstract = True

    @property
    def show_if_option_list(self) -> list[str]:
        return [code.strip() for code in self.show_if_options.split(",") if code.strip()]


class Section(ShowIf):
    """One step of the survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.CharField(_("code"), max_length=40, validators=[code_validator])
    title = models.CharField(_("title"), max_length=150)
    intro = models.TextField(_("introduction"), blank=True)
    # A section that scores: the sum of its scored items, read in bands, e.g.
    # [{"code": "mild", "label": "Mild", "min": 1, "max": 10}, …]. Its severity applies to the conditions
    # named in its show-if options (the RLS score to RLS, the general block to the other conditions).
    score_name = models.CharField(_("name of the score"), max_length=100, blank=True)
    score_bands = models.JSONField(_("score bands"), default=list, blank=True)
    # Shown beside the score wherever it appears: what the score is and is not (ours: "not comparable with the
    # IRLS"), or, for a licensed instrument loaded as a new version, its name, licence and attribution.
    score_note = models.CharField(
        _("note shown with the score"),
        max_length=300,
        blank=True,
        help_text=_("What readers must know about the score, e.g. that it is not comparable with another scale."),
    )

    class Meta:
        ordering = ["survey", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="survey_section_code_once")]

    def __str__(self) -> str:
        return self.title


class Question(ShowIf):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        ITEM_0_4 = "item_0_4", _("Item scored 0–4")
        RATING_1_5 = "rating_1_5", _("Rating 1–5")
        NUMBER = "number", _("Number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        MONTH_YEAR = "month_year", _("Month and year")
        THERAPY_OUTCOME = "therapy_outcome", _("Therapy-outcome block (its items are asked for each treatment)")

    class Role(models.TextChoices):
        NONE = "", _("—")
        CONDITIONS = "conditions", _("The member's conditions (option codes are condition slugs)")
        TREATMENTS = "treatments", _("Treatments tried (options come from the treatment list)")
        OTHER_TREATMENTS = "other_treatments", _("Other treatments tried (one per line)")
        OUTCOME = "outcome", _("Outcome of a treatment (in the block)")
        SIDE_EFFECTS = "side_effects", _("Side effects of a treatment (in the block)")
        TIP = "tip", _("A tip for others (in the block; moderated, shown apart from the answers)")
        SCORED = "scored", _("Counts towards the section's score")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    # Items of a therapy-outcome block point at the block.
    block = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="items", verbose_name=_("block")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.CharField(
        _("item code"),
        max_length=60,
        validators=[code_validator],
        help_text=_("Stable across versions: it names the column in the research export."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default="", blank=True)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)
    min_value = models.IntegerField(_("lowest number allowed"), null=True, blank=True)
    max_value = models.IntegerField(_("highest number allowed"), null=True, blank=True)

    class Meta:
        ordering = ["section__position", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="survey_question_code_once")]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.CharField(
        _("answer code"),
        max_length=60,
        validators=[option_code_validator],
        help_text=_("Never reused for a different answer, in this version or a later one."),
    )
    label = models.CharField(_("answer"), max_length=200)
    score = models.SmallIntegerField(_("score"), null=True, blank=True)

    class Meta:
        ordering = ["question", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="survey_option_code_once")]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"


class Treatment(models.Model):
    """The list members pick treatments from: every therapy of the knowledge base, plus names editors added
    from members' "other" answers. A code is never reused: entries are unlisted, never deleted."""

    code = models.SlugField(_("code"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=120)
    therapy = models.OneToOneField(
        "therapies.Therapy", on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_treatment"
    )
    listed = models.BooleanField(_("offered in the survey"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["listed", "name"], name="treatment_listed_idx")]

    def __str__(self) -> str:
        return self.name


class OtherTreatmentName(models.Model):
    """A name members typed under "something else"; an editor maps it to the list, adds it, or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an editor")
        MAPPED = "mapped", _("Counted as a treatment on the list")
        DECLINED = "declined", _("Not counted")

    name = models.CharField(_("name (as compared)"), max_length=120, unique=True)
    example = models.CharField(_("as a member typed it"), max_length=120)
    mentions = models.PositiveIntegerField(_("members who named it"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["status", "-mentions", "name"]
        verbose_name = _("other treatment named by members")
        verbose_name_plural = _("other treatments named by members")

    def __str__(self) -> str:
        return self.example


# --- Responses -------------------------------------------------------------------------------------------------------


class ResponseQuerySet(models.QuerySet):
    def counted(self):
        """Responses the statistics count: submitted, each member's newest, with consent to statistics in force."""
        return self.filter(status=Response.Status.SUBMITTED, superseded=False).filter(
            models.Exists(
                Consent.objects.filter(
                    member=models.OuterRef("member"), purpose=Consent.Purpose.STATISTICS, withdrawn_at__isnull=True
                )
            )
        )


class Response(models.Model):
    """One member's answers to one survey version: a draft saved step by step, then submitted (and changeable)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_responses")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The code of the step to show next: where a member who left comes back to.
    step = models.CharField(max_length=40, blank=True)
    # What the member has answered so far, by item code (block items as "block:treatment:item").
    answers = models.JSONField(default=dict)
    # The answers as last submitted: what the statistics and the research export read.
    submitted_answers = models.JSONField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # True once the member submitted a newer survey version: each member is counted once, by their newest answers.
    superseded = models.BooleanField(default=False)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "survey"], name="survey_response_once")]
        indexes = [models.Index(fields=["status", "superseded"], name="survey_response_counted_idx")]

    def __str__(self) -> str:
        return f"response {self.pk} to {self.survey_id}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def has_unsubmitted_changes(self) -> bool:
        return self.is_submitted and self.answers != self.submitted_answers


class ResponseCondition(models.Model):
    """A condition named in a submitted response, with the member's severity band for it (for the statistics)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="conditions")
    code = models.CharField(max_length=60)
    condition = models.ForeignKey("therapies.Condition", on_delete=models.SET_NULL, null=True, related_name="+")
    severity_band = models.CharField(max_length=40, blank=True)
    severity_score = models.SmallIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "code"], name="survey_response_condition_once")]

    def __str__(self) -> str:
        return f"{self.code} in {self.response_id}"


class TreatmentReport(models.Model):
    """One treatment a submitted response reports on: its outcome and side effects (for the statistics)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="reports")
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, null=True, related_name="+")
    # For "something else": the name as compared, until an editor maps it to the list.
    other_name = models.CharField(max_length=120, blank=True)
    outcome = models.CharField(max_length=20)
    side_effects = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["treatment", "response"], name="survey_report_treatment_idx"),
            models.Index(fields=["other_name"], name="survey_report_other_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.treatment_id or self.other_name}: {self.outcome}"


class Tip(models.Model):
    """A tip for others: shown after moderation, without a name, and never linked to the rest of a response."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        APPROVED = "approved", _("Shown")
        DECLINED = "declined", _("Not shown")

    # Kept so the member can see, export and delete what they wrote; never shown with the tip.
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, null=True, blank=True, related_name="tips")
    treatment_name = models.CharField(_("treatment"), max_length=120)
    text = models.TextField(_("tip"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_on = models.DateField(default=timezone.localdate)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_on", "-pk"]
        indexes = [models.Index(fields=["treatment", "status"], name="survey_tip_shown_idx")]
        constraints = [models.UniqueConstraint(fields=["member", "survey", "treatment_name"], name="survey_tip_once")]

    def __str__(self) -> str:
        return f"tip on {self.treatment_name}"


class Consent(models.Model):
    """The consent ledger: one row per grant, with the text the member agreed to; withdrawal closes the row.

    Rows are never changed otherwise, so the ledger shows what was agreed, to which text, and when.
    """

    class Purpose(models.TextChoices):
        STATISTICS = "statistics", _("Counting my answers in the community statistics")
        RESEARCH = "research", _("Sharing my de-identified answers with researchers")
        RECONTACT = "recontact", _("Contacting me about follow-up surveys")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_consents")
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    # The survey version whose consent text the member read, and that text as it was.
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "purpose"], condition=models.Q(withdrawn_at__isnull=True), name="survey_consent_once"
            )
        ]
        indexes = [models.Index(fields=["member", "purpose", "withdrawn_at"], name="survey_consent_idx")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.purpose}"


# --- Statistics ------------------------------------------------------------------------------------------------------


class RemedyStatistic(models.Model):
    """A precomputed, already-suppressed public figure set: pages read these rows and never the responses.

    `figures` holds only what may be shown; a hidden number is not stored at all.
    """

    class Kind(models.TextChoices):
        TREATMENT = "treatment", _("A treatment for a condition")
        SEVERITY = "severity", _("Severity in a condition")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    condition = models.ForeignKey("therapies.Condition", on_delete=models.CASCADE, related_name="+")
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, null=True, related_name="+")
    therapy = models.ForeignKey("therapies.Therapy", on_delete=models.CASCADE, null=True, related_name="+")
    # Sort keys of the two lists per condition; null when not shown.
    n_tried = models.PositiveIntegerField(null=True)
    helped_lower = models.FloatField(null=True)
    figures = models.JSONField(default=dict)
    refreshed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["condition", "kind"], name="survey_stat_condition_idx"),
            models.Index(fields=["therapy", "condition"], name="survey_stat_therapy_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.condition_id}/{self.treatment_id}"


class StatisticsRefresh(models.Model):
    """One row: when the statistics were last computed, and whether a refresh is waiting (the debounce)."""

    requested_at = models.DateTimeField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    responses_counted = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"statistics refreshed at {self.refreshed_at}"


class SurveyExport(models.Model):
    """Every download of survey data by an editor: who, what, when, how many rows. Append-only."""

    class Kind(models.TextChoices):
        ANSWERS = "answers", _("De-identified answers (CSV)")
        CODEBOOK = "codebook", _("Codebook (CSV)")

    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="exports")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey data download")
        verbose_name_plural = _("survey data downloads")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.survey} by {self.editor_id}"

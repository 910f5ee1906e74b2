"""The therapy knowledge base: conditions, therapies, the per-condition part with its evidence, references."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.search import SearchDocument
from therapies.citations import CitationRenderer, cited_keys
from therapies.evidence import (
    DOWNGRADE_DOMAINS,
    Certainty,
    CitedStudy,
    Direction,
    EffectSize,
    EvidenceBasis,
    EvidenceLabel,
    Safety,
    evidence_label,
    grading_problems,
)
from therapies.models.reading import ViewableQuerySet


def alias_list(aliases: str) -> list[str]:
    """Other names, one per line in the editors' text, as a list (pages, the API and search alike)."""
    return [line.strip() for line in (aliases or "").splitlines() if line.strip()]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class PublishedQuerySet(ViewableQuerySet):
    def review_overdue(self):
        return self.filter(next_review_due__lt=timezone.localdate())


class Reviewed(models.Model):
    """Status and the trust line every health page shows: "Reviewed by NAME, CREDENTIAL on DATE", with the
    reviewer's competing interests beside the name."""

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    reviewer_name = models.CharField(_("reviewed by"), max_length=100, blank=True)
    reviewer_credential = models.CharField(
        _("reviewer's credential"), max_length=100, blank=True, help_text=_("For example “MD, neurologist”.")
    )
    reviewer_competing_interests = models.CharField(
        _("reviewer's competing interests"),
        max_length=200,
        blank=True,
        help_text=_(
            "What could sway the reviewer's judgement of this page, e.g. “licensed acupuncturist who offers "
            "acupuncture” on an acupuncture page. Shown beside the name; leave empty when there is none."
        ),
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    # Written by `manage.py seed_demo` (portal/demo.py): its reviewer is fictional; removed by `seed_demo --remove`.
    demo = models.BooleanField(_("demo content"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def review_overdue(self) -> bool:
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()


class CitedText(models.Model):
    """Markdown fields with [@key] citations, rendered once on save and numbered in order of first use.

    Subclasses list their Markdown fields in display order in `markdown_fields`;
    each gets a stored `<field>_html`. The through model named by
    `citation_model` records which references the page cites and in what order.
    """

    markdown_fields: tuple[str, ...] = ()
    citation_model: str = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        renderer = CitationRenderer()
        for field in self.markdown_fields:
            setattr(self, f"{field}_html", renderer.render(getattr(self, field)))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *(f"{f}_html" for f in self.markdown_fields)}
        super().save(*args, **kwargs)
        self._cite_beyond_own_fields(renderer)
        self._store_citation_order(renderer.order)

    def number_citations(self) -> None:
        """Number the citations by first use in the text again, as save() does, without writing the page's own row
        (its rendered text does not change): after reference rows were written beside it, such as the admin's."""
        renderer = CitationRenderer()
        for field in self.markdown_fields:
            for key in cited_keys(getattr(self, field)):
                renderer.number(key)
        self._cite_beyond_own_fields(renderer)
        self._store_citation_order(renderer.order)

    def _cite_beyond_own_fields(self, renderer: CitationRenderer) -> None:
        """Text kept in other rows that cites in this page's numbering, after its own fields (a therapy's FAQ)."""

    def clean(self) -> None:
        super().clean()
        known = set(Reference.objects.filter(key__in=self._all_cited_keys()).values_list("key", flat=True))
        errors = {}
        for field in self.markdown_fields:
            unknown = [key for key in cited_keys(getattr(self, field)) if key not in known]
            if unknown:
                errors[field] = _("Unknown reference key: %(keys)s. Add the reference first, or fix the key.") % {
                    "keys": ", ".join(f"[@{key}]" for key in unknown)
                }
        if errors:
            raise ValidationError(errors)

    def _all_cited_keys(self) -> list[str]:
        keys: list[str] = []
        for field in self.markdown_fields:
            for key in cited_keys(getattr(self, field)):
                if key not in keys:
                    keys.append(key)
        return keys

    def _store_citation_order(self, keys: list[str]) -> None:
        through = self._meta.get_field("references").remote_field.through
        owner_field = self._meta.get_field("references").m2m_field_name()
        references = {ref.key: ref for ref in Reference.objects.filter(key__in=keys)}
        existing = {row.reference_id: row for row in through.objects.filter(**{owner_field: self})}
        cited_ids = set()
        for position, key in enumerate(keys, start=1):
            reference = references.get(key)
            if reference is None:
                continue  # clean() refuses unknown keys; a reference deleted since is simply not listed.
            cited_ids.add(reference.pk)
            row = existing.get(reference.pk)
            if row is None:
                through.objects.create(**{owner_field: self}, reference=reference, position=position)
            elif row.position != position:
                row.position = position
                row.save(update_fields=["position"])
        # References attached by an editor but not cited are kept, listed after the cited ones.
        through.objects.filter(**{owner_field: self}).exclude(reference_id__in=cited_ids).exclude(position=None).update(
            position=None
        )

    def ordered_references(self) -> list[Reference]:
        """Cited references in order of first use, then uncited ones; uses the prefetch when present."""
        rows = list(self.citations.all())
        cited = sorted((row for row in rows if row.position is not None), key=lambda row: row.position)
        uncited = sorted((row for row in rows if row.position is None), key=lambda row: row.reference.key)
        return [row.reference for row in cited + uncited]


class Reference(models.Model):
    class Kind(models.TextChoices):
        META_ANALYSIS = "meta-analysis", _("Meta-analysis")
        SYSTEMATIC_REVIEW = "systematic review", _("Systematic review")
        RCT = "RCT", _("Randomised controlled trial")
        COHORT = "cohort", _("Cohort study")
        CASE_REPORT = "case report", _("Case report")
        GUIDELINE = "guideline", _("Guideline")
        TRIAL_PROTOCOL = "trial protocol", _("Trial protocol")
        OTHER = "other", _("Other")

    key = models.SlugField(
        _("citation key"), max_length=60, unique=True, help_text=_("Cite it in text as [@key], e.g. [@cui2008].")
    )
    authors = models.CharField(_("authors"), max_length=500)
    title = models.CharField(_("title"), max_length=500)
    journal = models.CharField(_("journal or publisher"), max_length=300)
    # Empty when the checked source gives none; pages then say "n.d.".
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    volume_pages = models.CharField(_("volume and pages"), max_length=100, blank=True)
    kind = models.CharField(_("kind of study"), max_length=20, choices=Kind.choices)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    pmid = models.CharField(_("PMID"), max_length=20, blank=True)
    # Provenance and our summary are for editors: pages link only DOI and PubMed, and never show the finding.
    url = models.URLField(
        _("checked against"),
        max_length=500,
        blank=True,
        help_text=_("Where the record was checked. For editors only: never shown or linked on the site."),
    )
    finding = models.CharField(
        _("one-line finding"),
        max_length=500,
        blank=True,
        help_text=_("Our own summary of what the study found: the basis for grading, never shown on the site."),
    )
    # Loaded by `manage.py seed_demo` (portal/demo.py); `seed_demo --remove` keeps it if real content cites it.
    demo = models.BooleanField(_("demo content"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def pubmed_search_url(self) -> str:
        """For a reference without DOI or PMID: a PubMed search for its title, never a copy we cannot vouch for."""
        return "https://pubmed.ncbi.nlm.nih.gov/?" + urlencode({"term": f"{self.title}[Title]"})


class Condition(Reviewed, CitedText):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    aliases = models.TextField(_("other names"), blank=True, help_text=_("One per line, e.g. “Willis–Ekbom disease”."))
    summary = models.CharField(_("one-line summary"), max_length=300)
    overview = models.TextField(_("overview"), blank=True)
    symptoms = models.TextField(_("symptoms"), blank=True)
    causes_and_triggers = models.TextField(_("causes and triggers"), blank=True)
    when_to_seek_care = models.TextField(_("when to see a doctor"), blank=True)
    overview_html = models.TextField(editable=False, default="")
    symptoms_html = models.TextField(editable=False, default="")
    causes_and_triggers_html = models.TextField(editable=False, default="")
    when_to_seek_care_html = models.TextField(editable=False, default="")
    references = models.ManyToManyField("Reference", through="ConditionCitation", blank=True, related_name="+")
    display_order = models.PositiveSmallIntegerField(_("order on lists"), default=100)
    # The site search's document, kept by the database (see portal.search); GIN-indexed on PostgreSQL.
    search_document = models.GeneratedField(
        expression=SearchDocument(
            ("name", "A"),
            ("aliases", "A"),
            ("summary", "B"),
            ("overview", "C"),
            ("symptoms", "C"),
            ("causes_and_triggers", "C"),
            ("when_to_seek_care", "C"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The names alone, small enough to read for every condition: the search of therapy-for-condition pages adds them
    # to each page's own document.
    name_document = models.GeneratedField(
        expression=SearchDocument(("name", "A"), ("aliases", "A")), output_field=SearchVectorField(), db_persist=True
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "search_document", "name_document"])

    markdown_fields = ("overview", "symptoms", "causes_and_triggers", "when_to_seek_care")

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        indexes = [models.Index(fields=["status", "display_order"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("therapies:condition_detail", args=[self.slug])

    @property
    def alias_list(self) -> list[str]:
        return alias_list(self.aliases)


class TherapyQuerySet(PublishedQuerySet):
    def listed(self, *, condition: str = "", label: str = ""):
        """Published therapies as the therapies list shows them, the page and the API alike: only those with a
        published page for the condition (slug) and evidence label given, each with those pages as `pages`."""
        pages = TherapyCondition.objects.published().select_related("condition").order_by("condition__display_order")
        therapies = self.published()
        if condition:
            pages = pages.filter(condition__slug=condition)
            therapies = therapies.filter(for_conditions__in=pages)
        if label:
            pages = pages.filter(label_key=label)
            therapies = therapies.filter(for_conditions__in=pages)
        return therapies.distinct().prefetch_related(models.Prefetch("for_conditions", queryset=pages, to_attr="pages"))

    def with_page_parts(self, user=None):
        """What a therapy's page shows beside its own fields: citations, FAQ and its per-condition pages (`pages`),
        those `user` may view (published ones only without a user)."""
        pages = TherapyCondition.objects.viewable_by(user) if user is not None else TherapyCondition.objects.published()
        return self.prefetch_related(
            models.Prefetch("citations", queryset=TherapyCitation.objects.select_related("reference")),
            models.Prefetch("faq_entries", queryset=FAQEntry.objects.all()),
            models.Prefetch(
                "for_conditions",
                queryset=pages.select_related("condition").order_by("condition__display_order"),
                to_attr="pages",
            ),
        )


class Therapy(Reviewed, CitedText):
    class Category(models.TextChoices):
        TCM = "tcm", _("Traditional Chinese medicine")
        BODYWORK = "bodywork", _("Bodywork")
        MIND_BODY = "mind_body", _("Mind–body")
        SUPPLEMENT = "supplement", _("Supplement")
        LIFESTYLE = "lifestyle", _("Lifestyle")
        DEVICE = "device", _("Device")
        PHYSICAL = "physical", _("Physical activity")
        # A prescription or over-the-counter drug. A condition page that grades none says so at its top.
        MEDICINE = "medicine", _("Medicine")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    aliases = models.TextField(_("other names"), blank=True, help_text=_("One per line."))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    summary = models.CharField(_("one-line summary"), max_length=300)
    what_it_is = models.TextField(_("what it is"), blank=True)
    how_it_works = models.TextField(_("how it works"), blank=True)
    why_it_matters = models.TextField(_("why it matters"), blank=True)
    considerations_and_safety = models.TextField(_("considerations and safety"), blank=True)
    common_side_effects = models.TextField(_("common side effects"), blank=True)
    contraindications = models.TextField(_("general contraindications"), blank=True)
    what_it_is_html = models.TextField(editable=False, default="")
    how_it_works_html = models.TextField(editable=False, default="")
    why_it_matters_html = models.TextField(editable=False, default="")
    considerations_and_safety_html = models.TextField(editable=False, default="")
    common_side_effects_html = models.TextField(editable=False, default="")
    contraindications_html = models.TextField(editable=False, default="")
    safety = models.CharField(_("safety rating"), max_length=10, choices=Safety.choices, default=Safety.CAUTION)
    references = models.ManyToManyField("Reference", through="TherapyCitation", blank=True, related_name="+")
    up_votes = models.PositiveIntegerField(default=0, editable=False)
    down_votes = models.PositiveIntegerField(default=0, editable=False)
    search_document = models.GeneratedField(
        expression=SearchDocument(
            ("name", "A"),
            ("aliases", "A"),
            ("summary", "B"),
            ("what_it_is", "C"),
            ("how_it_works", "C"),
            ("why_it_matters", "C"),
            ("considerations_and_safety", "C"),
            ("common_side_effects", "C"),
            ("contraindications", "C"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The names alone (see Condition.name_document).
    name_document = models.GeneratedField(
        expression=SearchDocument(("name", "A"), ("aliases", "A")), output_field=SearchVectorField(), db_persist=True
    )
    history = HistoricalRecords(
        excluded_fields=[
            "created_at",
            "updated_at",
            "up_votes",
            "down_votes",
            "search_document",
            "name_document",
        ]
    )

    markdown_fields = (
        "what_it_is",
        "how_it_works",
        "why_it_matters",
        "considerations_and_safety",
        "common_side_effects",
        "contraindications",
    )

    objects = TherapyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("therapies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("therapies:therapy_detail", args=[self.slug])

    def _cite_beyond_own_fields(self, renderer: CitationRenderer) -> None:
        self.number_faq_answers(renderer)

    def number_faq_answers(self, renderer: CitationRenderer | None = None, *, saving: FAQEntry | None = None) -> None:
        """FAQ answers cite in the numbering of the therapy's page: after its own fields, in the FAQ's order.

        Called when the therapy is saved (with its renderer) and when an answer is (`saving`, not yet stored): the
        answers whose numbers moved are updated, and the page's reference list follows.
        """
        numbering_here = renderer is None
        if renderer is None:
            renderer = CitationRenderer()
            for field in self.markdown_fields:
                for key in cited_keys(getattr(self, field)):
                    renderer.number(key)
        entries = [entry for entry in self.faq_entries.all() if saving is None or entry.pk != saving.pk]
        if saving is not None:
            entries.append(saving)
            entries.sort(key=lambda entry: (entry.order, entry.pk is None, entry.pk or 0))
        for entry in entries:
            html = renderer.render(entry.answer)
            if entry is saving:
                entry.answer_html = html
            elif entry.answer_html != html:
                FAQEntry.objects.filter(pk=entry.pk).update(answer_html=html)
        if numbering_here:
            self._store_citation_order(renderer.order)


class TherapyConditionQuerySet(PublishedQuerySet):
    def published(self):
        # A per-condition page is public only when its therapy and condition are too.
        return self.filter(
            status=Status.PUBLISHED, therapy__status=Status.PUBLISHED, condition__status=Status.PUBLISHED
        )

    def listed_for(self, condition):
        """The pages of `condition` with what its therapy list shows (label, ranking fields, the therapy)."""
        return (
            self.filter(condition=condition)
            .select_related("therapy")
            .only(
                "excerpt", "evidence_basis", "certainty", "direction", "effect_size", "label_key", "status",
                "therapy__name", "therapy__slug", "therapy__summary", "therapy__safety", "therapy__status",
                "therapy__category",
                "condition_id",
            )
        )  # fmt: skip


class TherapyCondition(Reviewed, CitedText):
    """What a therapy offers for one condition: the protocol, the points, and the graded evidence."""

    therapy = models.ForeignKey(Therapy, on_delete=models.CASCADE, related_name="for_conditions")
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="therapy_pages")
    excerpt = models.CharField(
        _("short excerpt"), max_length=300, help_text=_("One or two sentences shown on the therapy's page.")
    )
    why_it_may_work = models.TextField(_("why it may work"), blank=True)
    how_it_is_used = models.TextField(_("how it is used"), blank=True)
    evidence_summary = models.TextField(_("evidence summary"), blank=True)
    specific_warnings = models.TextField(_("specific warnings"), blank=True)
    why_it_may_work_html = models.TextField(editable=False, default="")
    how_it_is_used_html = models.TextField(editable=False, default="")
    evidence_summary_html = models.TextField(editable=False, default="")
    specific_warnings_html = models.TextField(editable=False, default="")

    sessions_per_week_min = models.PositiveSmallIntegerField(_("sessions per week (from)"), null=True, blank=True)
    sessions_per_week_max = models.PositiveSmallIntegerField(_("sessions per week (to)"), null=True, blank=True)
    total_sessions = models.PositiveSmallIntegerField(_("number of sessions"), null=True, blank=True)
    minutes_per_session = models.PositiveSmallIntegerField(_("minutes per session"), null=True, blank=True)
    acupoints = models.ManyToManyField("Acupoint", through="TherapyConditionAcupoint", blank=True)

    evidence_basis = models.CharField(
        _("evidence basis"), max_length=12, choices=EvidenceBasis.choices, default=EvidenceBasis.GRADED
    )
    certainty = models.CharField(_("certainty"), max_length=10, choices=Certainty.choices, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, blank=True)
    effect_size = models.CharField(_("effect size"), max_length=10, choices=EffectSize.choices, blank=True)
    downgraded_for_risk_of_bias = models.BooleanField(_("risk of bias"), default=False)
    downgraded_for_inconsistency = models.BooleanField(_("inconsistency"), default=False)
    downgraded_for_indirectness = models.BooleanField(_("indirectness"), default=False)
    downgraded_for_imprecision = models.BooleanField(_("imprecision"), default=False)
    downgraded_for_publication_bias = models.BooleanField(_("publication bias"), default=False)
    studies_count = models.PositiveSmallIntegerField(_("number of studies"), null=True, blank=True)
    participants_count = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    # Stored so that lists can filter and index by it; always equal to evidence_label(...).key.
    label_key = models.CharField(max_length=30, editable=False, db_index=True)

    references = models.ManyToManyField("Reference", through="TherapyConditionCitation", blank=True, related_name="+")
    up_votes = models.PositiveIntegerField(default=0, editable=False)
    down_votes = models.PositiveIntegerField(default=0, editable=False)
    # The page's own text; the search adds the names of its therapy and condition (weight A of their documents).
    search_document = models.GeneratedField(
        expression=SearchDocument(
            ("excerpt", "B"),
            ("why_it_may_work", "C"),
            ("how_it_is_used", "C"),
            ("evidence_summary", "C"),
            ("specific_warnings", "C"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at", "up_votes", "down_votes", "label_key", "search_document"]
    )

    markdown_fields = ("why_it_may_work", "how_it_is_used", "evidence_summary", "specific_warnings")

    objects = TherapyConditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("therapy for a condition")
        verbose_name_plural = _("therapies for conditions")
        constraints = [
            models.UniqueConstraint(fields=["therapy", "condition"], name="therapy_condition_unique"),
            models.CheckConstraint(
                condition=models.Q(sessions_per_week_min__isnull=True)
                | models.Q(sessions_per_week_max__isnull=True)
                | models.Q(sessions_per_week_min__lte=models.F("sessions_per_week_max")),
                name="therapy_condition_sessions_range",
            ),
        ]
        indexes = [models.Index(fields=["condition", "status"]), models.Index(fields=["therapy", "status"])]

    def __str__(self) -> str:
        return f"{self.therapy} for {self.condition}"

    def save(self, *args, **kwargs) -> None:
        self.label_key = self.label.key
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "label_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("therapies:therapy_condition_detail", args=[self.therapy.slug, self.condition.slug])

    @property
    def label(self) -> EvidenceLabel:
        return evidence_label(basis=self.evidence_basis, certainty=self.certainty, direction=self.direction)

    @property
    def downgrades(self) -> frozenset[str]:
        """The GRADE domains the certainty was rated down for, by name ("risk_of_bias", …)."""
        return frozenset(domain for domain in DOWNGRADE_DOMAINS if getattr(self, f"downgraded_for_{domain}"))

    def grading_problems(self) -> list[str]:
        """Where the grade claims more than the cited references allow (therapies.evidence.grading_problems)."""
        return grading_problems(
            basis=self.evidence_basis,
            certainty=self.certainty,
            downgrades=self.downgrades,
            studies_count=self.studies_count,
            studies=[CitedStudy.from_reference(reference) for reference in self.ordered_references()],
        )

    @property
    def downgrade_reasons(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in (
                "downgraded_for_risk_of_bias",
                "downgraded_for_inconsistency",
                "downgraded_for_indirectness",
                "downgraded_for_imprecision",
                "downgraded_for_publication_bias",
            )
            if getattr(self, name)
        ]

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.evidence_basis == EvidenceBasis.GRADED and self.status == Status.PUBLISHED:
            for field in ("certainty", "direction"):
                if not getattr(self, field):
                    errors[field] = _("A published graded page needs its %(field)s.") % {"field": field}
        if self.evidence_basis == EvidenceBasis.TRADITIONAL and (self.certainty or self.direction):
            errors["evidence_basis"] = _("Traditional use only means there is no grade: clear certainty and direction.")
        if self.evidence_basis == EvidenceBasis.INSUFFICIENT and (self.certainty or self.direction):
            errors["evidence_basis"] = _(
                "Not enough checked evidence means there is no grade: clear certainty and direction."
            )
        if (
            self.sessions_per_week_min is not None
            and self.sessions_per_week_max is not None
            and self.sessions_per_week_min > self.sessions_per_week_max
        ):
            errors["sessions_per_week_max"] = _("The upper number of sessions per week is below the lower one.")
        if errors:
            raise ValidationError(errors)


class Citation(models.Model):
    reference = models.ForeignKey(Reference, on_delete=models.PROTECT, related_name="+")
    # 1, 2, 3 … in order of first use on the page; empty for an attached reference not cited in the text.
    position = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return f"[{self.position or '–'}] {self.reference_id}"


class ConditionCitation(Citation):
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="citations")

    class Meta(Citation.Meta):
        constraints = [models.UniqueConstraint(fields=["condition", "reference"], name="condition_citation_unique")]


class TherapyCitation(Citation):
    therapy = models.ForeignKey(Therapy, on_delete=models.CASCADE, related_name="citations")

    class Meta(Citation.Meta):
        constraints = [models.UniqueConstraint(fields=["therapy", "reference"], name="therapy_citation_unique")]


class TherapyConditionCitation(Citation):
    therapy_condition = models.ForeignKey(TherapyCondition, on_delete=models.CASCADE, related_name="citations")

    class Meta(Citation.Meta):
        constraints = [
            models.UniqueConstraint(fields=["therapy_condition", "reference"], name="therapy_condition_citation_unique")
        ]


class Acupoint(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("WHO standard code, e.g. ST36."))
    pinyin = models.CharField(_("pinyin"), max_length=60)
    english_name = models.CharField(_("English name"), max_length=100, blank=True)
    meridian = models.CharField(_("meridian"), max_length=60)
    location = models.TextField(_("location"))
    pregnancy_caution = models.CharField(
        _("caution in pregnancy"),
        max_length=200,
        blank=True,
        help_text=_("Shown beside the point on every page that uses it, e.g. “Traditionally avoided in pregnancy.”"),
    )
    # Loaded by `manage.py seed_demo` (portal/demo.py); `seed_demo --remove` keeps it if a real page uses it.
    demo = models.BooleanField(_("demo content"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} ({self.pinyin})"


class TherapyConditionAcupoint(models.Model):
    therapy_condition = models.ForeignKey(TherapyCondition, on_delete=models.CASCADE, related_name="point_rows")
    acupoint = models.ForeignKey(Acupoint, on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("e.g. “both sides”."))

    class Meta:
        ordering = ["order", "acupoint__code"]
        constraints = [
            models.UniqueConstraint(fields=["therapy_condition", "acupoint"], name="therapy_condition_acupoint_unique")
        ]

    def __str__(self) -> str:
        return str(self.acupoint)


class FAQEntry(models.Model):
    therapy = models.ForeignKey(Therapy, on_delete=models.CASCADE, related_name="faq_entries")
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer (Markdown)"))
    answer_html = models.TextField(editable=False, default="")
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self) -> str:
        return self.question

    def save(self, *args, **kwargs) -> None:
        # An answer that states a study's finding cites it as [@key], numbered with the therapy page's references.
        self.therapy.number_faq_answers(saving=self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "answer_html"}
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        therapy = self.therapy
        deleted = super().delete(*args, **kwargs)
        therapy.number_faq_answers()
        return deleted

    def clean(self) -> None:
        super().clean()
        keys = cited_keys(self.answer)
        unknown = set(keys) - set(Reference.objects.filter(key__in=keys).values_list("key", flat=True))
        if unknown:
            raise ValidationError(
                {
                    "answer": _("Unknown reference key: %(keys)s. Add the reference first, or fix the key.")
                    % {"keys": ", ".join(f"[@{key}]" for key in keys if key in unknown)}
                }
            )


class VoteQuerySet(models.QuerySet):
    def value_of(self, user) -> int:
        """The member's vote among these (a page's `votes`): 1 up, -1 down, 0 for none or for a visitor."""
        if not user.is_authenticated:
            return 0
        return self.filter(user=user).values_list("value", flat=True).first() or 0


class Vote(models.Model):
    class Value(models.IntegerChoices):
        UP = 1, _("Up")
        DOWN = -1, _("Down")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField(choices=Value.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VoteQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.user_id}: {self.value:+d}"


class TherapyVote(Vote):
    target = models.ForeignKey(Therapy, on_delete=models.CASCADE, related_name="votes")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "target"], name="therapy_vote_once")]


class TherapyConditionVote(Vote):
    target = models.ForeignKey(TherapyCondition, on_delete=models.CASCADE, related_name="votes")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "target"], name="therapy_condition_vote_once")]

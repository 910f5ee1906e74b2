"""The practitioner directory: listings, the languages they speak, and what members send in about them."""

from __future__ import annotations

import math
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import ASin, Least, Sqrt
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.search import SearchDocument
from portal.text import render_markdown
from therapies.directory import distances
from therapies.models.reading import ViewableQuerySet


class Language(models.Model):
    code = models.CharField(
        _("code"), max_length=12, unique=True, help_text=_("ISO 639-1 where there is one, e.g. “es”.")
    )
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PractitionerQuerySet(ViewableQuerySet):
    def verified(self):
        """Listings whose verification an editor recorded with its source (`Practitioner.is_verified`)."""
        return self.filter(verification_status=Practitioner.Verification.VERIFIED, demo=False).exclude(
            verification_source=""
        )

    def verified_first(self):
        return self.order_by("-verification_status", models.F("last_confirmed_on").desc(nulls_last=True), "name")

    def within(self, latitude: float, longitude: float, radius_km: float):
        """Listings within `radius_km`, unordered, with the alias `closeness` to rank them by.

        The bounding boxes come first, on the covering index practitioner_near_idx, and cut the table down to a small
        square; the great-circle test then runs on those rows only, and on the haversine's `a` (see `Closeness`)
        rather than on the distance, so no square root or arc sine is computed for a row.
        """
        in_boxes = models.Q()
        for box in distances.bounding_boxes(latitude, longitude, radius_km):
            in_boxes |= models.Q(
                latitude__range=(box.min_latitude, box.max_latitude),
                longitude__range=(box.min_longitude, box.max_longitude),
            )
        return (
            self.filter(in_boxes)
            .alias(closeness=Closeness(latitude, longitude))
            .filter(closeness__lte=distances.closeness_of(radius_km))
        )

    def near(self, latitude: float, longitude: float, radius_km: float):
        """Listings within `radius_km`, nearest first, each with `distance_km`."""
        return (
            self.within(latitude, longitude, radius_km)
            .annotate(distance_km=distance_km_expression())
            .order_by("closeness", "name", "pk")
        )

    def matching(self, text: str):
        """Every word in the name, the clinic or the city (the site search issue brings full-text search)."""
        queryset = self
        for word in text.split():
            queryset = queryset.filter(
                models.Q(name__icontains=word) | models.Q(clinic_name__icontains=word) | models.Q(city__icontains=word)
            )
        return queryset


class Closeness(models.Func):
    """The haversine's `a`, sin²(Δφ/2) + cos φ₀ · cos φ · sin²(Δλ/2), from a fixed point to each row.

    It grows with the great-circle distance (`distances.great_circle_km` is 2R · asin(√a)), so it filters and ranks rows
    as the distance does at the cost of three sines and cosines a row. Written as one piece of SQL: the ORM's
    expression tree for it cost more to compile than the database spent computing it.
    """

    output_field = models.FloatField()

    def __init__(self, latitude: float, longitude: float) -> None:
        super().__init__(models.F("latitude"), models.F("longitude"))
        self.centre = (float(latitude), float(longitude))

    def as_sql(self, compiler, connection, **extra_context):
        (latitude, latitude_params), (longitude, longitude_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        if latitude_params or longitude_params:
            raise ValueError("Closeness is computed from the latitude and longitude columns")
        return closeness_sql(latitude, longitude), closeness_params(*self.centre)


def closeness_sql(latitude: str, longitude: str) -> str:
    """`Closeness` as SQL over these columns, with placeholders for `closeness_params`."""
    return (
        f"(POWER(SIN(({latitude} - %s) * %s), 2) + %s * COS({latitude} * %s) * POWER(SIN(({longitude} - %s) * %s), 2))"
    )


def closeness_params(latitude0: float, longitude0: float) -> tuple[float, ...]:
    half_radian = math.pi / 360  # half a degree's radians: the haversine halves its angles
    return (
        latitude0, half_radian,
        math.cos(math.radians(latitude0)), 2 * half_radian,
        longitude0, half_radian,
    )  # fmt: skip


def distance_km_expression() -> models.Func:
    """The great-circle distance of the `closeness` a queryset aliased (see PractitionerQuerySet.within)."""
    one = models.Value(1.0, output_field=models.FloatField())
    return models.ExpressionWrapper(
        2 * distances.EARTH_RADIUS_KM * ASin(Least(one, Sqrt(models.F("closeness")))), output_field=models.FloatField()
    )


class Practitioner(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("A practitioner")
        CLINIC = "clinic", _("A clinic or practice")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    class Verification(models.TextChoices):
        # Sorted as text, "verified" comes after "unverified": verified_first() orders descending.
        UNVERIFIED = "unverified", _("Not verified")
        VERIFIED = "verified", _("Verified")

    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("listing for"), max_length=10, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=120)
    credentials = models.CharField(
        _("credentials"), max_length=120, blank=True, help_text=_("For example “L.Ac., Dipl. OM”.")
    )
    licence_number = models.CharField(_("licence number"), max_length=60, blank=True)
    licensing_body = models.CharField(_("licensing or certifying body"), max_length=200, blank=True)
    licence_region = models.CharField(
        _("region of the licence"), max_length=100, blank=True, help_text=_("For example “Oregon” or “England”.")
    )
    verification_status = models.CharField(
        _("verification"), max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verification_note = models.CharField(
        _("verification note"),
        max_length=300,
        blank=True,
        help_text=_("What was checked, e.g. “licence looked up in the state register”. Not shown to visitors."),
    )
    verification_source = models.CharField(
        _("verification source"),
        max_length=300,
        blank=True,
        help_text=_(
            "Where the licence was checked: the register or body and the entry, e.g. “Oregon Medical Board "
            "licence search, AC01234”. Required to verify; without it no badge is shown."
        ),
    )

    clinic_name = models.CharField(_("clinic"), max_length=200, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("state or region"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("Two-letter code, e.g. US, GB, DE."))
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, help_text=_("Found from the postcode or city when left empty.")
    )
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    booking_url = models.URLField(_("booking link"), blank=True)
    telehealth = models.BooleanField(_("offers telehealth"), default=False)
    languages = models.ManyToManyField(Language, blank=True, related_name="practitioners", verbose_name=_("languages"))
    accepting_new_patients = models.BooleanField(_("accepting new patients"), default=True)
    fees_note = models.CharField(_("fees and insurance"), max_length=500, blank=True)
    bio = models.TextField(_("about"), blank=True, help_text=_("Markdown. Training, approach, what to expect."))
    bio_html = models.TextField(editable=False, default="")
    therapies = models.ManyToManyField(
        "therapies.Therapy", blank=True, related_name="practitioners", verbose_name=_("therapies offered")
    )
    conditions = models.ManyToManyField(
        "therapies.Condition", blank=True, related_name="practitioners", verbose_name=_("conditions treated")
    )

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practitioner_listings",
        verbose_name=_("owner"),
        help_text=_("The member whose claim was approved; they may propose edits."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    last_confirmed_on = models.DateField(_("information last confirmed on"), null=True, blank=True)
    # Written by `manage.py seed_demo` (portal/demo.py): a fictional listing, never shown as verified.
    demo = models.BooleanField(_("demo listing"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The site search's document, kept by the database (see portal.search); GIN-indexed on PostgreSQL.
    search_document = models.GeneratedField(
        expression=SearchDocument(
            ("name", "A"),
            ("clinic_name", "B"),
            ("credentials", "B"),
            ("city", "B"),
            ("region", "B"),
            ("bio", "C"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "bio_html", "search_document"])

    objects = PractitionerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            # The "near" search: equality on status, then the latitude range, longitude checked in the index; with
            # the name and id it ranks by, the index alone answers a page of results (an index-only scan).
            models.Index(fields=["status", "latitude", "longitude", "name", "id"], name="practitioner_near_idx"),
            models.Index(fields=["status", "verification_status", "name"], name="practitioner_listing_idx"),
            # Demo listings are found at once however many real ones there are (portal/demo.py).
            models.Index(fields=["id"], condition=models.Q(demo=True), name="practitioner_demo_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="practitioner_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="practitioner_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}" if self.city else self.name

    def save(self, *args, **kwargs) -> None:
        changed = {"bio_html"}
        self.bio_html = render_markdown(self.bio, profile="post")
        if not self.slug:
            self.slug = self._unique_slug()
            changed.add("slug")
        if self.latitude is None or self.longitude is None:
            self.locate()
            changed |= {"latitude", "longitude"}
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *changed}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("therapies:practitioner_detail", args=[self.slug])

    def locate(self) -> bool:
        """Fill the coordinates from the postcode or the city, offline; False when the address is not found.

        Coordinates set by hand are never overwritten: this runs only when one of them is empty.
        """
        from therapies.directory.places import locate_address

        place = locate_address(postcode=self.postcode, city=self.city, region=self.region, country=self.country)
        if place is None:
            self.latitude = self.longitude = None
            return False
        self.latitude, self.longitude = place.latitude, place.longitude
        return True

    @property
    def is_verified(self) -> bool:
        """A verification an editor recorded with its source, on a real listing: what the badge shows."""
        return (
            self.verification_status == self.Verification.VERIFIED and bool(self.verification_source) and not self.demo
        )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def country_name(self) -> str:
        from therapies.directory.places import country_name

        return country_name(self.country)

    @property
    def address_lines(self) -> list[str]:
        locality = " ".join(part for part in (self.postcode, self.city) if part)
        if self.country == "US":
            locality = ", ".join(part for part in (self.city, f"{self.region} {self.postcode}".strip()) if part)
        elif self.region:
            locality = f"{locality}, {self.region}" if locality else self.region
        return [line for line in (self.clinic_name, self.street, locality, self.country_name) if line]

    @property
    def map_url(self) -> str:
        """OpenStreetMap at the listing's coordinates: a link, so no third-party script runs on our pages."""
        if not self.has_location:
            return ""
        lat, lon = f"{self.latitude:.5f}", f"{self.longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"

    def distance_in(self, unit: str) -> float | None:
        distance_km = getattr(self, "distance_km", None)
        return None if distance_km is None else distances.in_unit(distance_km, unit)

    def _unique_slug(self) -> str:
        base = slugify(f"{self.name} {self.city}")[:120] or "practitioner"
        slug, number = base, 2
        while Practitioner.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug


class ListingRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=ListingRequest.State.PENDING)


class ListingRequest(models.Model):
    """Something a member sent in about a listing; nothing in it is public before an editor approves it."""

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("New listing suggested")
        CLAIM = "claim", _("Claim of a listing")
        EDIT = "edit", _("Edit proposed by the owner")
        REPORT = "report", _("Problem reported")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Problem(models.TextChoices):
        MOVED = "moved", _("The practice has moved")
        CLOSED = "closed", _("The practice has closed")
        WRONG_CREDENTIALS = "credentials", _("The credentials or licence are wrong")
        OTHER = "other", _("Something else is wrong")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    # For a suggestion, the listing it created, still pending; for the others, the listing concerned.
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="requests", verbose_name=_("listing")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="listing_requests",
        verbose_name=_("submitted by"),
    )
    # The form's one-time token: a double submit finds the request already made instead of making another.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    message = models.TextField(_("message from the member"), blank=True)
    # Claims: the proof an editor checks.
    licence_number = models.CharField(_("licence number"), max_length=60, blank=True)
    work_email = models.EmailField(_("work e-mail"), blank=True)
    # Reports.
    problem = models.CharField(_("problem"), max_length=12, choices=Problem.choices, blank=True)
    # Edits: {field name: proposed value}; many-to-many fields as sorted lists of slugs or codes.
    changes = models.JSONField(_("proposed changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(
        _("note to the member"), blank=True, help_text=_("Sent with the decision by e-mail, e.g. why it was rejected.")
    )

    objects = ListingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("directory request")
        verbose_name_plural = _("directory requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "kind", "created_at"], name="listing_request_queue_idx")]
        constraints = [
            # One open claim, edit or report per member and listing: asking twice adds nothing.
            models.UniqueConstraint(
                fields=["practitioner", "submitted_by", "kind"],
                condition=models.Q(state="pending"),
                name="listing_request_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.practitioner}"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING

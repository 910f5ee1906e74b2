"""Accounts and site-wide content: the member (our user model) and the versioned community rules."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.text import render_markdown


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("display_name", email.split("@")[0])
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A member. The e-mail address logs in; the display name is the only public identity."""

    class EmailFrequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Right away")
        DAILY = "daily", _("Once a day, as a digest")
        NEVER = "never", _("Never — only in my notifications on the site")

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=30,
        unique=True,
        help_text=_("Shown on everything you post. A pseudonym is fine; we never need your real name."),
    )
    bio = models.TextField(_("short bio"), max_length=500, blank=True)

    notify_on_replies = models.BooleanField(_("replies in threads I follow"), default=True)
    notify_on_mentions = models.BooleanField(_("when someone @mentions me"), default=True)
    email_frequency = models.CharField(
        _("e-mail me"), max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.IMMEDIATE
    )

    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Staff can log in to the admin (after setting up two-factor).")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Written by `manage.py seed_demo` (portal/demo.py): a fictional member, removed by `seed_demo --remove`.
    demo = models.BooleanField(_("demo account"), default=False, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(Lower("display_name"), name="user_display_name_ci_unique"),
        ]
        # Demo accounts are found at once however many real members there are (portal/demo.py).
        indexes = [models.Index(fields=["id"], condition=models.Q(demo=True), name="user_demo_idx")]

    def __str__(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    def get_full_name(self) -> str:
        return self.display_name


class RulesVersionQuerySet(models.QuerySet):
    def in_force(self) -> RulesVersionQuerySet:
        return self.filter(effective_from__lte=timezone.now())

    def current(self) -> RulesVersion | None:
        return self.in_force().order_by("-version").first()


class RulesVersion(models.Model):
    """One version of the community rules. Members accept a version; a new version asks again."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    effective_from = models.DateTimeField(
        _("in force from"),
        default=timezone.now,
        help_text=_("Once this moment has passed, the version can no longer be edited: make a new one."),
    )
    summary_of_changes = models.CharField(_("what changed"), max_length=300, blank=True)
    body = models.TextField(_("rules (Markdown)"))
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RulesVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("community rules version")
        verbose_name_plural = _("community rules versions")

    def __str__(self) -> str:
        return _("Rules, version %(version)s") % {"version": self.version}

    def save(self, *args, **kwargs) -> None:
        # Rendered once here so that page views only read stored HTML.
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    @property
    def is_in_force(self) -> bool:
        return self.pk is not None and self.effective_from <= timezone.now()

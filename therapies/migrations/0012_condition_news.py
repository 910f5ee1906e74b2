"""News of a condition by e-mail: followers (each row the consent ledger's record), editors' notes, the send log;
editors may read the counts, the notes and the log (addresses stay with administrators, in the admin's rules)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

EDITOR_GRANTS = ["view_conditionfollowers", "view_changenote", "view_newsdigest"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # On a fresh database Django creates permissions only after all migrations ran: create these now.
    app_config = apps.get_app_config("therapies")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="therapies", codename__in=EDITOR_GRANTS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="therapies", codename__in=EDITOR_GRANTS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("therapies", "0011_honest_grades_reference_privacy_pregnancy_cautions"),
        ("portal", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ConditionFollowers",
            fields=[],
            options={
                "verbose_name": "followers per condition",
                "verbose_name_plural": "followers per condition",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("therapies.condition",),
        ),
        migrations.CreateModel(
            name="ChangeNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("published", "Published"), ("grade", "Grade changed"), ("other", "Other change")],
                        max_length=10,
                    ),
                ),
                ("text", models.CharField(max_length=200, verbose_name="what changed")),
                ("label_key", models.CharField(max_length=30)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "condition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="change_notes",
                        to="therapies.condition",
                    ),
                ),
                (
                    "editor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="change_notes",
                        to="therapies.therapycondition",
                    ),
                ),
            ],
            options={
                "verbose_name": "change note",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ConditionFollow",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail address")),
                ("consent_text", models.TextField(verbose_name="consent given")),
                ("requested_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                ("secret", models.CharField(editable=False, max_length=32)),
                (
                    "condition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="followers", to="therapies.condition"
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="condition_follows",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "follower of a condition",
                "verbose_name_plural": "followers of conditions",
            },
        ),
        migrations.CreateModel(
            name="NewsDigest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sent_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "condition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="therapies.condition"
                    ),
                ),
                (
                    "follow",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="digests",
                        to="therapies.conditionfollow",
                    ),
                ),
                ("notes", models.ManyToManyField(related_name="digests", to="therapies.changenote")),
            ],
            options={
                "verbose_name": "news digest sent",
                "verbose_name_plural": "news digests sent",
                "ordering": ["-sent_at", "-pk"],
            },
        ),
        migrations.AddIndex(
            model_name="changenote",
            index=models.Index(fields=["condition", "created_at"], name="news_note_idx"),
        ),
        migrations.AddIndex(
            model_name="conditionfollow",
            index=models.Index(fields=["condition", "confirmed_at", "withdrawn_at"], name="news_follow_idx"),
        ),
        migrations.AddConstraint(
            model_name="conditionfollow",
            constraint=models.UniqueConstraint(
                condition=models.Q(("member__isnull", True), ("withdrawn_at__isnull", True)),
                fields=("condition", "email"),
                name="news_follow_address_once",
            ),
        ),
        migrations.AddConstraint(
            model_name="conditionfollow",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("condition", "member"),
                name="news_follow_member_once",
            ),
        ),
        migrations.AddIndex(
            model_name="newsdigest",
            index=models.Index(fields=["follow", "sent_at"], name="news_digest_follow_idx"),
        ),
        migrations.RunPython(grant, revoke),
    ]

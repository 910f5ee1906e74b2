"""The built-in survey (version 1, published), the treatment list from the therapies, and the staff's permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

from community.migrations._survey_loader import definition, load_once

EDITOR_GRANTS = [
    "view_survey",
    "add_survey",
    "change_survey",
    "delete_survey",
    "export_responses",
    "view_section",
    "add_section",
    "change_section",
    "delete_section",
    "view_question",
    "add_question",
    "change_question",
    "delete_question",
    "view_option",
    "add_option",
    "change_option",
    "delete_option",
    "view_treatment",
    "add_treatment",
    "change_treatment",
    "view_othertreatmentname",
    "change_othertreatmentname",
    "view_surveyexport",
]
MODERATOR_GRANTS = ["view_tip", "change_tip"]


def load_builtin_survey(apps, schema_editor):
    load_once(apps, definition("survey_v1"), now=timezone.now())


def list_therapies(apps, schema_editor):
    Therapy = apps.get_model("therapies", "Therapy")
    Treatment = apps.get_model("community", "Treatment")
    for therapy in Therapy.objects.all():
        Treatment.objects.get_or_create(
            therapy=therapy,
            defaults={"code": therapy.slug, "name": therapy.name, "listed": therapy.status == "published"},
        )
    apps.get_model("community", "StatisticsRefresh").objects.get_or_create(pk=1)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("community")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in (("Editors", EDITOR_GRANTS), ("Moderators", MODERATOR_GRANTS)):
        group, _created = Group.objects.get_or_create(name=group_name)
        permissions = list(Permission.objects.filter(content_type__app_label="community", codename__in=codenames))
        missing = set(codenames) - {permission.codename for permission in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing: {', '.join(sorted(missing))}")
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("community", "0004_survey")]

    operations = [
        migrations.RunPython(load_builtin_survey, migrations.RunPython.noop),
        migrations.RunPython(list_therapies, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]

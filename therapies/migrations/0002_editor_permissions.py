"""Editors write the knowledge base; moderators may read it (and its revisions) in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = [
    "condition",
    "therapy",
    "therapycondition",
    "reference",
    "acupoint",
    "therapyconditionacupoint",
    "faqentry",
    "conditioncitation",
    "therapycitation",
    "therapyconditioncitation",
]
HISTORICAL_MODELS = [
    "historicalcondition",
    "historicaltherapy",
    "historicaltherapycondition",
    "historicalreference",
    "historicalacupoint",
    "historicalfaqentry",
]
GRANTS = {
    "Editors": [
        *(f"{action}_{model}" for model in CONTENT_MODELS for action in ("add", "change", "delete", "view")),
        *(f"view_{model}" for model in HISTORICAL_MODELS),
    ],
    "Moderators": [f"view_{model}" for model in [*CONTENT_MODELS, *HISTORICAL_MODELS]],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="therapies", codename__in=codenames))
    missing = set(codenames) - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing: {', '.join(sorted(missing))}")
    return permissions


def grant(apps, schema_editor):
    # On a fresh database Django creates permissions only after all migrations ran: create ours now.
    app_config = apps.get_app_config("therapies")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    for group_name, codenames in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="therapies", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("therapies", "0001_initial"),
        ("portal", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""The languages a listing can name, and the directory for editors (moderators may read it)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LANGUAGES = [
    ("ar", "Arabic"),
    ("bn", "Bengali"),
    ("zh-yue", "Cantonese"),
    ("cs", "Czech"),
    ("da", "Danish"),
    ("nl", "Dutch"),
    ("en", "English"),
    ("fa", "Persian"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("de", "German"),
    ("el", "Greek"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
    ("hu", "Hungarian"),
    ("it", "Italian"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("zh", "Mandarin"),
    ("no", "Norwegian"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("pa", "Punjabi"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("ase", "American Sign Language"),
    ("bfi", "British Sign Language"),
    ("es", "Spanish"),
    ("sv", "Swedish"),
    ("tl", "Tagalog"),
    ("th", "Thai"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("vi", "Vietnamese"),
]

DIRECTORY_MODELS = ["practitioner", "listingrequest", "language"]
GRANTS = {
    "Editors": [
        *(f"{action}_{model}" for model in DIRECTORY_MODELS for action in ("add", "change", "delete", "view")),
        "view_historicalpractitioner",
    ],
    "Moderators": [f"view_{model}" for model in [*DIRECTORY_MODELS, "historicalpractitioner"]],
}


def add_languages(apps, schema_editor):
    Language = apps.get_model("therapies", "Language")
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})


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
    dependencies = [("therapies", "0004_practitioner_directory")]

    operations = [
        migrations.RunPython(add_languages, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]

"""The general forums, a forum for every existing condition, and what moderators may do in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GENERAL_FORUMS = [
    ("introductions", "Introductions", "Say hello, and tell others what brought you here.", 1),
    (
        "living-with-symptoms",
        "Living with symptoms",
        "Nights, work, family: everyday life with a chronic condition.",
        2,
    ),
    ("site-feedback", "Site feedback", "What works on Remedy Commons, what does not, and what you would like.", 900),
]

MODERATOR_GRANTS = [
    "view_forum",
    "view_thread",
    "change_thread",
    "view_post",
    "change_post",
    "view_postrevision",
    "view_report",
    "change_report",
    "view_moderationaction",
    "view_suspension",
    "add_suspension",
    "view_moderatorscope",
]
EDITOR_GRANTS = ["view_forum", "change_forum", "view_thread", "view_post", "view_moderationaction"]


def create_forums(apps, schema_editor):
    Forum = apps.get_model("community", "Forum")
    Condition = apps.get_model("therapies", "Condition")
    for slug, name, description, order in GENERAL_FORUMS:
        Forum.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "display_order": order}
        )
    for condition in Condition.objects.all():
        if not Forum.objects.filter(condition=condition).exists():
            Forum.objects.create(
                condition=condition,
                name=condition.name,
                slug=condition.slug,
                description=f"Talk about {condition.name}: what you tried, what helped, what did not.",
                display_order=10 + condition.display_order,
            )


def grant(apps, schema_editor):
    # On a fresh database Django creates permissions only after all migrations ran: create ours now.
    app_config = apps.get_app_config("community")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in (("Moderators", MODERATOR_GRANTS), ("Editors", EDITOR_GRANTS)):
        group, _created = Group.objects.get_or_create(name=group_name)
        permissions = list(Permission.objects.filter(content_type__app_label="community", codename__in=codenames))
        missing = set(codenames) - {permission.codename for permission in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing: {', '.join(sorted(missing))}")
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("community", "0001_discussions"), ("portal", "0002_staff_groups")]

    operations = [
        migrations.RunPython(create_forums, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]

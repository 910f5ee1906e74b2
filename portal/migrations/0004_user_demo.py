"""Demo accounts carry a flag, and their addresses move to a domain reserved for examples (no mail reaches it)."""

from django.db import migrations, models

OLD_DOMAIN = "@demo.remedycommons.org"
NEW_DOMAIN = "@demo.example.org"


def move_demo_accounts(apps, schema_editor):
    """Accounts a seed made before this migration: flagged, and their addresses (and allauth's copies) moved."""
    User = apps.get_model("portal", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.filter(email__iendswith=OLD_DOMAIN):
        user.email = user.email[: -len(OLD_DOMAIN)] + NEW_DOMAIN
        user.demo = True
        user.save(update_fields=["email", "demo"])
    for address in EmailAddress.objects.filter(email__iendswith=OLD_DOMAIN):
        address.email = address.email[: -len(OLD_DOMAIN)] + NEW_DOMAIN
        address.save(update_fields=["email"])
    User.objects.filter(email__iendswith=NEW_DOMAIN).update(demo=True)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_first_rules"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo account"),
        ),
        migrations.AddIndex(
            model_name="user",
            index=models.Index(condition=models.Q(("demo", True)), fields=["id"], name="user_demo_idx"),
        ),
        migrations.RunPython(move_demo_accounts, migrations.RunPython.noop, elidable=True),
    ]

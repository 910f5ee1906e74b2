"""Demo threads carry a flag (portal/demo.py). Threads a seed wrote before are found by their demo authors (whose
accounts portal's migration 0004 flagged) and by the benchmark set's title prefix."""

from django.db import migrations, models
from django.db.models import Q


def flag_seeded_threads(apps, schema_editor):
    Thread = apps.get_model("community", "Thread")
    Thread.objects.filter(Q(author__demo=True) | Q(title__startswith="Benchmark thread ")).update(demo=True)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0010_survey_version_2_symmetric_outcomes"),
        ("portal", "0004_user_demo"),
    ]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo thread"),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(condition=models.Q(("demo", True)), fields=["id"], name="thread_demo_idx"),
        ),
        migrations.RunPython(flag_seeded_threads, migrations.RunPython.noop, elidable=True),
    ]

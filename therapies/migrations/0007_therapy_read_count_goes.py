"""Therapy pages no longer count their reads: the count was a write on every page view, and pages are now kept
and served without running their view (portal/shared_pages.py). The home page lists recently reviewed therapies."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("therapies", "0006_search"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="therapy",
            name="therapies_t_status_4127d4_idx",
        ),
        migrations.RemoveField(
            model_name="therapy",
            name="read_count",
        ),
    ]

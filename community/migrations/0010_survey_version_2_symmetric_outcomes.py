"""The built-in survey's version 2 (our own restless legs score, a symmetric outcome scale, texts that say who reads
what), and version 1's outcome answers read on the symmetric scale in the rows the statistics count.

Version 1 itself is not touched: its responses keep pointing at it and keep their answers as given, so they stay
readable with the questions they answered. Only `TreatmentReport.outcome`, the statistics' own copy of each
outcome, moves to the new codes (by `flow.OUTCOME_FROM_VERSION_1`, copied here so the migration never changes).
The public figures follow at the next statistics refresh (hourly, or `manage.py refresh_survey_statistics`).
"""

from django.db import migrations
from django.utils import timezone

from community.migrations._survey_loader import definition, load_once

# Version 1's outcome code → the symmetric scale's (see community/survey/flow.py for the reasons).
OUTCOME_FROM_VERSION_1 = {
    "major": "much_better",
    "moderate": "much_better",
    "slight": "a_little_better",
    "none": "none",
    "worse": "a_little_worse",
    "too_early": "too_early",
}


def load_version_2(apps, schema_editor):
    load_once(apps, definition("survey_v2"), now=timezone.now())


def map_outcomes(apps, schema_editor):
    TreatmentReport = apps.get_model("community", "TreatmentReport")
    for old, new in OUTCOME_FROM_VERSION_1.items():
        if old != new:
            TreatmentReport.objects.filter(outcome=old).update(outcome=new)


class Migration(migrations.Migration):
    dependencies = [("community", "0009_section_score_note")]

    operations = [
        migrations.RunPython(load_version_2, migrations.RunPython.noop),
        migrations.RunPython(map_outcomes, migrations.RunPython.noop),
    ]

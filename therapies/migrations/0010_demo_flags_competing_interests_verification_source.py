"""Demo rows carry a flag (portal/demo.py), reviewers their competing interests, verifications their source.

Rows a seed wrote before this migration are flagged by what only the demo has: its invented reviewers, its
listings' `.example` websites and the benchmark set's prefixes. Demo listings are no longer verified.
"""

from django.db import migrations, models
from django.db.models import Q

DEMO_REVIEWERS = [
    "Dr. Anna Lindqvist",
    "Dr. Samuel Okafor",
    "Dr. Hannah Cole",
    "Dr. Laura Bianchi",
    "Dr. Mei-Hua Lin",
    "Dr. Tomás Herrera",
    "Dr. Priya Raman",
    "Dr. Jonas Weber",
    "Benchmark data",
]


def flag_seeded_rows(apps, schema_editor):
    for name in ("Condition", "Therapy", "TherapyCondition"):
        apps.get_model("therapies", name).objects.filter(reviewer_name__in=DEMO_REVIEWERS).update(demo=True)
    Practitioner = apps.get_model("therapies", "Practitioner")
    Practitioner.objects.filter(Q(slug__startswith="bench-") | Q(website__icontains=".example")).update(
        demo=True, verification_status="unverified", verified_by=None, verified_on=None, verification_note=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("therapies", "0009_directory_near_covering_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="acupoint",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="condition",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="condition",
            name="reviewer_competing_interests",
            field=models.CharField(
                blank=True,
                help_text="What could sway the reviewer's judgement of this page, e.g. “licensed acupuncturist who offers acupuncture” on an acupuncture page. Shown beside the name; leave empty when there is none.",
                max_length=200,
                verbose_name="reviewer's competing interests",
            ),
        ),
        migrations.AddField(
            model_name="historicalacupoint",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="reviewer_competing_interests",
            field=models.CharField(
                blank=True,
                help_text="What could sway the reviewer's judgement of this page, e.g. “licensed acupuncturist who offers acupuncture” on an acupuncture page. Shown beside the name; leave empty when there is none.",
                max_length=200,
                verbose_name="reviewer's competing interests",
            ),
        ),
        migrations.AddField(
            model_name="historicalpractitioner",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo listing"),
        ),
        migrations.AddField(
            model_name="historicalpractitioner",
            name="verification_source",
            field=models.CharField(
                blank=True,
                help_text="Where the licence was checked: the register or body and the entry, e.g. “Oregon Medical Board licence search, AC01234”. Required to verify; without it no badge is shown.",
                max_length=300,
                verbose_name="verification source",
            ),
        ),
        migrations.AddField(
            model_name="historicalreference",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="historicaltherapy",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="historicaltherapy",
            name="reviewer_competing_interests",
            field=models.CharField(
                blank=True,
                help_text="What could sway the reviewer's judgement of this page, e.g. “licensed acupuncturist who offers acupuncture” on an acupuncture page. Shown beside the name; leave empty when there is none.",
                max_length=200,
                verbose_name="reviewer's competing interests",
            ),
        ),
        migrations.AddField(
            model_name="historicaltherapycondition",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="historicaltherapycondition",
            name="reviewer_competing_interests",
            field=models.CharField(
                blank=True,
                help_text="What could sway the reviewer's judgement of this page, e.g. “licensed acupuncturist who offers acupuncture” on an acupuncture page. Shown beside the name; leave empty when there is none.",
                max_length=200,
                verbose_name="reviewer's competing interests",
            ),
        ),
        migrations.AddField(
            model_name="practitioner",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo listing"),
        ),
        migrations.AddField(
            model_name="practitioner",
            name="verification_source",
            field=models.CharField(
                blank=True,
                help_text="Where the licence was checked: the register or body and the entry, e.g. “Oregon Medical Board licence search, AC01234”. Required to verify; without it no badge is shown.",
                max_length=300,
                verbose_name="verification source",
            ),
        ),
        migrations.AddField(
            model_name="reference",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="therapy",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="therapy",
            name="reviewer_competing_interests",
            field=models.CharField(
                blank=True,
                help_text="What could sway the reviewer's judgement of this page, e.g. “licensed acupuncturist who offers acupuncture” on an acupuncture page. Shown beside the name; leave empty when there is none.",
                max_length=200,
                verbose_name="reviewer's competing interests",
            ),
        ),
        migrations.AddField(
            model_name="therapycondition",
            name="demo",
            field=models.BooleanField(default=False, editable=False, verbose_name="demo content"),
        ),
        migrations.AddField(
            model_name="therapycondition",
            name="reviewer_competing_interests",
            field=models.CharField(
                blank=True,
                help_text="What could sway the reviewer's judgement of this page, e.g. “licensed acupuncturist who offers acupuncture” on an acupuncture page. Shown beside the name; leave empty when there is none.",
                max_length=200,
                verbose_name="reviewer's competing interests",
            ),
        ),
        migrations.AddIndex(
            model_name="practitioner",
            index=models.Index(condition=models.Q(("demo", True)), fields=["id"], name="practitioner_demo_idx"),
        ),
        migrations.RunPython(flag_seeded_rows, migrations.RunPython.noop, elidable=True),
    ]

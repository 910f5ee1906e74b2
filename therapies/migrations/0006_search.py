"""The site search: stored full-text documents, their GIN indexes and trigram typo tolerance (PostgreSQL only).

Each document is a generated column that the database computes on every insert and update, so bulk inserts,
queryset updates and the admin all keep it current with no Python code involved. On SQLite the column is NULL
and the indexes and the extension are skipped: the search there matches words.
"""

import django.contrib.postgres.search
from django.db import migrations, models

from therapies.migrations._search_helpers import PostgresOnlySQL, SearchDocument, TrigramExtensionOnPostgres

SEARCH_INDEXES = {
    "therapies_condition": "condition_search_idx",
    "therapies_therapy": "therapy_search_idx",
    "therapies_therapycondition": "therapy_condition_search_idx",
    "therapies_practitioner": "practitioner_search_idx",
}


def document(*weighted_fields):
    return models.GeneratedField(
        db_persist=True,
        expression=SearchDocument(*weighted_fields),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("therapies", "0005_directory_languages_and_permissions"),
    ]

    operations = [
        TrigramExtensionOnPostgres(),
        migrations.AddField(
            model_name="condition",
            name="search_document",
            field=document(
                ("name", "A"),
                ("aliases", "A"),
                ("summary", "B"),
                ("overview", "C"),
                ("symptoms", "C"),
                ("causes_and_triggers", "C"),
                ("when_to_seek_care", "C"),
            ),
        ),
        migrations.AddField(
            model_name="practitioner",
            name="search_document",
            field=document(
                ("name", "A"), ("clinic_name", "B"), ("credentials", "B"), ("city", "B"), ("region", "B"), ("bio", "C")
            ),
        ),
        migrations.AddField(
            model_name="therapy",
            name="search_document",
            field=document(
                ("name", "A"),
                ("aliases", "A"),
                ("summary", "B"),
                ("what_it_is", "C"),
                ("how_it_works", "C"),
                ("why_it_matters", "C"),
                ("considerations_and_safety", "C"),
                ("common_side_effects", "C"),
                ("contraindications", "C"),
            ),
        ),
        migrations.AddField(
            model_name="therapycondition",
            name="search_document",
            field=document(
                ("excerpt", "B"),
                ("why_it_may_work", "C"),
                ("how_it_is_used", "C"),
                ("evidence_summary", "C"),
                ("specific_warnings", "C"),
            ),
        ),
        *(
            PostgresOnlySQL(
                f"CREATE INDEX {index} ON {table} USING gin (search_document)", f"DROP INDEX IF EXISTS {index}"
            )
            for table, index in SEARCH_INDEXES.items()
        ),
        # Typo tolerance on listing names ("name %> query"); conditions and therapies are few enough to scan.
        PostgresOnlySQL(
            "CREATE INDEX practitioner_name_trgm_idx ON therapies_practitioner USING gin (name gin_trgm_ops)",
            "DROP INDEX IF EXISTS practitioner_name_trgm_idx",
        ),
    ]

"""The site search: stored full-text documents, their GIN indexes and trigram typo tolerance (PostgreSQL only).

Each document is a generated column that the database computes on every insert and update, so bulk inserts,
queryset updates and the admin all keep it current with no Python code involved. On SQLite the column is NULL
and the indexes and the extension are skipped: the search there matches words.
"""

import functools
import operator

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models
from django.utils.deconstruct import deconstructible


@deconstructible(path="portal.search.SearchDocument")
class SearchDocument(models.Func):
    """A row's weighted full-text document on PostgreSQL, NULL elsewhere: this migration's own copy of
    portal.search.SearchDocument as it was when the migration was written; it deconstructs under that path,
    so the migration state matches the models and no new migration is made."""

    output_field = django.contrib.postgres.search.SearchVectorField()

    def __init__(self, *weighted_fields):
        self.weights = [weight for _name, weight in weighted_fields]
        super().__init__(*(models.F(name) for name, _weight in weighted_fields))

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        vectors = [
            django.contrib.postgres.search.SearchVector(expression, config="english", weight=weight)
            for expression, weight in zip(self.get_source_expressions(), self.weights, strict=True)
        ]
        return compiler.compile(functools.reduce(operator.add, vectors))


class PostgresOnlySQL(migrations.RunSQL):
    """SQL that only PostgreSQL runs; a no-op elsewhere (this migration's own copy of portal.search's)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class TrigramExtensionOnPostgres(TrigramExtension):
    """`CREATE EXTENSION pg_trgm` on PostgreSQL, skipped elsewhere both ways (this migration's own copy)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


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

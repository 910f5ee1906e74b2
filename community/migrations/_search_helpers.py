"""What the community search migrations (0006, 0007) share: their frozen copies of portal.search's SearchDocument
and PostgresOnlySQL, as they were when the migrations were written.

Migrations keep their own copy of what they need, so that a later change to the app's code cannot change an old
migration; this module is that copy, written once (community's own, so the apps' migrations stay independent of
each other). Django's migration loader skips modules whose names start with an underscore, so it is not a
migration itself.
"""

import functools
import operator

import django.contrib.postgres.search
from django.db import migrations, models
from django.utils.deconstruct import deconstructible


@deconstructible(path="portal.search.SearchDocument")
class SearchDocument(models.Func):
    """A row's weighted full-text document on PostgreSQL, NULL elsewhere: a copy of portal.search.SearchDocument as
    it was when the migrations were written; it deconstructs under that path, so the migration state matches the
    models and no new migration is made."""

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
    """SQL that only PostgreSQL runs; a no-op elsewhere (a copy of portal.search's)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

"""The site search over discussions: stored full-text documents of thread titles and post bodies, GIN-indexed.

The documents are generated columns that the database computes on every insert and update — posting, editing
and bulk inserts alike — so no action has to remember them. On SQLite they are NULL and the indexes are skipped.
"""

import django.contrib.postgres.search
from django.db import migrations, models

from community.migrations._search_helpers import PostgresOnlySQL, SearchDocument


def document(*weighted_fields):
    return models.GeneratedField(
        db_persist=True,
        expression=SearchDocument(*weighted_fields),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0005_builtin_survey"),
    ]

    operations = [
        migrations.AddField(model_name="thread", name="search_document", field=document(("title", "A"))),
        migrations.AddField(model_name="post", name="search_document", field=document(("body", "B"))),
        PostgresOnlySQL(
            "CREATE INDEX thread_search_idx ON community_thread USING gin (search_document)",
            "DROP INDEX IF EXISTS thread_search_idx",
        ),
        PostgresOnlySQL(
            "CREATE INDEX post_search_idx ON community_post USING gin (search_document)",
            "DROP INDEX IF EXISTS post_search_idx",
        ),
    ]

"""The site search, faster: the names of conditions and therapies as documents of their own, trigram indexes for
typos in them, and GIN indexes that searches read without a pending list (PostgreSQL only).

`name_document` (name and other names, weight A) is a small generated column, GIN-indexed: the search of
therapy-for-condition pages finds the therapies and conditions with a word in their names through it, and adds it
to each page's own document instead of filtering the weight-A lexemes out of the whole document of the therapy and
the condition for every page. The GiST trigram indexes on the names give the names nearest a query
first, so typo tolerance no longer compares the query with every name (1.5 ms for the therapies, each time).
The documents of these long pages are kept in the row (storage MAIN, compressed if need be) rather than moved out
to the TOAST table, where reading each one for a match or a rank cost an index lookup (7 µs a page; a word in every
therapy-for-condition page took 107 ms, now 47); the rows are rewritten once so the documents move in (the space
of the old versions is reused after the next VACUUM; a few MB for these three small tables).
With `fastupdate` on (the default) new entries of a GIN index wait in a pending list that every search reads in
full until a VACUUM merges it or it outgrows 4 MB; here writes are few and searches many, so entries go into the
index at once, and the list left by earlier writes is merged now (see community's 0007_search_index_tuning).
"""

import django.contrib.postgres.search
from django.db import migrations, models

from therapies.migrations._search_helpers import PostgresOnlySQL, SearchDocument

SEARCH_INDEXES = (
    "condition_search_idx",
    "therapy_search_idx",
    "therapy_condition_search_idx",
    "practitioner_search_idx",
    "practitioner_name_trgm_idx",
)


def name_document():
    return models.GeneratedField(
        db_persist=True,
        expression=SearchDocument(("name", "A"), ("aliases", "A")),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("therapies", "0007_therapy_read_count_goes"),
    ]

    operations = [
        migrations.AddField(model_name="condition", name="name_document", field=name_document()),
        migrations.AddField(model_name="therapy", name="name_document", field=name_document()),
        *(
            PostgresOnlySQL(
                f"CREATE INDEX {table}_names_trgm_idx ON {table} USING gist ((name || E'\\n' || aliases) gist_trgm_ops)",
                f"DROP INDEX IF EXISTS {table}_names_trgm_idx",
            )
            for table in ("therapies_condition", "therapies_therapy")
        ),
        *(
            PostgresOnlySQL(
                f"CREATE INDEX {table}_name_document_idx ON {table} USING gin (name_document) WITH (fastupdate = off)",
                f"DROP INDEX IF EXISTS {table}_name_document_idx",
            )
            for table in ("therapies_condition", "therapies_therapy")
        ),
        *(
            PostgresOnlySQL(
                f"ALTER TABLE {table} ALTER COLUMN search_document SET STORAGE MAIN; UPDATE {table} SET id = id;",
                f"ALTER TABLE {table} ALTER COLUMN search_document SET STORAGE EXTENDED;",
            )
            for table in ("therapies_condition", "therapies_therapy", "therapies_therapycondition")
        ),
        *(
            PostgresOnlySQL(
                f"ALTER INDEX {index} SET (fastupdate = off); SELECT gin_clean_pending_list('{index}'::regclass);",
                f"ALTER INDEX {index} RESET (fastupdate);",
            )
            for index in SEARCH_INDEXES
        ),
    ]

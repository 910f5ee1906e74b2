"""The site search over discussions, faster: GIN indexes without a pending list, finer planner statistics of the
posts' words (PostgreSQL only), and an index of the members-only threads.

With `fastupdate` on (the default) new entries of a GIN index wait in a pending list that every search reads in
full until a VACUUM merges it (autovacuum's defaults wait for some 21,000 new posts on a site of 100,000) or it
outgrows 4 MB; the bench measured searches three times slower with the list the seeding left. Posts are written
one at a time and searched far more often, so entries go into the index at once; the list left by earlier writes
is merged now. The statistics target of 1,000 (default 100) lets ANALYZE keep the frequencies of
ten times more words, so the planner knows a rare word is rare (it guessed 500 posts for any word it did not keep,
and chose plans for 500). The partial index finds the few members-only threads at once: the search checks a
visitor's posts against the short list of threads they may not read instead of joining every match's thread.
"""

from django.db import migrations, models

from community.migrations._search_helpers import PostgresOnlySQL

SEARCH_INDEXES = ("thread_search_idx", "post_search_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_search"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(condition=models.Q(members_only=True), fields=["id"], name="thread_members_only_idx"),
        ),
        *(
            PostgresOnlySQL(
                f"ALTER INDEX {index} SET (fastupdate = off); SELECT gin_clean_pending_list('{index}'::regclass);",
                f"ALTER INDEX {index} RESET (fastupdate);",
            )
            for index in SEARCH_INDEXES
        ),
        PostgresOnlySQL(
            "ALTER TABLE community_post ALTER COLUMN search_document SET STATISTICS 1000",
            "ALTER TABLE community_post ALTER COLUMN search_document SET STATISTICS -1",
        ),
    ]

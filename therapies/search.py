"""The search sources of `therapies`: conditions, therapies, therapy-for-condition pages and practitioners.

Published content only, for everyone (staff preview drafts on the pages themselves). On PostgreSQL each source is
one statement (portal.search.ranked_page): it matches the stored document (`search_document`, see portal.search)
or, for names, a close trigram match, and ranks by ts_rank (names weigh most); elsewhere it matches every word.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.search import (
    ANY_WORD,
    QUERY,
    SearchHit,
    SearchResults,
    Terms,
    every_word_in,
    full_text,
    highlight_words,
    joined,
    loaded,
    one_page,
    ranked_page,
)
from therapies.models import Condition, Practitioner, Status, Therapy, TherapyCondition, alias_list

CONDITION_TEXT = ("summary", "overview", "symptoms", "causes_and_triggers", "when_to_seek_care")
THERAPY_TEXT = (
    "summary",
    "what_it_is",
    "how_it_works",
    "why_it_matters",
    "considerations_and_safety",
    "common_side_effects",
    "contraindications",
)
PAGE_TEXT = ("excerpt", "why_it_may_work", "how_it_is_used", "evidence_summary", "specific_warnings")
LISTING_TEXT = ("clinic_name", "bio")
# A listing's snippet is shorter: its name, town and credentials say most.
LISTING_SNIPPET_CHARACTERS = 130
PUBLISHED = {"published": Status.PUBLISHED.value}
TABLES = ("therapies_therapy", "therapies_condition")
# Typo tolerance reads the names nearest the query first (a GiST trigram index gives them in order of distance,
# in a fraction of what comparing every name costs) and keeps those close enough: at most this many of a kind,
# more than any typo of a name comes near.
FUZZY_NEAREST = 20


def names_sql(alias: str) -> str:
    """A condition's or therapy's name and other names (one a line), as its trigram index reads them."""
    return f"({alias}.name || E'\\n' || {alias}.aliases)"


def similarity_sql(alias: str) -> str:
    """How close the query is to the names: pg_trgm's word_similarity, the best match of the query's trigrams in
    any stretch of them (0 to 1)."""
    return f"word_similarity(%(text)s, {names_sql(alias)})"


def close_names_sql(table: str) -> str:
    """The published conditions or therapies whose names are close to the query: of the FUZZY_NEAREST nearest,
    those with a word_similarity of at least FUZZY_THRESHOLD ("massge" -> "Massage" is 0.57, "acupunture" ->
    "Acupuncture" 0.82). The distance `<->>` is 1 - word_similarity."""
    return f"""
        SELECT near.id FROM (
            SELECT n.id, {names_sql("n")} <->> %(text)s AS distance
            FROM {table} n WHERE n.status = %(published)s
            ORDER BY {names_sql("n")} <->> %(text)s LIMIT {FUZZY_NEAREST}
        ) AS near
        WHERE near.distance <= 1 - %(fuzzy)s"""


def columns(alias: str, fields: tuple[str, ...]) -> str:
    return ", ".join(f"{alias}.{name}" for name in fields)


def text_of(row: dict, fields: tuple[str, ...]) -> str:
    """The fields of a row as one text for its snippet, in reading order."""
    return " \n ".join(row[name] for name in fields)


def _also_called(aliases: str) -> str:
    names = alias_list(aliases)
    return _("Also called %(names)s") % {"names": ", ".join(names)} if names else ""


def _knowledge_base_source(model, text_fields: tuple[str, ...]):
    table = model._meta.db_table

    def search(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
        if not full_text():
            return search_every_word(terms, offset=offset, limit=limit)
        match = f"x.search_document @@ {QUERY}"
        similarity = "0"
        if terms.fuzzy:
            # Typo tolerance: names close to a query as short as a name also match, and rank by how close they are.
            # Both kinds of match come from an index (a union, not an OR that would read every row's document).
            similarity = similarity_sql("x")
            match = f"""x.id IN (
                SELECT id FROM {table} WHERE search_document @@ {QUERY}
                UNION ALL {close_names_sql(table)}
            )"""
        page = ranked_page(
            terms=terms,
            matches=f"""
                SELECT x.id, x.name, x.search_document AS document, {similarity} AS similarity, x.slug, x.aliases
                FROM {table} x
                WHERE x.status = %(published)s AND ({match})""",
            kept="name, id",
            ranked=f"ts_rank(document, {QUERY}) DESC, similarity DESC, name, id",
            shown=f"""
                SELECT page.position, page.name, page.slug, page.aliases, {columns("x", text_fields)}
                FROM page JOIN {table} x ON x.id = page.id""",
            params=PUBLISHED,
            offset=offset,
            limit=limit,
        )
        hits = [
            SearchHit(
                title=row["name"],
                url=loaded(model, slug=row["slug"]).get_absolute_url(),
                snippet=highlight_words(text_of(row, text_fields), page.words),
                detail=_also_called(row["aliases"]),
            )
            for row in page.rows
        ]
        return SearchResults(hits, page.total, page.capped)

    def search_every_word(terms: Terms, *, offset: int, limit: int) -> SearchResults:
        fields = ("name", "slug", "aliases", *text_fields)
        matches = model.objects.published().filter(every_word_in(terms, "name", "aliases", *text_fields))
        rows, total = one_page(
            matches.order_by("name"),
            offset=offset,
            limit=limit,
            rows=lambda ids: model.objects.filter(pk__in=ids).only(*fields),
        )
        hits = [
            SearchHit(
                title=row.name,
                url=row.get_absolute_url(),
                snippet=highlight_words(" ".join(getattr(row, name) for name in text_fields), terms.words),
                detail=_also_called(row.aliases),
            )
            for row in rows
        ]
        return SearchResults(hits, total)

    return search


search_conditions = _knowledge_base_source(Condition, CONDITION_TEXT)
search_therapies = _knowledge_base_source(Therapy, THERAPY_TEXT)


def search_therapy_conditions(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    """Therapy-for-condition pages: their own text, and the names (and other names) of the therapy and condition.

    A page matches when its document together with the names of its therapy and condition (their `name_document`)
    has every word — so "acupuncture restless legs" finds "Acupuncture for restless legs syndrome" though no one
    document holds all three words — or when the therapy's or condition's name is close to the query (typos).

    Putting three documents together is work, so it is done only for the pages that may need it. The candidates
    come from three indexes at once: pages whose own text has every word (GIN), and the pages of the therapies and
    of the conditions with one of the words in their names or a close name (a handful, on the foreign-key indexes).
    A page whose own text has every word is a match without more (a hashed lookup, not its document read again);
    the others are checked against the three documents together.
    """
    if not full_text():
        return _therapy_conditions_with_every_word(terms, offset=offset, limit=limit)
    close = {table: f"UNION ALL {close_names_sql(table)}" if terms.fuzzy else "" for table in TABLES}
    similar = {alias: f"OR {similarity_sql(alias)} >= %(fuzzy)s" if terms.fuzzy else "" for alias in ("th", "co")}
    own_text_has_every_word = f"tc.id IN (SELECT id FROM therapies_therapycondition WHERE search_document @@ {QUERY})"
    if "-" in terms.text:
        # "-word": a page whose own text has the other words is no match if its therapy or condition is named with
        # that one (websearch reads a dash before a word as "without"), so every page is checked in full.
        own_text_has_every_word = "false"
    page = ranked_page(
        terms=terms,
        matches=f"""
            SELECT tc.id, th.name AS therapy_name, co.name AS condition_name,
                th.name_document || co.name_document AS names, tc.search_document AS own_document,
                tc.therapy_id, th.slug AS therapy_slug, tc.condition_id, co.slug AS condition_slug
            FROM therapies_therapycondition tc
            JOIN therapies_therapy th ON th.id = tc.therapy_id
            JOIN therapies_condition co ON co.id = tc.condition_id
            WHERE tc.status = %(published)s AND th.status = %(published)s AND co.status = %(published)s
                AND (
                    tc.search_document @@ {QUERY}
                    OR tc.therapy_id = ANY(ARRAY(
                        SELECT id FROM therapies_therapy WHERE name_document @@ {ANY_WORD}
                        {close["therapies_therapy"]}
                    ))
                    OR tc.condition_id = ANY(ARRAY(
                        SELECT id FROM therapies_condition WHERE name_document @@ {ANY_WORD}
                        {close["therapies_condition"]}
                    ))
                )
                AND (
                    {own_text_has_every_word}
                    OR th.name_document || co.name_document || tc.search_document @@ {QUERY}
                    {similar["th"]} {similar["co"]}
                )""",
        kept="therapy_name, condition_name, id",
        # The documents are put together again for the pages ranked alone.
        ranked=f"ts_rank(names || own_document, {QUERY}) DESC, therapy_name, condition_name, id",
        shown=f"""
            SELECT page.position, page.therapy_id, page.therapy_name, page.therapy_slug,
                page.condition_id, page.condition_name, page.condition_slug,
                tc.evidence_basis, tc.certainty, tc.direction, {columns("tc", PAGE_TEXT)}
            FROM page JOIN therapies_therapycondition tc ON tc.id = page.id""",
        params=PUBLISHED,
        offset=offset,
        limit=limit,
    )
    hits = [
        _therapy_condition_hit(_therapy_condition(row), highlight_words(text_of(row, PAGE_TEXT), page.words))
        for row in page.rows
    ]
    return SearchResults(hits, page.total, page.capped)


def _therapy_condition(row: dict) -> TherapyCondition:
    """The page of a result row, with what its link and evidence label need."""
    page = loaded(
        TherapyCondition, evidence_basis=row["evidence_basis"], certainty=row["certainty"], direction=row["direction"]
    )
    page.therapy = loaded(Therapy, id=row["therapy_id"], name=row["therapy_name"], slug=row["therapy_slug"])
    page.condition = loaded(Condition, id=row["condition_id"], name=row["condition_name"], slug=row["condition_slug"])
    return page


def _therapy_conditions_with_every_word(terms: Terms, *, offset: int, limit: int) -> SearchResults:
    names = ("therapy__name", "therapy__aliases", "condition__name", "condition__aliases")
    matches = TherapyCondition.objects.published().filter(every_word_in(terms, *names, *PAGE_TEXT))
    rows, total = one_page(
        matches.order_by("therapy__name", "condition__name"),
        offset=offset,
        limit=limit,
        rows=lambda ids: (
            TherapyCondition.objects.filter(pk__in=ids)
            .select_related("therapy", "condition")
            .only(
                *PAGE_TEXT,
                "evidence_basis",
                "certainty",
                "direction",
                "therapy__name",
                "therapy__slug",
                "condition__name",
                "condition__slug",
            )
        ),
    )
    hits = [
        _therapy_condition_hit(row, highlight_words(" ".join(getattr(row, name) for name in PAGE_TEXT), terms.words))
        for row in rows
    ]
    return SearchResults(hits, total)


def _therapy_condition_hit(page: TherapyCondition, snippet) -> SearchHit:
    return SearchHit(
        title=_("%(therapy)s for %(condition)s") % {"therapy": page.therapy.name, "condition": page.condition.name},
        url=page.get_absolute_url(),
        snippet=snippet,
        detail=_("Evidence: %(label)s") % {"label": page.label.text},
    )


def search_practitioners(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    """Published listings by name (typos forgiven), clinic, credentials, town and what they write about themselves.

    Typo tolerance uses the trigram index on names: `name %> query`, whose threshold is
    pg_trgm.word_similarity_threshold (0.6 by default, stricter than for conditions and therapies, which also keeps
    the many names of a big table from matching loosely).
    """
    if not full_text():
        return _practitioners_with_every_word(terms, offset=offset, limit=limit)
    similarity = "word_similarity(%(text)s, x.name)" if terms.fuzzy else "0"
    # The query in a subquery: with it as a constant the planner would try the operator on the names in the column's
    # statistics, a millisecond of planning; the index serves it either way.
    close = "OR x.name %%> (SELECT %(text)s)" if terms.fuzzy else ""
    page = ranked_page(
        terms=terms,
        matches=f"""
            SELECT x.id, x.name, x.search_document AS document, {similarity} AS similarity
            FROM therapies_practitioner x
            WHERE x.status = %(published)s AND (x.search_document @@ {QUERY} {close})""",
        kept="name, id",
        ranked=f"ts_rank(document, {QUERY}) DESC, similarity DESC, name, id",
        shown=f"""
            SELECT page.position, page.name, x.slug, x.credentials, x.city, x.country, {columns("x", LISTING_TEXT)}
            FROM page JOIN therapies_practitioner x ON x.id = page.id""",
        params={"published": Practitioner.Status.PUBLISHED.value},
        offset=offset,
        limit=limit,
    )
    hits = [
        _practitioner_hit(
            loaded(
                Practitioner,
                slug=row["slug"],
                name=row["name"],
                credentials=row["credentials"],
                city=row["city"],
                country=row["country"],
            ),
            highlight_words(
                joined([row["clinic_name"], row["bio"]], ". "), page.words, length=LISTING_SNIPPET_CHARACTERS
            ),
        )
        for row in page.rows
    ]
    return SearchResults(hits, page.total, page.capped)


def _practitioners_with_every_word(terms: Terms, *, offset: int, limit: int) -> SearchResults:
    fields = ("slug", "name", "credentials", "city", "region", "country", *LISTING_TEXT)
    matches = Practitioner.objects.published().filter(
        every_word_in(terms, "name", "clinic_name", "credentials", "city", "region")
    )
    rows, total = one_page(
        matches.order_by("name", "pk"),
        offset=offset,
        limit=limit,
        rows=lambda ids: Practitioner.objects.filter(pk__in=ids).only(*fields),
    )
    hits = [
        _practitioner_hit(
            row,
            highlight_words(joined([row.clinic_name, row.bio], ". "), terms.words, length=LISTING_SNIPPET_CHARACTERS),
        )
        for row in rows
    ]
    return SearchResults(hits, total)


def _practitioner_hit(listing: Practitioner, snippet) -> SearchHit:
    return SearchHit(
        title=joined([listing.name, listing.credentials]),
        url=listing.get_absolute_url(),
        snippet=snippet,
        detail=joined([listing.city, listing.country_name]),
    )

"""The search sources of `therapies`: conditions, therapies, therapy-for-condition pages and practitioners.

Published content only, for everyone (staff preview drafts on the pages themselves). On PostgreSQL each source
matches the stored document (`search_document`, see portal.search) or, for names, a close trigram match, ranks
by ts_rank (names weigh most) and highlights with ts_headline; elsewhere it matches every word.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _

from portal.search import (
    Highlighter,
    SearchHit,
    SearchResults,
    Terms,
    WeightFilter,
    any_word_query,
    every_word_in,
    full_text,
    highlight_words,
    joined,
    one_page,
    rank,
    similar_names,
    ts_query,
)
from therapies.models import Condition, Practitioner, Therapy, TherapyCondition

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


def text_of(*fields: str) -> Concat | F:
    """The fields as one text for ts_headline, in reading order."""
    if len(fields) == 1:
        return F(fields[0])
    parts = []
    for name in fields:
        parts += [F(name), Value(" \n ")]
    return Concat(*parts[:-1], output_field=TextField())


def _ranked(queryset, terms: Terms, *, names: tuple[str, ...], tiebreak: tuple[str, ...], indexed: bool = False):
    """Rows whose stored document matches, or whose name is close to the query (typos), best first."""
    match = Q(search_document=ts_query(terms))
    order = [F("search_rank").desc()]
    similar = similar_names(terms, *names, indexed=indexed)
    if similar is not None:
        condition, score = similar
        match |= condition
        queryset = queryset.annotate(name_similarity=score)
        order.append(F("name_similarity").desc())
    return queryset.filter(match).annotate(search_rank=rank(F("search_document"), terms)).order_by(*order, *tiebreak)


def _also_called(item) -> str:
    aliases = [line.strip() for line in item.aliases.splitlines() if line.strip()]
    return _("Also called %(names)s") % {"names": ", ".join(aliases)} if aliases else ""


def _knowledge_base_source(model, text_fields: tuple[str, ...]):
    def search(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
        published = model.objects.published()
        fields = ("name", "slug", "aliases", *text_fields)
        if full_text():
            highlighter = Highlighter()
            matches = _ranked(published, terms, names=("name", "aliases"), tiebreak=("name",))
            rows, total = one_page(
                matches,
                offset=offset,
                limit=limit,
                rows=lambda ids: (
                    model.objects.filter(pk__in=ids)
                    .only(*fields)
                    .annotate(snippet=highlighter.expression(text_of(*text_fields), terms))
                ),
            )
            snippets = [highlighter.render(row.snippet) for row in rows]
        else:
            matches = published.filter(every_word_in(terms, "name", "aliases", *text_fields)).order_by("name")
            rows, total = one_page(
                matches, offset=offset, limit=limit, rows=lambda ids: model.objects.filter(pk__in=ids).only(*fields)
            )
            snippets = [highlight_words(" ".join(getattr(row, f) for f in text_fields), terms.words) for row in rows]
        hits = [
            SearchHit(title=row.name, url=row.get_absolute_url(), snippet=snippet, detail=_also_called(row))
            for row, snippet in zip(rows, snippets, strict=True)
        ]
        return SearchResults(hits, total)

    return search


search_conditions = _knowledge_base_source(Condition, CONDITION_TEXT)
search_therapies = _knowledge_base_source(Therapy, THERAPY_TEXT)


def _names(model, query) -> QuerySet:
    """Ids of published rows whose names (weight A of their document: name and other names) match `query`."""
    return (
        model.objects.published().alias(names=WeightFilter(F("search_document"), "A")).filter(names=query).values("pk")
    )


def search_therapy_conditions(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    """Therapy-for-condition pages: their own text, and the names (and other names) of the therapy and condition."""
    published = TherapyCondition.objects.published()

    def page_rows(ids):
        return (
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
        )

    if full_text():
        highlighter = Highlighter()
        # The names come from weight A of the therapy's and the condition's documents, so "acupuncture restless
        # legs" finds "Acupuncture for restless legs syndrome" though no one document holds all three words.
        document = Func(
            WeightFilter(F("therapy__search_document"), "A"),
            WeightFilter(F("condition__search_document"), "A"),
            F("search_document"),
            template="(%(expressions)s)",
            arg_joiner=" || ",
            output_field=SearchVectorField(),
        )
        # Joining three documents is work, so it is done only for pages where some word of the query is found
        # (in the page, through its GIN index, or in the two names) or whose names are close to it: conditions on
        # the page's own columns, which PostgreSQL checks while scanning it, before any join.
        any_word = any_word_query(terms)
        candidates = (
            Q(pk__in=published.filter(search_document=any_word).values("pk"))
            | Q(therapy__in=_names(Therapy, any_word))
            | Q(condition__in=_names(Condition, any_word))
        )
        found = Q(document=ts_query(terms))
        similar = similar_names(terms, "name", "aliases")
        if similar is not None:
            close, _score = similar
            close_names = Q(therapy__in=Therapy.objects.published().filter(close).values("pk")) | Q(
                condition__in=Condition.objects.published().filter(close).values("pk")
            )
            candidates |= close_names
            found |= close_names
        matches = (
            published.filter(candidates)
            .alias(document=document)
            .filter(found)
            .annotate(search_rank=rank(F("document"), terms))
            .order_by(F("search_rank").desc(), "therapy__name", "condition__name", "pk")
        )
        rows, total = one_page(
            matches,
            offset=offset,
            limit=limit,
            rows=lambda ids: page_rows(ids).annotate(snippet=highlighter.expression(text_of(*PAGE_TEXT), terms)),
        )
        snippets = [highlighter.render(row.snippet) for row in rows]
    else:
        names = ("therapy__name", "therapy__aliases", "condition__name", "condition__aliases")
        matches = published.filter(every_word_in(terms, *names, *PAGE_TEXT)).order_by(
            "therapy__name", "condition__name"
        )
        rows, total = one_page(matches, offset=offset, limit=limit, rows=page_rows)
        snippets = [highlight_words(" ".join(getattr(row, f) for f in PAGE_TEXT), terms.words) for row in rows]
    hits = [
        SearchHit(
            title=_("%(therapy)s for %(condition)s") % {"therapy": row.therapy.name, "condition": row.condition.name},
            url=row.get_absolute_url(),
            snippet=snippet,
            detail=_("Evidence: %(label)s") % {"label": row.label.text},
        )
        for row, snippet in zip(rows, snippets, strict=True)
    ]
    return SearchResults(hits, total)


def search_practitioners(terms: Terms, *, user, offset: int, limit: int) -> SearchResults:
    """Published listings by name (typos forgiven), clinic, credentials, town and what they write about themselves."""
    published = Practitioner.objects.published()
    fields = ("slug", "name", "credentials", "city", "region", "country", *LISTING_TEXT)
    if full_text():
        highlighter = Highlighter()
        matches = _ranked(published, terms, names=("name",), tiebreak=("name", "pk"), indexed=True)
        rows, total = one_page(
            matches,
            offset=offset,
            limit=limit,
            rows=lambda ids: (
                Practitioner.objects.filter(pk__in=ids)
                .only(*fields)
                .annotate(snippet=highlighter.expression(text_of(*LISTING_TEXT), terms, words=20))
            ),
        )
        snippets = [highlighter.render(row.snippet) for row in rows]
    else:
        matches = published.filter(every_word_in(terms, "name", "clinic_name", "credentials", "city", "region"))
        rows, total = one_page(
            matches.order_by("name", "pk"),
            offset=offset,
            limit=limit,
            rows=lambda ids: Practitioner.objects.filter(pk__in=ids).only(*fields),
        )
        snippets = [highlight_words(joined([row.clinic_name, row.bio], ". "), terms.words) for row in rows]
    hits = [
        SearchHit(
            title=joined([row.name, row.credentials]),
            url=row.get_absolute_url(),
            snippet=snippet,
            detail=joined([row.city, row.country_name]),
        )
        for row, snippet in zip(rows, snippets, strict=True)
    ]
    return SearchResults(hits, total)

"""One search box over the whole site: apps register search sources; `portal` only runs them.

Besides the registry, this module holds what every source shares, so the rules are written once: how the
visitor's text is cleaned and read, the stored full-text document (`SearchDocument`, a generated column that
PostgreSQL keeps current on every write), one page of ranked results with the number of matches in one statement
(`ranked_page`), and snippets that escape all the text and add only our own `<mark>`. On PostgreSQL sources search
full text (weighted, ranked, with trigram typo tolerance for names); on SQLite they fall back to matching every word
(`icontains`), which still finds exact words.

A kind counts its matches up to MAX_RANKED and ranks only those: a word in 40,000 posts costs what a word in 1,000
does, and the page says "more than 1,000" and which ones were ranked (the newest posts, the first names).
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection
from django.db.migrations import RunSQL
from django.db.models import Count, F, Func, Model, Q, QuerySet, Window
from django.utils import formats
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy

from portal.citations import CITATION_LIKE

MAX_QUERY_LENGTH = 200
# The text-search configuration of every document and query: the site is written in English.
CONFIG = "english"
# Typo tolerance (trigrams) is for names, so it is tried only on queries about as short as a name.
FUZZY_MAX_LENGTH = 40
# How close (pg_trgm's word_similarity, 0 to 1) a name must be to the query to be found despite a typo.
FUZZY_THRESHOLD = 0.5
# A kind counts at most this many matches and ranks only those, the first in its own order (the newest posts and
# discussions, the first names elsewhere): past it the page says "more than 1,000". Ranking all 41,000 posts that
# have a common word took 150 ms; a reader pages through 50 pages of 20 at most.
MAX_RANKED = 1000
# The fallback matches at most this many words, so an odd query cannot build a huge statement.
MAX_WORDS = 8
SNIPPET_CHARACTERS = 220

# Dashes between two letters or digits separate words ("Willis-Ekbom" is also written "Willis–Ekbom");
# a dash before a word is left alone, since websearch syntax reads it as "without".
_JOINING_DASH = re.compile(r"(?<=\w)[\-\u2010-\u2015\u2212](?=\w)")
# NUL cannot travel to PostgreSQL in a string, and other control characters mean nothing in a search.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Terms:
    """What a visitor typed: `typed` as shown back in the box, `text` for full-text search, `words` for the
    fallback and highlighting."""

    typed: str
    text: str
    words: tuple[str, ...]

    @classmethod
    def parse(cls, typed: str) -> Terms:
        typed = " ".join(_CONTROL.sub(" ", typed).split())
        text = _JOINING_DASH.sub(" ", typed)
        words = tuple(dict.fromkeys(word.casefold() for word in _WORD.findall(text)))[:MAX_WORDS]
        return cls(typed=typed, text=text, words=words)

    @property
    def too_long(self) -> bool:
        return len(self.typed) > MAX_QUERY_LENGTH

    @property
    def fuzzy(self) -> bool:
        """Short enough to be a name typed with a typo."""
        return 3 < len(self.text) <= FUZZY_MAX_LENGTH


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    # HTML from `Highlighter.render` or `highlight_words`: escaped text with our own <mark> only.
    snippet: SafeString | str = ""
    # One plain line under the title: where a post is, a listing's town, the evidence label.
    detail: str = ""


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit] = field(default_factory=list)
    # The number of matches, or MAX_RANKED when there are more (`capped`): only that many were ranked.
    total: int = 0
    capped: bool = False

    @property
    def count(self) -> str:
        """The number as the page shows it: "25", "1,234", or "more than 1,000"."""
        number = formats.number_format(self.total, force_grouping=True)
        return gettext("more than %(count)s") % {"count": number} if self.capped else number


NEWEST_RANKED = gettext_lazy(
    "More than %(count)s match, too many to rank them all: these are the best of the %(count)s newest. "
    "Add a word to narrow the search."
)
FIRST_RANKED = gettext_lazy(
    "More than %(count)s match, too many to rank them all: these are the best of the first %(count)s by name. "
    "Add a word to narrow the search."
)


@dataclass(frozen=True)
class SearchSource:
    key: str
    title: str | Promise
    # Called as search(terms, user=..., offset=..., limit=...) -> SearchResults: at most `limit` hits from
    # `offset`, best first, and the number of all matches (at most MAX_RANKED). With limit=0, only the number.
    # One query on PostgreSQL.
    search: Callable[..., SearchResults]
    order: int = 100
    # Said under the kind's results when it has more than MAX_RANKED matches: which ones were ranked.
    capped_note: str | Promise = FIRST_RANKED


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    _sources[source.key] = source


def sources() -> list[SearchSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))


# --- Full text on PostgreSQL -----------------------------------------------------------------------------------------


def full_text() -> bool:
    """PostgreSQL searches full text; other databases (SQLite, for a local run) match words."""
    return connection.vendor == "postgresql"


class SearchDocument(Func):
    """A row's weighted full-text document, for a stored `GeneratedField`: PostgreSQL computes it on every
    insert and update (bulk ones too), so no Python code has to remember it. Elsewhere it is NULL.

        search_document = models.GeneratedField(
            expression=SearchDocument(("name", "A"), ("summary", "B")), output_field=SearchVectorField(),
            db_persist=True,
        )
    """

    output_field = SearchVectorField()

    def __init__(self, *weighted_fields: tuple[str, str]):
        self.weights = [weight for _name, weight in weighted_fields]
        super().__init__(*(F(name) for name, _weight in weighted_fields))

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        vectors = [
            SearchVector(expression, config=CONFIG, weight=weight)
            for expression, weight in zip(self.get_source_expressions(), self.weights, strict=True)
        ]
        return compiler.compile(functools.reduce(operator.add, vectors))


# The visitor's query as every statement reads it: websearch_to_tsquery, so quotes, "or" and "-word" work and no
# input is a syntax error (never to_tsquery). Constant in the statement, so the planner knows how common its words are.
QUERY = f"websearch_to_tsquery('{CONFIG}', %(query)s)"
# Any one of the words (websearch "or"): a cheap, index-served first cut, refined by QUERY.
ANY_WORD = f"websearch_to_tsquery('{CONFIG}', %(any_word)s)"


def query_params(terms: Terms) -> dict[str, object]:
    """The parameters QUERY, ANY_WORD and the trigram comparisons (`%(text)s` and `%(fuzzy)s`) read."""
    return {
        "query": terms.text,
        "any_word": " or ".join(terms.words),
        "text": terms.text,
        "fuzzy": FUZZY_THRESHOLD,
    }


@dataclass(frozen=True)
class Page:
    rows: list[dict]
    total: int
    capped: bool
    # The words to mark in the snippets (`marked_words`).
    words: tuple[str, ...]


def ranked_page(
    *,
    terms: Terms,
    matches: str,
    kept: str,
    ranked: str,
    shown: str,
    params: dict,
    offset: int,
    limit: int,
    within: str | None = None,
) -> Page:
    """One page of a kind's matches, best first, with the number of matches, in one statement.

    `matches` selects the rows a reader may see that match, with their `id`, the columns `kept` and `ranked` order
    by, and any column `shown` wants of them. Only the first MAX_RANKED + 1 in the order `kept` are read (so a
    common word costs what a rarer one does) and counted; the first MAX_RANKED of them are ranked by `ranked`
    (ts_rank first), carrying only their ids. `shown` selects the page's columns FROM `page` (the page's rows of
    `matches` with their `position`) and anything else they need, for those rows alone. With limit=0, only the
    number.

    `within`, the rows of `matches` from a leading stretch in the order `kept` (the posts since some date), is read
    first: when more than MAX_RANKED of them match, they are the first ones of all and the others are never read;
    otherwise the statement reads `matches` as without it. The same rows either way: it saves reading every match
    when many rows match and the planner cannot know it (words that come together).
    """
    if within is not None:
        matches = f"""
            WITH within AS MATERIALIZED ({within} ORDER BY {kept} LIMIT {MAX_RANKED + 1})
            SELECT * FROM within WHERE (SELECT count(*) FROM within) > {MAX_RANKED}
            UNION ALL
            (
                SELECT * FROM ({matches}) AS everything WHERE (SELECT count(*) FROM within) <= {MAX_RANKED}
                ORDER BY {kept} LIMIT {MAX_RANKED + 1}
            )"""
    sql = f"""
        WITH matches AS MATERIALIZED ({matches} ORDER BY {kept} LIMIT {MAX_RANKED + 1}),
        page AS MATERIALIZED (
            SELECT matches.*, best.position
            FROM (
                SELECT kept.id, row_number() OVER (ORDER BY {ranked}) AS position
                FROM (SELECT * FROM matches ORDER BY {kept} LIMIT {MAX_RANKED}) AS kept
                ORDER BY position
                LIMIT %(limit)s OFFSET %(offset)s
            ) AS best
            JOIN matches ON matches.id = best.id
        )
        SELECT counted.total, {QUERY}::text AS lexemes, shown.*
        FROM (SELECT count(*) AS total FROM matches) AS counted
        LEFT JOIN ({shown}) AS shown ON true
        ORDER BY shown.position
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {**query_params(terms), **params, "limit": max(limit, 0), "offset": max(offset, 0)})
        names = [column.name for column in cursor.description]
        fetched = cursor.fetchall()
    total, lexemes, position = fetched[0][0], fetched[0][1], names.index("position")
    return Page(
        rows=[dict(zip(names, row, strict=True)) for row in fetched if row[position] is not None],
        total=min(total, MAX_RANKED),
        capped=total > MAX_RANKED,
        words=marked_words(lexemes),
    )


# A lexeme in a tsquery's text ('stretch', 'it''s'), with the "!" of a word the query excludes.
_LEXEME = re.compile(r"(!?)'((?:[^']|'')+)'")


def marked_words(tsquery: str) -> tuple[str, ...]:
    """What to mark in a snippet: the stems full-text search matched, which begin the words they stand for
    ('stretch' marks "stretches" and "stretching") — with "y" for a final "i" ('therapi' also marks "therapy") — and
    not the words the query excludes ("-coffee") or the stop words it leaves out ("the")."""
    stems = [lexeme.replace("''", "'") for excluded, lexeme in _LEXEME.findall(tsquery) if not excluded]
    return tuple(dict.fromkeys([*stems, *(stem[:-1] + "y" for stem in stems if stem.endswith("i"))]))


# --- Words on other databases, and shared helpers ---------------------------------------------------------------------


def every_word_in(terms: Terms, *fields: str) -> Q:
    """Each word in at least one of the fields: the fallback match where there is no full-text search."""
    condition = Q()
    for word in terms.words:
        condition &= functools.reduce(operator.or_, (Q(**{f"{name}__icontains": word}) for name in fields))
    return condition if terms.words else Q(pk__in=[])


_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([.,;:!?])")
# Headings, quotes, and list markers at the start of a line (emphasis and code marks go with str.replace: a
# regular expression of every mark tried at every character took 0.16 ms on a page's 1,500 characters).
_LINE_MARKUP = re.compile(r"^\s*(?:#+\s|>\s?|(?:[-*+]|\d+\.)\s+)", re.M)


def clean_markup(text: str) -> str:
    """Snippets come from the Markdown the editors and members wrote: drop citation keys and emphasis marks."""
    text = CITATION_LIKE.sub("", text).replace("**", "").replace("__", "").replace("`", "")
    words = " ".join(_LINE_MARKUP.sub("", text).split())
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", words)


def _first_word(lowered: str, words: Sequence[str]) -> int | None:
    """Where the first of `words` (lower case) starts a word of `lowered`, or None."""
    first = None
    for word in words:
        position = lowered.find(word)
        while position > 0 and (lowered[position - 1].isalnum() or lowered[position - 1] == "_"):
            position = lowered.find(word, position + 1)
        if position != -1 and (first is None or position < first):
            first = position
    return first


def highlight_words(text: str, words: Sequence[str], *, length: int = SNIPPET_CHARACTERS) -> SafeString:
    """A stretch of `text` around the first word found, escaped, with every word found in <mark>.

    A word is found where a word of the text starts with it, in any case: "leg" marks "legs", and the stem
    "acupunctur" marks "Acupuncture". Only some three stretches' worth of text around the first one is cleaned of
    markup, so a long page costs what a short post does.
    """
    words = sorted({word.lower() for word in words if word}, key=len, reverse=True)
    first = _first_word(text.lower(), words)
    cut = 0 if first is None or first <= length else text.rfind(" ", 0, first - length) + 1
    cut_after = cut + 3 * length < len(text)
    text = clean_markup(text[cut : cut + 3 * length])
    found = _first_word(text.lower(), words)
    start = 0 if found is None or found < length // 3 else found - length // 3
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + length)
    if end < len(text) and (space := text.rfind(" ", start, end)) > start:
        end = space
    stretch = text[start:end]
    parts, position = [], 0
    if words:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")\w*", re.I)
        for match in pattern.finditer(stretch):
            parts.append(escape(stretch[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(stretch[position:]))
    html = ("… " if cut or start else "") + "".join(parts) + (" …" if cut_after or end < len(text) else "")
    return mark_safe(html)  # every piece of text above is escaped


def one_page(matches: QuerySet, *, offset: int, limit: int, rows: Callable[[list[int]], QuerySet]) -> tuple[list, int]:
    """One page of matches, best first, and the number of all matches, in two queries.

    The first picks the page's ids from narrow rows — the match, the rank and COUNT(*) OVER () for the total,
    without the text or the display joins of thousands of matches; `rows(ids)` then reads those few rows in full
    (their text, snippets, links). With limit=0, only the number, in one COUNT.
    """
    if limit <= 0:
        return [], matches.count()
    page = list(
        matches.annotate(search_total=Window(Count("pk"))).values_list("pk", "search_total")[offset : offset + limit]
    )
    if not page:
        return [], (matches.count() if offset else 0)
    ids = [pk for pk, _total in page]
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(rows(ids), key=lambda row: position[row.pk]), page[0][1]


def joined(lines: Iterable[str], separator: str = ", ") -> str:
    return separator.join(line for line in lines if line)


def loaded(model: type[Model], **values) -> Model:
    """An instance of `model` with these fields alone (attribute names), as .only() would load it: enough for its
    get_absolute_url and properties. Model.from_db leaves the other fields deferred, where the constructor would
    compute every default (a Thread took 100 µs; here 15)."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


# --- Migrations -------------------------------------------------------------------------------------------------------


class PostgresOnlySQL(RunSQL):
    """SQL that only PostgreSQL runs (GIN indexes on search documents, trigram indexes); a no-op elsewhere.

    These indexes are not in the models' Meta: a GinIndex there would be created on SQLite too, where it fails.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class TrigramExtensionOnPostgres(TrigramExtension):
    """`CREATE EXTENSION pg_trgm` on PostgreSQL; Django's operation already skips other databases going forwards,
    this one skips them going backwards too."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

"""One search box over the whole site: apps register search sources; `portal` only runs them.

Besides the registry, this module holds what every source shares, so the rules are written once: how the
visitor's text is cleaned and read, the stored full-text document (`SearchDocument`, a generated column that
PostgreSQL keeps current on every write), the query and ranking expressions, pages of results with the
number of all matches, and highlighting that escapes all the text and adds only our own `<mark>`. On
PostgreSQL sources search full text (weighted, ranked, with `ts_headline` snippets and trigram typo tolerance
for names); on SQLite they fall back to matching every word (`icontains`), which still finds exact words.
"""

from __future__ import annotations

import functools
import operator
import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection
from django.db.migrations import RunSQL
from django.db.models import Count, F, FloatField, Func, Q, QuerySet, Value, Window
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
# The text-search configuration of every document and query: the site is written in English.
CONFIG = "english"
# Typo tolerance (trigrams) is for names, so it is tried only on queries about as short as a name.
FUZZY_MAX_LENGTH = 40
# How close (pg_trgm's word_similarity, 0 to 1) a name must be to the query to be found despite a typo.
FUZZY_THRESHOLD = 0.5
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
    total: int = 0


@dataclass(frozen=True)
class SearchSource:
    key: str
    title: str
    # Called as search(terms, user=..., offset=..., limit=...) -> SearchResults: at most `limit` hits from
    # `offset`, best first, and the number of all matches. With limit=0, only the number. One or two queries.
    search: Callable[..., SearchResults]
    order: int = 100


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


def ts_query(terms: Terms) -> SearchQuery:
    """websearch_to_tsquery: quotes, "or" and "-word" work, and no input is a syntax error (never to_tsquery)."""
    return SearchQuery(terms.text, config=CONFIG, search_type="websearch")


def any_word_query(terms: Terms) -> SearchQuery:
    """Any one of the words (websearch "or"): a cheap, index-served first cut, refined by the real query."""
    return SearchQuery(" or ".join(terms.words), config=CONFIG, search_type="websearch")


def rank(document, terms: Terms) -> SearchRank:
    return SearchRank(document, ts_query(terms))


class WeightFilter(Func):
    """ts_filter(document, '{a}'): only the lexemes of one weight, e.g. the names in a stored document."""

    function = "ts_filter"
    output_field = SearchVectorField()

    def __init__(self, document, weight: str):
        super().__init__(document, Value(f"{{{weight.lower()}}}"))

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template='%(function)s(%(expressions)s::"char"[])')


class WordSimilarity(Func):
    """pg_trgm's word_similarity(query, text): how well the query matches some stretch of the text, 0 to 1."""

    function = "word_similarity"
    output_field = FloatField()

    def __init__(self, terms: Terms, expression):
        super().__init__(Value(terms.text), expression)


def similar_names(terms: Terms, *names: str, indexed: bool = False) -> tuple[Q, Func] | None:
    """Trigram typo tolerance on short name fields, or None when the query is too long or short to be a name.

    Gives a condition to OR into the match and the best similarity, to order by. On a few hundred rows the
    condition is word_similarity(query, name) >= FUZZY_THRESHOLD ("massge" -> "Massage" is 0.57,
    "acupunture" -> "Acupuncture" 0.82). `indexed`, for big tables with a gin_trgm_ops index on the names, uses
    the operator the index serves instead — `name %> query` — whose threshold is pg_trgm.word_similarity_threshold
    (0.6 by default, a little stricter, which also keeps the many names of a big table from matching loosely).
    """
    if not terms.fuzzy:
        return None
    scores = [WordSimilarity(terms, F(name)) for name in names]
    score = scores[0] if len(scores) == 1 else Func(*scores, function="GREATEST", output_field=FloatField())
    if indexed:
        condition = functools.reduce(
            operator.or_, (Q(TrigramWordSimilar(F(name), Value(terms.text))) for name in names)
        )
    else:
        condition = Q(GreaterThanOrEqual(score, FUZZY_THRESHOLD))
    return condition, score


class Highlighter:
    """ts_headline with markers nobody can type (a random token per search), then everything escaped and only
    the markers turned into <mark>: the text of a post or a title can never become markup."""

    def __init__(self) -> None:
        token = secrets.token_hex(8)
        self.start, self.stop = f"~s{token}~", f"~e{token}~"

    def expression(self, text, terms: Terms, *, words: int = 35) -> SearchHeadline:
        return SearchHeadline(
            text,
            ts_query(terms),
            config=CONFIG,
            start_sel=self.start,
            stop_sel=self.stop,
            max_words=words,
            min_words=max(words // 2, 5),
        )

    def render(self, headline: str | None) -> SafeString:
        html = escape(clean_markup(headline or ""))
        return mark_safe(html.replace(self.start, "<mark>").replace(self.stop, "</mark>"))


# --- Words on other databases, and shared helpers ---------------------------------------------------------------------


def every_word_in(terms: Terms, *fields: str) -> Q:
    """Each word in at least one of the fields: the fallback match where there is no full-text search."""
    condition = Q()
    for word in terms.words:
        condition &= functools.reduce(operator.or_, (Q(**{f"{name}__icontains": word}) for name in fields))
    return condition if terms.words else Q(pk__in=[])


# A citation as editors write it: [@key], [@key, p. 3] or [@one; @two].
_CITATION = re.compile(r"\[[^\]\n]*@[^\]\n]*\]|\[@[^\]\s]*")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([.,;:!?])")
# Headings, quotes, and list markers at the start of a line (emphasis and code marks go with str.replace: a
# regular expression of every mark tried at every character took 0.16 ms on a page's 1,500 characters).
_LINE_MARKUP = re.compile(r"^\s*(?:#+\s|>\s?|(?:[-*+]|\d+\.)\s+)", re.M)


def clean_markup(text: str) -> str:
    """Snippets come from the Markdown the editors and members wrote: drop citation keys and emphasis marks."""
    text = _CITATION.sub("", text).replace("**", "").replace("__", "").replace("`", "")
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

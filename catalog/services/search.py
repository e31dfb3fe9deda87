"""Accent- and case-insensitive catalog search through Wagtail's search backend.

Citizens type on phones, mostly without diacritics and often before they finish a word. Procedures keep
accent-folded copies of their text (`search_name`, `search_body`, see `catalog.parsing.fold`); they are
what Wagtail indexes, and the query is folded the same way, so SQLite FTS5, PostgreSQL full text and
OpenSearch all compare plain ASCII words (none of them folds `đ`, and FTS5 keeps letters that carry two
marks, which is why indexing the raw names finds almost nothing typed without accents).

How a query is answered (the number of SQL queries is fixed, whatever the page shows):

1. a procedure code (`1.009994`, or its beginning) → the procedures whose code starts with it;
2. the question goes through `catalog.services.synonyms.analyse`: colloquial terms become the official
   wording editors keep, and context words ("cho con", "bị mất", "ở đâu") stop being required (they still
   rank, at half weight); an age and an editor's hint rank the names' wording for it ("dưới 14 tuổi",
   "nước ngoài") at full weight without requiring it;
3. every remaining word, the last one as a prefix (`xay dun`), through the backend's autocomplete. A name
   typed (no synonym, no context, under QUESTION_TERMS words) whose words some name has all: those
   results, ranked (below);
4. otherwise — a question, or no name with every word — the procedures with every word join the best
   RELAXED_LIMIT of those having any of the question's rarer words that the catalog has somewhere
   (`_closest`; SHORTLIST of them chosen first on their names and aliases, a cheap score), in one ranked
   query; the page keeps that order. When one of those words is in EVERYWHERE_SHARE of the procedures or
   more, that cut chooses among every procedure the index holds, without the full-text match (which would
   keep most of them, each tested at a cost the planner does not see); more than SHORTLIST procedures with
   every word are cut the same way, and those it leaves follow the ranked ones, unscored.

What is indexed besides the name: the procedure's aliases (`search_aliases`: what citizens call it, and
the spelled-out abbreviations of its name), its body, and its components' names, by decreasing boost. The
citizen's own words a synonym replaced stay an alternative match, for procedures whose aliases have them.

Ranking (`search_rank.Ranking`): the name starting with the words, then having them in this order; then a
score in one SQL expression (`search_rank.WeightedRank`): each word weighs by how rare it is among the names
(a word in the name ×3, in the aliases ×2, in the body ×1, in the components ×½), two neighbouring words
together in the name twice their weights again (or twice the pair's own rarity among the names, when more:
"khai tử"), context phrases at half weight, ages' brackets and hints'
wordings in full, words further from the head of the question a little less; each word of the name costs a
little (up to search_rank.LENGTH_CAP words), and so does a re-issue, exchange or end the question does not
ask for (`search_rank.VARIANT_ACTIONS`); a word typed with its marks counts as the name's only where the
name has it with the same marks (`search_rank.typed_accents`: "thuế" is not "thuê"); then the citizen's
level; then the shorter name.

Quality (`SearchResult.quality`, the API's `match`): exact when the first result's name (or its name and
aliases together) holds every word that matters; close when it holds all but one of three or more (unless
the one is the question's rarest and the catalog has it elsewhere), or CLOSE_COVERAGE of the question's
weight (the page says "gần đúng nhất"), or when it holds every word but one typed with its marks only with
others, or when a long name holds every word only scattered over a run more than SCATTER_SPAN times as
long as the question; otherwise a guess, shown under "Có thể bạn muốn tìm", never as an answer.

PostgreSQL (Wagtail's PostgreSQL backend) is the production engine. The calls keep to what Wagtail's
OpenSearch backend accepts too, but no test runs OpenSearch: treat it as untested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import (
    F,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Concat
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from catalog.models import Procedure
from catalog.models.procedures import ALIAS_SEPARATOR
from catalog.parsing.text import fold

from .search_index import index_procedures, reindex_procedures, title_norms_deferred
from .search_rank import (
    MAX_RANK_TERMS,
    Ranking,
    name_pairs,
    names_in,
    typed_accents,
    vocabulary,
)
from .search_sql import AmongIds, NameRank, Position
from .search_words import catalog_size
from .synonyms import analyse, without_function_words

MAX_QUERY_CHARS = 200
# Words the backend matches (the first distinct ones) and words the ranking compares with the name.
MAX_TERMS = 12
MAX_TERM_CHARS = 32
MIN_PREFIX = 3
# From this many words on, a name that lacks one of them (a typo that made another real word) is looked
# at too, unless some name has them all.
NEAR_MIN_TERMS = 3
CODE_RE = re.compile(r"\d\.\d{1,6}(?:\.[0-9A-Za-z]{1,3})*\.?")
# The closest matches kept when no procedure has every word: a page or two, not the whole catalog.
RELAXED_LIMIT = 60
# The candidates of a question scored in full (name, aliases, body, components) after a first cut on the
# name and aliases alone.
SHORTLIST = 80
ANY_WORD_TERMS = 4
# A word that at least this share of the procedures have somewhere in their text ("thanh", "lap", "ho", "dang"):
# matching it keeps most of the catalog, each row tested at some cost, and the cut on names and aliases
# (SHORTLIST) ranks them the same without the match.
EVERYWHERE_SHARE = 0.5
# A word that at most about one name in seven has (search_rank weight 10·ln 7.4): it tells procedures apart.
INFORMATIVE_WEIGHT = 20
# The share of the question's weight the best name must hold for the closest results to be shown as close
# ("gần đúng nhất") rather than as guesses ("Có thể bạn muốn tìm").
CLOSE_COVERAGE = 0.7
# A name holding the question's words only scattered over a run this many times as long is no exact match
# (nor one of at most SCATTER_MIN_WORDS words, however they are ordered).
SCATTER_SPAN = 3
SCATTER_MIN_WORDS = 20
# A query this long is a question even with no context word or synonym in it.
QUESTION_TERMS = 6
# A backend that does not answer with a database query (OpenSearch) hands over at most this many ids.
FOREIGN_LIMIT = 1000
# Matches up to this many are carried as a list of ids rather than searched again by each query of a page.
ID_LIST_LIMIT = 10_000

__all__ = [
    "MAX_QUERY_CHARS",
    "Quality",
    "SearchResult",
    "fold_query",
    "index_procedures",
    "reindex_procedures",
    "search_catalog",
    "search_procedures",
    "title_norms_deferred",
]


class Quality:
    """How well the results answer the question (SearchResult.quality, the API's `match`)."""

    EXACT = "exact"  # some procedure's name has every word that matters
    CLOSE = "close"  # every word in the indexed text, or all but one: shown as the closest
    WEAK = "weak"  # only some words: shown under "Có thể bạn muốn tìm", never as an answer
    NONE = "none"


@dataclass(frozen=True)
class SearchResult:
    """What a search found: the ranked procedures and how well they match.

    `total` is the number of procedures when the search had to count them anyway (a paginator can reuse
    it instead of counting again); None otherwise. `ids` are their ids, in no particular order, when the
    search collected them (up to ID_LIST_LIMIT): a caller counting over the results (a page's facets) reads
    them with `AmongIds` rather than from the search's queries; None when it did not.
    """

    procedures: QuerySet[Procedure]
    exact: bool = True
    total: int | None = None
    # The same procedures, unordered: cheaper to use as a subquery (facet counts) than the ranked ones.
    matches: QuerySet[Procedure] | None = None
    quality: str = Quality.EXACT
    ids: list[int] | None = None

    @property
    def unordered(self) -> QuerySet[Procedure]:
        return self.procedures if self.matches is None else self.matches


def _folded_words(q: str) -> list[str]:
    """Every folded word of a query, in order, within MAX_QUERY_CHARS: what the ranking compares."""
    return fold((q or "")[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS].split()


def _distinct(words: list[str], limit: int = MAX_TERMS) -> list[str]:
    terms: list[str] = []
    for word in words:
        word = word[:MAX_TERM_CHARS]
        if word not in terms:
            terms.append(word)
    return terms[:limit]


def fold_query(q: str) -> list[str]:
    """The distinct folded words the backend matches, bounded: full-text syntax and regex characters
    are only spaces here."""
    return _distinct(_folded_words(q))


def search_procedures(q: str, queryset: QuerySet[Procedure] | None = None) -> QuerySet[Procedure]:
    """Procedures of `queryset` (default: the published ones) matching `q`, best first."""
    return search_catalog(q, queryset).procedures


def search_catalog(
    q: str, queryset: QuerySet[Procedure] | None = None, *, prefer_level: str | None = None
) -> SearchResult:
    """Search `queryset` (default: the published procedures); see the module docstring for the rules.

    `prefer_level` (an `AgencyLevel` code) ranks that level's procedures first among equal names; a level
    named in the question ("ở xã", "cấp tỉnh") does the same."""
    queryset = Procedure.objects.published() if queryset is None else queryset
    raw = (q or "").strip()[:MAX_QUERY_CHARS]
    if CODE_RE.fullmatch(raw):
        # A procedure code (or its beginning), as printed on receipts and in decisions.
        found = queryset.filter(code__startswith=raw.rstrip(".")).order_by("code")
        return SearchResult(found, quality=Quality.EXACT if found.exists() else Quality.NONE)
    words = _folded_words(q)
    if not words:
        return SearchResult(queryset.order_by("code"))
    accents = typed_accents(q[: MAX_QUERY_CHARS * 4])
    asked = without_function_words(analyse(words, name_pair=name_pairs()), accents, words)
    terms = _distinct(asked.required)
    # A procedure's whole name said among other words ("nhà nghỉ … thì thông báo lưu trú thế nào"): that
    # procedure is a candidate and ranks as if an editor's hint named it.
    named = [name for name in names_in(words) if name != " ".join(terms)]
    ranking = Ranking(
        asked.ranked[:MAX_RANK_TERMS],
        prefer_level or asked.level,
        context=asked.context,
        qualifiers=[*asked.qualifiers, *named],
        hints=[*asked.hints, *named][:ANY_WORD_TERMS],
        wordings=asked.wordings,
        complete=asked.complete,
        colloquial=asked.colloquial,
        accents=accents,
    )
    # The official wording a synonym gave, or the citizen's own words where a procedure's aliases have them.
    original = _distinct(asked.original)
    alternatives = [terms, original] if original and original != terms else [terms]
    every_word, total, ids = _collected(queryset, _matching(*alternatives, complete=asked.complete))
    question = (
        asked.replaced or asked.context or asked.qualifiers or asked.level or len(words) > len(asked.required)
    )
    if ids is not None and len(terms) >= NEAR_MIN_TERMS and (question or len(terms) >= QUESTION_TERMS):
        # A question rather than a name: the procedures with every word compete with those that hold the
        # rarer words of it (a word the procedure does not use must not shut out the one that answers).
        return _closest(queryset, terms, ranking, asked.complete, ids, original=original)
    if total != 0:
        in_name = _name_has_every_word(every_word, terms, original)
        if in_name or len(terms) < NEAR_MIN_TERMS:
            total = every_word.count() if total is None else total
            quality = Quality.EXACT if in_name else Quality.CLOSE
            found = ranking.apply(every_word)
            return SearchResult(
                found, exact=in_name, total=total, matches=every_word, quality=quality, ids=ids
            )
    return _closest(queryset, terms, ranking, asked.complete, original=original)


def _collected(
    queryset: QuerySet[Procedure], condition: Q
) -> tuple[QuerySet[Procedure], int | None, list[int] | None]:
    """The matching procedures and how many, by their ids when they are few (the usual case).

    A results page asks the same set five more times (the name check, the count, the page, three
    facets); a short list of ids answers each without running the full-text search again. Past
    ID_LIST_LIMIT the search stays a subquery and the count and the ids are left to the caller (None).
    """
    ids = list(queryset.filter(condition).values_list("pk", flat=True)[: ID_LIST_LIMIT + 1])
    if len(ids) > ID_LIST_LIMIT:
        return queryset.filter(condition), None, None
    return queryset.filter(AmongIds(ids)), len(ids), ids


def _closest(
    queryset: QuerySet[Procedure],
    terms: list[str],
    ranking: Ranking,
    complete: bool,
    also: Iterable[int] = (),
    *,
    original: list[str] = (),
) -> SearchResult:
    """The best RELAXED_LIMIT procedures having any of the words that tell procedures apart (the rarest
    ones, by `search_rank.term_weights`), with the procedures `also` (those having every word), ranked by
    how much of the question they hold. The match is exact when the first name holds every word, close
    when it holds at least CLOSE_COVERAGE of the question's weight (a word mistyped, or one the procedure
    does not use), a guess otherwise."""
    weights = ranking.weights_of(terms)
    distinct = list(dict.fromkeys(terms))
    # A word no procedure has anywhere ("karaoke", "heo", a typo) finds nothing: it must not take the place
    # of one that does among the few words the candidates are chosen by.
    known = vocabulary()
    last = distinct[-1] if distinct and not complete else None
    usable = [w for w in distinct if w in known or w == last] or distinct
    rare = sorted(usable, key=lambda w: -weights[w])
    informative = [w for w in rare if weights[w] >= INFORMATIVE_WEIGHT][:ANY_WORD_TERMS]
    if len(informative) < 2:
        # One rare word may be a typo that no procedure has: the commoner words must be looked for too.
        informative = rare[:ANY_WORD_TERMS]
    also = list(also)

    # An editor's hint names what the question is about in the names' words ("đồ đạc" → "tài sản di chuyển"):
    # the procedures having all of its words are candidates too.
    hinted = [_backend_matches(wording, True) for wording in ranking.hints]

    def best_of(words: list[str], *, everywhere: bool = False) -> list[tuple[int, str]]:
        # A common word brings hundreds of candidates, and the full score reads every text of each: the
        # name and aliases choose a shortlist first (in the same SQL statement, as a subquery).
        if everywhere:
            # The full-text match would keep most procedures, testing each one's vector (the planner does not
            # price that, bench/README.md): the cut on names and aliases chooses among all those the index
            # holds instead (a database backend's entries; none with another backend, matched as below).
            candidates = queryset.filter(index_entries__isnull=False)
        else:
            candidates = queryset.filter(
                reduce(or_, hinted, _backend_matches(" ".join(words), complete, operator="or"))
            )
        condition = Q(pk__in=ranking.shortlist(candidates, SHORTLIST))
        if len(also) > SHORTLIST:
            # Hundreds of procedures with every word ("mất … giấy … báo tử" anywhere in their text): the same
            # cut on name and aliases; those it leaves follow, unscored (the full score would read them all).
            condition |= Q(pk__in=ranking.shortlist(queryset.filter(AmongIds(also)), SHORTLIST))
        elif also:
            condition |= AmongIds(also)
        ranked = ranking.apply(queryset.filter(condition)).values_list(
            "pk", "search_name", "search_aliases", "search_marks"
        )
        return list(ranked[: RELAXED_LIMIT + min(len(also), SHORTLIST)])

    size = catalog_size()
    common = size > 0 and max((known.get(w, 0) for w in informative), default=0) >= EVERYWHERE_SHARE * size
    rows = best_of(informative, everywhere=common)
    if common and (
        not rows or not any(_held(f" {rows[0][1]}{ALIAS_SEPARATOR}{rows[0][2]} ", distinct, complete))
    ):
        # No name or alias of these procedures (a filtered part of the catalog) holds a word of the question:
        # those whose text has the words, as the full-text match finds them.
        rows = best_of(informative)
    if not rows and len(informative) < len(rare):
        rows = best_of(rare)
    if not rows:
        return SearchResult(queryset.none(), exact=False, total=0, quality=Quality.NONE, ids=[])
    ids, (_, best, aliases, best_marks) = [row[0] for row in rows], rows[0]
    scored = set(ids)
    ids += [pk for pk in also if pk not in scored]
    listed = queryset.filter(AmongIds(ids))
    held = _held(f" {best} ", distinct, complete)
    # A word typed with its marks that the name has only with others ("thuế", "Khai tiền thuê đất"): maybe
    # another word, maybe a slip of the finger ("chử ký"); the match is no more than close. (A row written
    # without its marks is not judged on them, as the ranking does not.)
    spelt = f" {best_marks} "
    respelt = bool(best_marks) and any(
        h and w in ranking.accents and f" {ranking.accents[w]} " not in spelt
        for w, h in zip(distinct, held, strict=True)
    )
    # What the first procedure is called, by its name and its aliases together, holding the question (as
    # the synonym put it, or as asked) is as good as its name holding it.
    called = f" {best}{ALIAS_SEPARATOR}{aliases} " if aliases else ""
    if called and any(words and all(_held(called, words, complete)) for words in (distinct, original)):
        held = [True] * len(distinct)
    # Every word held, but scattered over a long name ("tài … khoản … ngân hàng … thuế" among seventy words):
    # the name holds the syllables, not what was asked; no more than close.
    respelt = respelt or _scattered(best.split(), distinct, complete)
    coverage = sum(weights[w] for w, h in zip(distinct, held, strict=True) if h)
    coverage /= sum(weights[w] for w in distinct) or 1
    # One word missing from three or more is a typo or a word the procedure does not use: still close, unless
    # it is the word the question is about.
    if all(held) and not respelt:
        quality = Quality.EXACT
    elif coverage >= CLOSE_COVERAGE or (
        len(distinct) >= NEAR_MIN_TERMS
        and held.count(False) == 1
        and not _lacks_the_rarest(distinct, held, weights, known)
    ):
        quality = Quality.CLOSE
    else:
        quality = Quality.WEAK
    # The ids came ranked: the page keeps their order rather than ranking them all over again.
    ordered = listed.annotate(search_position=Position(ids)).order_by("search_position")
    return SearchResult(
        ordered, exact=quality == Quality.EXACT, total=len(ids), matches=listed, quality=quality, ids=ids
    )


def _lacks_the_rarest(words: list[str], held: list[bool], weights: dict[str, int], known) -> bool:
    """The word the first name lacks is the question's rarest and the catalog has it elsewhere ("lao" of
    "giấy phép lao động … công ty" in "giấy phép hoạt động … nước ngoài"): what tells procedures apart is
    missing. A word no procedure has (`known`: the vocabulary) is a typo ("xay dugn"): still close."""
    rarest = max(weights[w] for w in words)
    return any(not h and w in known and weights[w] == rarest for w, h in zip(words, held, strict=True))


def _scattered(name: list[str], words: list[str], complete: bool) -> bool:
    """Whether the shortest run of the name's words holding every one of `words` is longer than
    SCATTER_SPAN times as many words (and the name than SCATTER_MIN_WORDS): the run found by one pass,
    each word's latest position. A name without them all is not judged (the aliases held the question)."""
    if len(name) <= SCATTER_MIN_WORDS or not words:
        return False
    last = words[-1]
    wanted = set(words)
    seen: dict[str, int] = {}
    shortest = len(name) + 1
    for i, word in enumerate(name):
        if not complete and word != last and word.startswith(last):
            word = last
        if word in wanted:
            seen[word] = i
            if len(seen) == len(wanted):
                shortest = min(shortest, i - min(seen.values()) + 1)
    return len(name) >= shortest > SCATTER_SPAN * len(wanted)


def _held(padded: str, words: list[str], complete: bool) -> list[bool]:
    """Which of `words` the padded text has, whole (the last one begun, unless `complete`)."""
    last = len(words) - 1
    return [(f" {w}" if i == last and not complete else f" {w} ") in padded for i, w in enumerate(words)]


def _matching(*alternatives: list[str], complete: bool = False) -> Q:
    """Procedures whose indexed text has every word of one of the alternatives (the last word as a
    prefix unless `complete`), as the search backend says: one full-text query however many alternatives."""
    texts = []
    for terms in alternatives:
        if not complete and len(terms) > 1 and len(terms[-1]) < MIN_PREFIX:
            # `… de t`: a word just begun matches thousands of words, and a full-text engine reads them
            # all. The words before it choose the procedures; the ranking (the name has the words in
            # order, the last one begun) still puts those it starts first.
            terms = terms[:-1]
        texts.append(" ".join(terms))
    query = texts[0] if len(texts) == 1 else Or([PlainText(text, operator="and") for text in texts])
    try:
        return _backend_matches(query, complete)
    except NotImplementedError:
        # Not a stub: Elasticsearch/OpenSearch backends compile only plain text for autocomplete and raise
        # NotImplementedError on `Or` (the database backends take it). Ask them once per alternative.
        return reduce(or_, (_backend_matches(text, complete) for text in texts))


def _backend_matches(query, complete: bool = False, operator: str = "and") -> Q:
    backend = get_search_backend()
    # A question whose last word is finished (a synonym's wording, or context words typed after it) is
    # matched word for word: `khai tu` must not find every word starting with `tu`.
    find = backend.search if complete else backend.autocomplete
    results = find(query, Procedure.objects.all(), operator=operator, order_by_relevance=False)
    as_queryset = getattr(results, "get_queryset", None)
    if callable(as_queryset):
        # The database backends answer with a query: used as a subquery, the count, the facets and the
        # page stay in SQL with no list of ids going back and forth.
        return Q(pk__in=as_queryset().values("pk"))
    return Q(pk__in=[p.pk for p in results[:FOREIGN_LIMIT]])


def _pieces(words: list[str], *, pairs: bool = True) -> list[str]:
    """Each distinct word, and each pair of neighbouring words, as it appears in a padded name (the last
    word as a prefix: it may be half typed)."""
    words = words[:MAX_RANK_TERMS]
    pieces = []
    for i, word in enumerate(words):
        end = "" if i == len(words) - 1 else " "
        pieces.append(f" {word}{end}")
        if pairs and i:
            pieces.append(f" {words[i - 1]} {word}{end}")
    return list(dict.fromkeys(pieces))


def _name_has_every_word(found: QuerySet[Procedure], terms: list[str], original: list[str] = ()) -> bool:
    """Some procedure's name has every word, or its name and aliases together have them (the official
    wording, or the citizen's own words a synonym replaced): one query."""
    condition = Q()
    called = Concat(F("search_name"), Value(ALIAS_SEPARATOR), F("search_aliases"), output_field=TextField())
    checks = [("search_name", terms), (called, terms), (called, original)]
    for i, (column, words) in enumerate(checks):
        if words:
            pieces = _pieces(list(words), pairs=False)
            found = found.annotate(**{f"search_missing_{i}": NameRank(pieces, column=column)})
            condition |= Q(**{f"search_missing_{i}": -len(pieces)})
    return found.filter(condition).exists()

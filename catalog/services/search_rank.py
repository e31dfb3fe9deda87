"""How much each word of a question counts, and the SQL expression that scores a procedure with it.

A citizen's question mixes words that tell procedures apart ("khai tử", "hộ chiếu", "thai sản") with words
that half the catalog has ("đăng ký", "cấp", "giấy", "thủ tục"). Counting every word alike ranks a long
name that happens to hold many common words above the short one that holds the rare ones. Each word
therefore weighs its inverse document frequency over the procedures' names (`term_weights`), and a
procedure scores (`WeightedRank`) what it holds of the question: a word in its name three times its weight,
in its aliases (what citizens call it) twice, in its body (kind, result, sectors) once, in its components'
names half, two neighbouring words together in its name twice their weights again (the wording, not just the
words), or twice the pair's own rarity among the names when that is more ("khai tử": two common words, a rare
pair). Context phrases ("bị mất", "cho con") count at half weight: they
describe the citizen's situation, and a name that has them fits it better.

A word the citizen typed with its marks ("thuế") counts in the name only where the name has it with
those marks: folded, thuế (tax) and thuê (rent) are one word.

The word frequencies come from `search_words` (counted once per index change, cached); the names it
exports stay importable from here.
"""

from __future__ import annotations

import itertools
import re

from django.db.models import Exists, F, Func, IntegerField, OuterRef, QuerySet
from django.db.models.functions import Length

from catalog.models import Procedure
from catalog.parsing.text import fold, normalize_text

from .search_sql import NameRank
from .search_words import (
    name_pair,
    name_pairs,
    names_in,
    pair_weights,
    short_names,
    term_weights,
    vocabulary,
)

NAME_FACTOR = 3
# What the procedure is called by citizens (its aliases) counts after its name and before its body; its
# components (the papers it asks for) after the body, at half a body's weight.
ALIAS_FACTOR = 2
BODY_FACTOR = 1
PAIR_FACTOR = 2
LENGTH_PENALTY = 6
# A name that lists many cases ("Đăng ký sử dụng, thay đổi, ủy nhiệm … hóa đơn điện tử …", 70 words) is about
# each of them: its length costs no more than this many words'.
LENGTH_CAP = 40
# A word typed with its marks ("thuế") that the name has only with other marks ("thuê"): it counts as a
# word of the body, not of the name (NAME_FACTOR - ACCENT_MISMATCH = BODY_FACTOR).
ACCENT_MISMATCH = NAME_FACTOR - BODY_FACTOR
# What a name does to something already issued (folded): re-issue, exchange, extend, amend, end, withdraw. A name
# doing one the question does not name a word of costs VARIANT_PENALTY (about two words of length).
# Each with the words by which a question asks for it ("mất", "hỏng" ask for a re-issue; "đóng", "giải thể" for an
# end; "bán" for withdrawing a registration).
VARIANT_ACTIONS = {
    "cap doi": {"doi", "het", "hong"},
    "cap lai": {"lai", "mat", "hong", "rach", "chay"},
    "gia han": {"gia", "han", "het"},
    "dieu chinh": {"dieu", "chinh", "sua", "thay", "sai"},
    "sua doi": {"sua", "doi", "thay", "sai"},
    "thu hoi": {"thu", "hoi", "ban"},
    "cham dut": {"cham", "dut", "dong", "giai", "the", "ngung", "nghi", "thoi"},
    "dang ky lai": {"lai"},
    "xoa dang ky": {"xoa", "ban", "chuyen", "cat"},
    "tam ngung": {"tam", "ngung", "nghi", "dung"},
}
VARIANT_PENALTY = 12
# Words the ranking compares with the name (the first ones of the question).
MAX_RANK_TERMS = 24
# Each word after the first weighs this much less, down to HEAD_FLOOR of its weight (Ranking).
HEAD_DECAY = 0.05
HEAD_FLOOR = 0.5
# A synonym's wording weighs at most this many times its rarest word (Ranking).
WORDING_CAP = 3

__all__ = [
    "MAX_RANK_TERMS",
    "WORD_RE",
    "Ranking",
    "WeightedRank",
    "name_pair",
    "name_pairs",
    "names_in",
    "pair_weights",
    "short_names",
    "term_weights",
    "typed_accents",
    "vocabulary",
]


# Syllables whose tone mark is written on either vowel (hòa / hoà, thúy / thuý): both spellings are correct,
# so a name spelt the other way must not count as a different word.
TONE_PLACEMENT_VARIANTS = ("oa", "oe", "uy")
WORD_RE = re.compile(r"\w+")


def typed_accents(q: str) -> dict[str, str]:
    """Folded word → the form typed with its marks, for the words of `q` typed with marks ("thuế"): without
    them "thue" is thuế (tax) and thuê (rent) alike; with them the citizen said which."""
    typed: dict[str, str] = {}
    for word in WORD_RE.findall(normalize_text(q).lower()):
        folded = fold(word)
        if folded == word or not folded.isalpha() or any(v in folded for v in TONE_PLACEMENT_VARIANTS):
            continue
        # The same folded word typed two ways is no indication.
        typed[folded] = word if typed.get(folded, word) == word else ""
    return {folded: word for folded, word in typed.items() if word}


class WeightedRank(Func):
    """The score of a procedure against the question, higher first, in one SQL expression.

    `words` must all be weighed in `weights`; `context` phrases count at half weight, in the name only.
    Names and bodies are padded with a space at each end so " word " is a whole word and " wor" a word
    begun (the last word unless `complete`), with a plain substring search.
    """

    output_field = IntegerField()

    def __init__(
        self,
        words: list[str],
        weights: dict[str, int],
        *,
        context: list[str] = (),
        qualifiers: list[str] = (),
        complete: bool = True,
        name_only: bool = False,
        length_penalty: int = LENGTH_PENALTY,
        colloquial: list[str] = (),
        light: bool = False,
        accents: dict[str, str] | None = None,
        asked: frozenset[str] = frozenset(),
        pairs: dict[str, int] | None = None,
    ) -> None:
        """`light`: the name and the aliases only (short texts), to shortlist many candidates cheaply.
        `pairs`: neighbouring pairs of `words` → their own weight (`pair_weights`), when rarer than their words.
        `accents`: folded word → the form the citizen typed with its marks ("thue" → "thuế"), for the words
        typed with marks: the name must have that form for the word to count as the name's."""
        self.length_penalty = length_penalty
        self.light = light
        super().__init__(
            F("search_name"), F("search_aliases"), F("search_body"), F("search_components"), F("search_marks")
        )
        # (folded piece, the typed form padded, weight taken off when the name has the piece but not the form)
        self.accents: list[tuple[str, str, int]] = []
        typed = {} if name_only or light else (accents or {})
        for i, word in enumerate(words):
            if not complete and i == len(words) - 1:
                break
            if word in typed:
                self._accented(f" {word} ", typed[word], ACCENT_MISMATCH * weights[word])
            before = words[i - 1] if i else None
            if before in typed and word in typed:
                pair = PAIR_FACTOR * (weights[before] + weights[word])
                self._accented(f" {before} {word} ", f"{typed[before]} {typed[word]}", pair)
        # (piece, weight in the name, in the aliases, in the body, in the components)
        self.terms: list[tuple[str, int, int, int, int]] = []
        for i, word in enumerate(words):
            end = "" if i == len(words) - 1 and not complete else " "
            w = weights[word]
            self.terms.append(
                (
                    f" {word}{end}",
                    NAME_FACTOR * w,
                    0 if name_only else ALIAS_FACTOR * w,
                    0 if name_only or light else BODY_FACTOR * w,
                    0 if name_only or light else (w + 1) // 2,
                )
            )
            if i:
                before = words[i - 1]
                pair = PAIR_FACTOR * max(
                    weights[before] + weights[word], (pairs or {}).get(f"{before} {word}", 0)
                )
                self.terms.append((f" {before} {word}{end}", pair, 0 if name_only else pair, 0, 0))
        for phrase in context:
            weight = sum(weights.get(w, 1) for w in phrase.split()) // 2
            self.terms.append((f" {phrase} ", NAME_FACTOR * weight, 0, 0, 0))
        # Pieces longer than a pair that the shortlist (`light`) reads all the same.
        self.phrases = set()
        for phrase in qualifiers:
            # An age's bracket ("dưới 14 tuổi"), a hint's wording ("nước ngoài"): what the citizen said, in the
            # names' words, at full weight.
            weight = sum(weights.get(w, 1) for w in phrase.split())
            self.terms.append((f" {phrase} ", NAME_FACTOR * weight, 0, 0, 0))
            self.phrases.add(f" {phrase} ")
        for phrase in colloquial:
            # The citizen's own word for it ("so do", replaced by the official wording for the match): a
            # procedure whose editors gave it that alias is what was asked for, as if its name had it.
            weight = sum(weights.get(w, 1) for w in phrase.split())
            self.terms.append((f" {phrase} ", 0, NAME_FACTOR * weight, 0, 0))
        # One piece, one CASE per column: a word repeated in the question counts once.
        self.terms = list({t[0]: t for t in self.terms}.values())
        # A name that re-issues, extends or ends something the question says nothing of ("Cấp đổi …", "Gia hạn
        # …" for "mở khách sạn cần giấy chứng nhận …"): the first issue is what a citizen asks for by default.
        self.variants = [
            f" {phrase} "
            for phrase, asking in VARIANT_ACTIONS.items()
            if asked and not light and not asking & asked
        ]

    def _accented(self, piece: str, typed: str, weight: int) -> None:
        self.accents.append((piece, f" {typed} ", weight))

    def _accents_sql(self, find: str, name: tuple[str, list], marks: tuple[str, list], padding: str):
        """Minus ACCENT_MISMATCH × weight for each word the folded name has but the name itself does not have
        as typed: "đóng thuế đất" is not "thuê đất". The name's words with their marks are stored lowered
        (`search_marks`), so this is two substring searches per word. A row written without them (a bulk
        write that left the column empty) is compared on the folded name alone, as before marks counted."""
        (folded, folded_params), (column, marked_params) = name, marks
        marked, sql, params = padding.format(column), [], []
        for piece, typed, weight in self.accents:
            sql.append(
                f"- CASE WHEN {find}({folded}, %s) > 0 AND {find}({marked}, %s) = 0 THEN {int(weight)} ELSE 0 END"
            )
            params += [*folded_params, piece, *marked_params, typed]
        return f"CASE WHEN {column} = '' THEN 0 ELSE (0 {' '.join(sql)}) END", [*marked_params, *params]

    def _light_sql(self, find: str, padded: list[tuple[str, list]], raw_aliases: tuple[str, list]):
        """Single words in the name, and the aliases only where a procedure has some: a few string searches
        per candidate, for hundreds of candidates."""
        (name, name_params), (aliases, alias_params) = padded[0], padded[1]
        in_name, in_aliases, params, alias_sql_params = [], [], [], []
        for piece, weight_name, weight_alias, *_ in self.terms:
            if weight_name and (piece.count(" ") <= 2 or piece in self.phrases):
                in_name.append(f"CASE WHEN {find}({name}, %s) > 0 THEN {int(weight_name)} ELSE 0 END")
                params += [*name_params, piece]
            if weight_alias:
                in_aliases.append(f"CASE WHEN {find}({aliases}, %s) > 0 THEN {int(weight_alias)} ELSE 0 END")
                alias_sql_params += [*alias_params, piece]
        sql = " + ".join(in_name or ["0"])
        if in_aliases:
            # Most procedures have no alias: one comparison instead of a search per word.
            sql += f" + CASE WHEN {raw_aliases[0]} = '' THEN 0 ELSE {' + '.join(in_aliases)} END"
            params += [*raw_aliases[1], *alias_sql_params]
        return f"({sql})", params

    def as_sql(self, compiler, connection, **extra_context):
        columns = [compiler.compile(expression) for expression in self.source_expressions]
        marks = columns.pop()
        name, name_params = columns[0]
        find = "STRPOS" if connection.vendor == "postgresql" else "INSTR"
        padding = "CONCAT(' ', {}, ' ')" if connection.vendor == "mysql" else "(' ' || {} || ' ')"
        padded = [(padding.format(sql), params) for sql, params in columns]
        if self.light:
            return self._light_sql(find, padded, columns[1])
        sql, params = [], []
        for piece, *by_column in self.terms:
            for weight, (column, column_params) in zip(by_column, padded, strict=True):
                if not weight:
                    continue
                # The weights are integers computed here, written in the SQL: a parameter's type would be
                # left for the database to guess.
                sql.append(f"CASE WHEN {find}({column}, %s) > 0 THEN {int(weight)} ELSE 0 END")
                params += [*column_params, piece]
        if self.accents:
            sql_accents, accent_params = self._accents_sql(find, padded[0], marks, padding)
            sql.append(sql_accents)
            params += accent_params
        for piece in self.variants:
            sql.append(f"- CASE WHEN {find}({padded[0][0]}, %s) > 0 THEN {VARIANT_PENALTY} ELSE 0 END")
            params += [*padded[0][1], piece]
        least = "LEAST" if connection.vendor == "postgresql" else "MIN"
        if self.length_penalty:
            # Each word of the name costs a little: of two names holding the same words, the one that says
            # little else is about them (a long name holding many common words is not).
            sql.append(
                f"- {int(self.length_penalty)} * {least}(LENGTH({name}) - LENGTH(REPLACE({name}, ' ', '')) + 1, {LENGTH_CAP})"
            )
            params += [*name_params, *name_params]
        return "(" + " + ".join(sql or ["0"]) + ")", params


class Ranking:
    """Name matches before the rest: the name starting with the words, then having them in this order;
    then the score of what the procedure holds of the question, each word weighed by how rare it is among
    the names (`WeightedRank`: name, then neighbouring pairs, then body; context phrases at
    half weight); then the citizen's level; shorter, more specific names first."""

    def __init__(
        self,
        words: list[str],
        level: str | None = None,
        *,
        context: list[str] = (),
        qualifiers: list[str] = (),
        hints: list[str] = (),
        wordings: list[str] = (),
        complete: bool = True,
        colloquial: list[str] = (),
        accents: dict[str, str] | None = None,
    ) -> None:
        self.words = words
        self.qualifiers = list(qualifiers)[:MAX_RANK_TERMS]
        self.hints = list(hints)
        self.accents = accents or {}
        self.colloquial = list(colloquial)[:MAX_RANK_TERMS]
        self.level = level
        self.context = list(context)[:MAX_RANK_TERMS]
        self.complete = complete
        phrased = [
            w for phrase in [*self.context, *self.qualifiers, *self.colloquial] for w in phrase.split()
        ]
        # Every word the question holds, context and qualifiers included (VARIANT_ACTIONS).
        self.asked = frozenset([*words, *phrased])
        self.weights = term_weights(list(dict.fromkeys([*words, *phrased])), last_is_prefix=not complete)
        # Two common words that are rare side by side ("khai tử": "khai" is in every tax return, "tử" everywhere)
        # name one thing: the pair weighs at least as its own rarity among the names. Not inside a synonym's
        # wording, whose weight WORDING_CAP bounds ("giấy chứng nhận quyền sử dụng đất" for "sổ đỏ").
        self.pairs = pair_weights(words)
        for wording in wordings:
            for before, word in itertools.pairwise(wording.split()):
                self.pairs.pop(f"{before} {word}", None)
        # Vietnamese puts what is asked first ("khai tử cho người nước ngoài chết ở Việt Nam"): the words
        # after it qualify it, and weigh a little less the further they stand.
        for i, word in enumerate(dict.fromkeys(words)):
            self.weights[word] = max(1, round(self.weights[word] * max(HEAD_FLOOR, 1 - HEAD_DECAY * i)))
        # The candidates are chosen on the words' own weights (`weights_of`); the cap below only ranks them.
        self.choosing = dict(self.weights)
        for wording in wordings:
            # A synonym's official wording is one thing the citizen named in a word or two ("mở cửa hàng" →
            # "đăng ký thành lập hộ kinh doanh"): its seven words must not outweigh the rest of the question
            # ("bán thuốc thú y").
            parts = [w for w in dict.fromkeys(wording.split()) if w in self.weights]
            total = sum(self.weights[w] for w in parts)
            cap = WORDING_CAP * max((self.weights[w] for w in parts), default=0)
            if total > cap:
                for w in parts:
                    self.weights[w] = max(1, round(self.weights[w] * cap / total))

    def weights_of(self, words: list[str]) -> dict[str, int]:
        missing = [w for w in words if w not in self.choosing]
        return {**self.choosing, **(term_weights(missing) if missing else {})}

    def weighted(self, *, light: bool = False) -> WeightedRank:
        """The question's weighted rank (`light`: name and aliases only, for the shortlist)."""
        return WeightedRank(
            self.words,
            self.weights,
            context=self.context,
            qualifiers=self.qualifiers,
            complete=self.complete,
            colloquial=self.colloquial,
            light=light,
            accents=self.accents,
            asked=self.asked,
            pairs=self.pairs,
        )

    def shortlist(self, found: QuerySet[Procedure], limit: int) -> QuerySet[Procedure]:
        """The ids of the `limit` procedures whose name and aliases hold most of the question."""
        return (
            found.annotate(search_light=self.weighted(light=True))
            .order_by("-search_light", "pk")
            .values("pk")[:limit]
        )

    def apply(self, found: QuerySet[Procedure]) -> QuerySet[Procedure]:
        found = found.annotate(
            search_rank=NameRank([], phrase=f" {' '.join(self.words)}"),
            search_score=self.weighted(),
        )
        order = ["search_rank", "-search_score"]
        if self.level:
            links = Procedure.levels.through.objects.filter(
                procedure=OuterRef("pk"), agencylevel__code=self.level
            )
            found = found.annotate(search_level=Exists(links))
            order.append("-search_level")
        return found.order_by(*order, Length("search_name"), "code")

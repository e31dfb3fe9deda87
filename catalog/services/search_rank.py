"""How much each word of a question counts, and the SQL expression that scores a procedure with it.

A citizen's question mixes words that tell procedures apart ("khai tử", "hộ chiếu", "thai sản") with words
that half the catalog has ("đăng ký", "cấp", "giấy", "thủ tục"). Counting every word alike ranks a long
name that happens to hold many common words above the short one that holds the rare ones. Each word
therefore weighs its inverse document frequency over the procedures' names (`term_weights`), and a
procedure scores (`WeightedRank`) what it holds of the question: a word in its name three times its weight,
in its body (kind, result, sectors) once, two neighbouring words together in its name twice their weights
again (the wording, not just the words). Context phrases ("bị mất", "cho con") count at half weight: they
describe the citizen's situation, and a name that has them fits it better.

The table of word frequencies is built once from the names (one pass over `search_name`) and cached until
the search index changes (`catalog.models.procedures.update_search_index` deletes it): no search scans the
catalog.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

from django.core.cache import cache
from django.db.models import F, Func, IntegerField

from catalog.models import Procedure
from catalog.models.procedures import SEARCH_DF_CACHE_KEY

NAME_FACTOR = 3
BODY_FACTOR = 1
PAIR_FACTOR = 2
SCALE = 10
LENGTH_PENALTY = 6
CACHE_SECONDS = 3600

__all__ = ["WeightedRank", "pair_weights", "term_weights"]


def _frequencies() -> tuple[int, dict[str, int]]:
    """How many published names there are, and how many have each word and each pair of neighbouring words
    ("khai tu"; pairs only when two names or more have them: a pair missing from the table is as rare as
    can be)."""
    table = cache.get(SEARCH_DF_CACHE_KEY)
    if table is None:
        counts: Counter[str] = Counter()
        total = 0
        for name in Procedure.objects.published().values_list("search_name", flat=True).iterator(2000):
            total += 1
            words = name.split()
            counts.update({*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))})
        table = (total, {key: n for key, n in counts.items() if n > 1 or " " not in key})
        cache.set(SEARCH_DF_CACHE_KEY, table, CACHE_SECONDS)
    return table


def _weight(total: int, count: int) -> int:
    return max(1, round(SCALE * math.log((total + 1) / (max(count, 1) + 0.5))))


def term_weights(words: list[str], *, last_is_prefix: bool = False) -> dict[str, int]:
    """Each word's weight: SCALE × ln(N / df) over the published names, at least 1. A word no name has
    weighs as a word only one name has (it may still be in bodies, or be a typo). The last word, when it
    may be half typed, weighs as the most frequent word it begins."""
    total, df = _frequencies()
    weights = {}
    for i, word in enumerate(words):
        count = df.get(word, 0)
        if last_is_prefix and i == len(words) - 1 and not count:
            count = max((n for w, n in df.items() if w.startswith(word)), default=0)
        weights[word] = _weight(total, count)
    return weights


def pair_weights(words: list[str]) -> dict[str, int]:
    """Each pair of neighbouring words' weight, from how many names have the pair: "khai tu" is rare though
    "tu" (tử, tư, tự) is everywhere."""
    total, df = _frequencies()
    pairs = (f"{a} {b}" for a, b in itertools.pairwise(words))
    return {pair: _weight(total, df.get(pair, 1)) for pair in pairs}


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
        pairs: dict[str, int] | None = None,
        context: list[str] = (),
        complete: bool = True,
        name_only: bool = False,
        length_penalty: int = LENGTH_PENALTY,
    ) -> None:
        self.length_penalty = length_penalty
        super().__init__(F("search_name"), F("search_body"))
        self.terms: list[tuple[str, int, int]] = []  # (piece, weight in the name, weight in the body)
        for i, word in enumerate(words):
            end = "" if i == len(words) - 1 and not complete else " "
            self.terms.append(
                (
                    f" {word}{end}",
                    NAME_FACTOR * weights[word],
                    0 if name_only else BODY_FACTOR * weights[word],
                )
            )
            if i:
                before = words[i - 1]
                self.terms.append(
                    (f" {before} {word}{end}", PAIR_FACTOR * (weights[before] + weights[word]), 0)
                )
        for phrase in context:
            weight = sum(weights.get(w, 1) for w in phrase.split()) // 2
            self.terms.append((f" {phrase} ", NAME_FACTOR * weight, 0))
        # One piece, one CASE: a word repeated in the question counts once.
        self.terms = list({piece: (piece, n, b) for piece, n, b in self.terms}.values())

    def as_sql(self, compiler, connection, **extra_context):
        name, name_params = compiler.compile(self.source_expressions[0])
        body, body_params = compiler.compile(self.source_expressions[1])
        find = "STRPOS" if connection.vendor == "postgresql" else "INSTR"
        if connection.vendor == "mysql":
            padded_name, padded_body = f"CONCAT(' ', {name}, ' ')", f"CONCAT(' ', {body}, ' ')"
        else:
            padded_name, padded_body = f"(' ' || {name} || ' ')", f"(' ' || {body} || ' ')"
        sql, params = [], []
        for piece, in_name, in_body in self.terms:
            # The weights are integers computed here, written in the SQL: a parameter's type would be left
            # for the database to guess.
            sql.append(f"CASE WHEN {find}({padded_name}, %s) > 0 THEN {int(in_name)} ELSE 0 END")
            params += [*name_params, piece]
            if in_body:
                sql.append(f"CASE WHEN {find}({padded_body}, %s) > 0 THEN {int(in_body)} ELSE 0 END")
                params += [*body_params, piece]
        if self.length_penalty:
            # Each word of the name costs a little: of two names holding the same words, the one that says
            # little else is about them (a long name holding many common words is not).
            sql.append(
                f"- {int(self.length_penalty)} * (LENGTH({name}) - LENGTH(REPLACE({name}, ' ', '')) + 1)"
            )
            params += [*name_params, *name_params]
        return "(" + " + ".join(sql or ["0"]) + ")", params

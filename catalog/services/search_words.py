"""The catalog's words, counted once: how many published names have each word and each pair of
neighbouring words, the vocabulary of the whole indexed text, and the short names whole; and each word's
weight from them (`term_weights`, `pair_weights`).

The tables are built in one pass over the procedures and cached until the search index changes
(`catalog.models.procedures.update_search_index` deletes them): no search scans the catalog.
"""

from __future__ import annotations

import itertools
import math
import uuid
from collections import Counter
from collections.abc import Callable

from django.core.cache import cache

from catalog.models import Procedure
from catalog.models.procedures import SEARCH_DF_CACHE_KEY

SCALE = 10
CACHE_SECONDS = 3600
# Two words side by side in this many names are a phrase of the catalog ("can cuoc", "nha o"): a word of a
# question's context that forms one with its neighbour names what is asked (synonyms.analyse).
NAME_PAIR_MIN = 3
NAME_PAIR_COHESION = 0.3
# A procedure's whole name said in a question (`names_in`): names of three to five words ("đăng ký khai
# sinh"); two ("đăng ký", "cấp lại") are what every name says.
SHORT_NAME_WORDS = (3, 5)
NOT_THE_PROCEDURE = frozenset({"chua", "khong", "ko", "giay", "ban"})

__all__ = [
    "catalog_size",
    "name_pair",
    "name_pairs",
    "names_in",
    "pair_weights",
    "short_names",
    "term_weights",
    "vocabulary",
]


# This process's copy of the tables and the version it was read at.
_local: tuple[str | None, tuple] = (None, ())


def _tables() -> tuple[int, dict[str, int], dict[str, int], frozenset[str]]:
    """How many published names there are, how many have each word and each pair of neighbouring words
    ("khai tu"; pairs only when two names or more have them: a pair missing from the table is as rare as
    can be), how many procedures have each word anywhere in their indexed text (name, aliases, body,
    components): the catalog's vocabulary, and the short names whole (`short_names`)."""
    global _local
    # The shared cache holds the version of the tables and the tables under it: a search reads the version (a
    # few bytes) and unpickles the tables only when they changed, not four times per search.
    version = cache.get(SEARCH_DF_CACHE_KEY)
    if version is not None and _local[0] == version:
        return _local[1]
    table = cache.get(f"{SEARCH_DF_CACHE_KEY}:{version}") if version is not None else None
    if table is None or len(table) != 4:  # (or cached by a version that kept three tables)
        counts: Counter[str] = Counter()
        short: set[str] = set()
        anywhere: Counter[str] = Counter()
        total = 0
        texts = Procedure.objects.published().values_list(
            "search_name", "search_aliases", "search_body", "search_components"
        )
        for name, *others in texts.iterator(2000):
            total += 1
            words = name.split()
            counts.update({*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))})
            anywhere.update({*words, *(w for text in others for w in text.split())})
            called = words[2:] if words[:2] == ["thu", "tuc"] else words
            if SHORT_NAME_WORDS[0] <= len(called) <= SHORT_NAME_WORDS[1]:
                short.add(" ".join(called))
        pairs = {key: n for key, n in counts.items() if n > 1 or " " not in key}
        table = (total, pairs, dict(anywhere), frozenset(short))
        version = uuid.uuid4().hex
        cache.set(f"{SEARCH_DF_CACHE_KEY}:{version}", table, CACHE_SECONDS)
        # Deleting SEARCH_DF_CACHE_KEY (a change to the index) makes every process count again.
        cache.set(SEARCH_DF_CACHE_KEY, version, CACHE_SECONDS)
    _local = (version, table)
    return table


def _frequencies() -> tuple[int, dict[str, int]]:
    total, df, *_ = _tables()
    return total, df


def catalog_size() -> int:
    """How many procedures are published (cached with the tables)."""
    return _tables()[0]


def vocabulary() -> dict[str, int]:
    """Each word of the catalog's indexed text → how many published procedures have it (cached)."""
    return _tables()[2]


def short_names() -> frozenset[str]:
    """The published names of SHORT_NAME_WORDS words, folded, without a leading "thủ tục" ("thong bao luu
    tru", "dang ky khai sinh") (cached)."""
    return _tables()[3]


def names_in(words: list[str]) -> list[str]:
    """The short names the question says whole, longest first, none overlapping: "… thì thông báo lưu trú
    thế nào" names "Thông báo lưu trú"."""
    names, found, i = short_names(), [], 0
    while i < len(words):
        # "chưa đăng ký kết hôn" says what was not done; "giấy đăng ký kết hôn" is the paper it gave.
        said = not i or words[i - 1] not in NOT_THE_PROCEDURE
        longest = min(SHORT_NAME_WORDS[1], len(words) - i)
        n = next(
            (n for n in range(longest, SHORT_NAME_WORDS[0] - 1, -1) if " ".join(words[i : i + n]) in names), 0
        )
        if said and n:
            found.append(" ".join(words[i : i + n]))
        i += n if said and n else 1
    return found


def name_pairs() -> Callable[[str], bool]:
    """Whether two words ("can cuoc") make a phrase of the names: at least NAME_PAIR_MIN names have them side
    by side, and at least NAME_PAIR_COHESION of the names having the rarer of the two ("can cuoc": 27 of the 29
    names with "cuoc"; not "lam con", 5 of 38). The tables are read once, for every pair a search asks about."""
    df = _frequencies()[1]

    def is_phrase(pair: str) -> bool:
        count = df.get(pair, 0)
        if count < NAME_PAIR_MIN:
            return False
        first, second = pair.split(" ", 1)
        return count >= NAME_PAIR_COHESION * min(df.get(first, 0), df.get(second, 0))

    return is_phrase


def name_pair(pair: str) -> bool:
    """`name_pairs()` for one pair."""
    return name_pairs()(pair)


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

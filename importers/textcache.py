"""Cheap repeats of the catalog's pure text functions, for tables of tens of thousands of rows.

A catalog appendix repeats the same processing times, fees, agencies and sectors on thousands of rows, so
`memo()` remembers a pure function's answers by argument. Names are all different, so `fast_fold()` folds
them character by character: each step of `catalog.parsing.fold` (NFKD, case fold, marks dropped, đ → d,
non-alphanumerics → spaces) acts on one character at a time, so folding a string is folding each character
and joining the words. tests/importers/test_textcache.py checks that against `fold` itself on arbitrary
Unicode, so a change to `fold` that breaks the equivalence fails there.

Why a second folding: `ProcedureResource` folds every written procedure's name and search body. On the
20,000 procedures of bench/import that is 1.6 s with `fold` against 0.25 s with `fast_fold`, while the
whole cold import takes about 7 s. The table would serve `fold` itself as well (the catalog's own writes and
queries fold too); until the catalog adopts it, this copy stays, kept honest by the equivalence test.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["fast_fold", "memo"]

T = TypeVar("T")
_MEMO_LIMIT = 100_000


def _fold_char(char: str) -> str:
    """`fold`'s steps on one character, keeping the word breaks it makes (``㉃`` → ``" 至 "``)."""
    text = char
    for _ in range(5):
        step = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
        step = "".join(c for c in step if not unicodedata.combining(c)).replace("đ", "d")
        step = "".join(c if c.isalnum() else " " for c in step)
        if step == text:
            break
        text = step
    return text


class _CharTable(dict):
    """ord(char) → what `fold` makes of that char; filled on first sight (str.translate calls __missing__)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_TABLE = _CharTable()


def fast_fold(value: str | None) -> str:
    """Same result as `catalog.parsing.fold(value)`, several times faster on long, unrepeated text."""
    if not value:
        return ""
    return " ".join(str(value).translate(_TABLE).split())


def memo(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """`function` remembered by its (hashable) argument, up to a bound, for the life of the returned callable."""
    return functools.lru_cache(maxsize=_MEMO_LIMIT)(function)

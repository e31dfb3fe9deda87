"""Cheap repeats of the catalog's pure text functions, for tables of tens of thousands of rows.

A catalog appendix repeats the same processing times, fees, agencies and sectors on thousands of rows, so
`memo()` remembers a pure function's answers by argument.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["memo"]

T = TypeVar("T")
_MEMO_LIMIT = 100_000


def memo(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """`function` remembered by its (hashable) argument, up to a bound, for the life of the returned callable."""
    return functools.lru_cache(maxsize=_MEMO_LIMIT)(function)

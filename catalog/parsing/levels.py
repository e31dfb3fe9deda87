"""Administrative levels ("cấp thực hiện") of a procedure.

The exports write them as ``Cấp xã``, ``Cấp Xã`` or a list ``Cấp bộ, Cấp tỉnh, Cấp xã`` (BQP adds
``Cơ quan khác``). :func:`parse_levels` turns any of those into stable keys.
"""

from __future__ import annotations

import re
from typing import Literal

from .text import fold

__all__ = ["LEVEL_KEYS", "LevelKey", "parse_levels"]

LevelKey = Literal["ministry", "province", "district", "commune", "other"]

#: Keys in the order of the administrative hierarchy, top first.
LEVEL_KEYS: tuple[LevelKey, ...] = ("ministry", "province", "district", "commune", "other")

# Folded phrase → key. Matched as whole words after the optional "cap" prefix is removed, so both
# "Cấp tỉnh" and "UBND tỉnh" style values land on the same key.
_PHRASES: dict[str, LevelKey] = {
    "bo": "ministry",
    "trung uong": "ministry",
    "nganh": "ministry",
    "tinh": "province",
    "thanh pho truc thuoc trung uong": "province",
    "huyen": "district",
    "quan": "district",
    "thi xa": "district",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
    "co quan khac": "other",
    "khac": "other",
}
# Words too common inside other phrases ("cơ quan", "liên ngành") to be searched for; exact match only.
_EXACT_ONLY = frozenset({"quan", "nganh", "khac"})
_SPLIT_RE = re.compile(r"[,;/\n]|\s+(?:và|hoặc|va|hoac)\s+", re.IGNORECASE)


def _level_of(part: str) -> LevelKey | None:
    folded = fold(part)
    if not folded:
        return None
    folded = folded.removeprefix("cap ").strip()
    if folded in _PHRASES:
        return _PHRASES[folded]
    # Longer phrases first, so "thi xa" (town → district) wins over "xa" (commune).
    for phrase in sorted(_PHRASES.keys() - _EXACT_ONLY, key=len, reverse=True):
        if re.search(rf"\b{phrase}\b", folded):
            return _PHRASES[phrase]
    return None


def parse_levels(text: str | None) -> list[LevelKey]:
    """Return the level keys named in *text*, without duplicates, in hierarchy order.

    ``"Cấp bộ, Cấp tỉnh, Cấp xã"`` → ``["ministry", "province", "commune"]``; unknown parts are ignored.
    """
    found = {key for part in _SPLIT_RE.split(text or "") if (key := _level_of(part))}
    return [key for key in LEVEL_KEYS if key in found]

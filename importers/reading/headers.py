"""Header detection: which rows of which sheet are the table's header, and which column is which key.

A header is one to three rows (Word-born tables merge a group title over sub-columns:
``Tổng số TTHC đưa vào Trung tâm | Tổng số``). Each column's header text is the distinct texts of its
rows joined; it is folded (see :func:`~importers.reading.values.fold`) and scored against every
synonym of every key:

* equal: 4; starts with the synonym: 2 + coverage; contains it as whole words: 1 + coverage, where
  coverage is the share of the header the synonym explains, so the most specific column wins;
* a multi-row header is also scored on its last (own) row only, so a sub-column is found under a
  shared group title;
* one-word synonyms (``Tên``, ``Mã``, ``TT``) count only when equal, to avoid ``Tên`` matching
  ``Tên cơ quan``.

Keys and columns are then paired greedily, best score first, each used once. Among candidate blocks
the best total wins; ties go to the shorter block and then to the higher row.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from .profiles_spec import ProfileSpec
from .sheets import Sheet
from .values import CellValue, column_letter, fold

__all__ = ["ColumnMatch", "HeaderMatch", "best_header", "is_number_row", "new_synonyms", "repeated_header"]

MAX_HEADER_SCAN_ROWS = 50
MAX_HEADER_ROWS = 3
MAX_COLUMNS = 60


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    key: str
    index: int  # 0-based column index
    letter: str  # Excel column letter
    header: str  # header text as written, rows joined with " | "
    score: float


@dataclass(slots=True)
class HeaderMatch:
    sheet: Sheet
    rows: tuple[int, ...]  # 1-based worksheet rows of the header
    columns: dict[str, ColumnMatch]
    score: float
    missing: list[str] = field(default_factory=list)  # required keys not found

    @property
    def complete(self) -> bool:
        return not self.missing


_fold = functools.lru_cache(maxsize=8192)(fold)


def _text(value: CellValue) -> str:
    return "" if value is None else str(value)


class _Synonyms:
    """The profile's synonyms folded once, with a memo of scores per header text."""

    def __init__(self, profile: ProfileSpec) -> None:
        self.keys = [
            (key, [(folded, folded.count(" ") + 1) for folded in map(_fold, spec.synonyms) if folded])
            for key, spec in profile.columns.items()
        ]
        self._memo: dict[tuple[str, str], list[tuple[str, float]]] = {}

    def scores(self, full: str, leaf: str) -> list[tuple[str, float]]:
        memo_key = (full, leaf)
        cached = self._memo.get(memo_key)
        if cached is not None:
            return cached
        texts = (full,) if leaf == full else (full, leaf)
        result = []
        for key, synonyms in self.keys:
            best = 0.0
            for synonym, words in synonyms:
                for text in texts:
                    best = max(best, _score(text, synonym, words))
            if best:
                result.append((key, best))
        self._memo[memo_key] = result
        return result


def _score(text: str, synonym: str, words: int) -> float:
    if text == synonym:
        return 4.0
    if words < 2 or len(synonym) >= len(text):
        return 0.0
    coverage = len(synonym) / len(text)
    if text.startswith(synonym + " "):
        return 2.0 + coverage
    if f" {synonym} " in f" {text} ":
        return 1.0 + coverage
    return 0.0


def _block_headers(sheet: Sheet, first: int, height: int) -> dict[int, tuple[str, str, str]]:
    """Column index → (display text, folded full text, folded own-row text) for one header block."""
    width = min(max((len(sheet.row(first + k)) for k in range(height)), default=0), MAX_COLUMNS)
    result = {}
    for col in range(width):
        parts: list[str] = []
        for k in range(height):
            text = _text(sheet.value(first + k, col)).strip()
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        if parts:
            folded = [_fold(part) for part in parts]
            result[col] = (" | ".join(parts), " ".join(folded), folded[-1])
    return result


def _assign(
    synonyms: _Synonyms, headers: dict[int, tuple[str, str, str]]
) -> tuple[dict[str, ColumnMatch], float]:
    candidates = []
    for col, (_display, full, leaf) in headers.items():
        for key, score in synonyms.scores(full, leaf):
            candidates.append((score, -col, key, col))
    candidates.sort(reverse=True)
    columns: dict[str, ColumnMatch] = {}
    used: set[int] = set()
    total = 0.0
    for score, _neg, key, col in candidates:
        if key in columns or col in used:
            continue
        columns[key] = ColumnMatch(key, col, column_letter(col), headers[col][0], score)
        used.add(col)
        total += score
    return columns, total


def _row_is_blank_or_title(row: tuple[CellValue, ...]) -> bool:
    return len({value for value in row if value is not None}) <= 1


def best_header(sheet: Sheet, profile: ProfileSpec, synonyms: _Synonyms | None = None) -> HeaderMatch | None:
    """The best header block of ``sheet`` for ``profile``; None when nothing matches two keys."""
    synonyms = synonyms or _Synonyms(profile)
    required = set(profile.required_keys)
    best: HeaderMatch | None = None
    best_rank: tuple[float, ...] = ()
    last = min(sheet.height, MAX_HEADER_SCAN_ROWS)
    for first in range(1, last + 1):
        if _row_is_blank_or_title(sheet.row(first)):
            # A header starts with several different cells; a title (even merged wide) never does.
            continue
        for height in range(1, MAX_HEADER_ROWS + 1):
            if first + height - 1 > sheet.height:
                break
            headers = _block_headers(sheet, first, height)
            if len(headers) < 2:
                continue
            columns, total = _assign(synonyms, headers)
            if len(columns) < 2:
                continue
            missing = [key for key in profile.required_keys if key not in columns]
            found_required = len(required) - len(missing)
            rank = (float(not missing), float(found_required), total, -height, -first)
            if rank > best_rank:
                best_rank = rank
                best = HeaderMatch(
                    sheet=sheet,
                    rows=tuple(range(first, first + height)),
                    columns=columns,
                    score=total,
                    missing=missing,
                )
    return best


def new_synonyms(profile: ProfileSpec) -> _Synonyms:
    return _Synonyms(profile)


def repeated_header(
    sheet: Sheet, number: int, profile: ProfileSpec, synonyms: _Synonyms
) -> dict[str, ColumnMatch] | None:
    """The columns of row ``number`` when it is a header of ``profile`` again, else None.

    Signed decision appendices give each part (new / amended / abolished) its own header row, and the parts'
    columns differ (part III has "Tên VBQPPL quy định việc bãi bỏ" where part I has "Căn cứ pháp lý"), so
    the rows after such a header are read with its own columns. A header names every required key and
    at least two keys exactly (a data row never does: its cells are values, not column names).
    """
    headers = _block_headers(sheet, number, 1)
    if len(headers) < 2:
        return None
    columns, _total = _assign(synonyms, headers)
    if any(key not in columns for key in profile.required_keys):
        return None
    if sum(1 for match in columns.values() if match.score >= 4.0) < 2:
        return None
    return columns


_NUMBER_TOKEN = re.compile(r"^[\(\[]?\d{1,3}[\)\]]?(?:\s*[=+\-*/x]\s*[\(\[]?\d{1,3}[\)\]]?)*$")
_FIRST_INT = re.compile(r"\d{1,3}")


def is_number_row(row: tuple[CellValue, ...]) -> bool:
    """A row of column numbers under a header: ``1 2 3 …``, ``(1) (2) …`` or ``(5)=(6)+(7)``."""
    numbers: list[int] = []
    for value in row:
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            numbers.append(value)
        elif isinstance(value, str) and _NUMBER_TOKEN.match(value):
            numbers.append(int(_FIRST_INT.search(value).group()))  # type: ignore[union-attr]
        else:
            return False
    return len(numbers) >= 2 and all(a < b for a, b in itertools.pairwise(numbers))

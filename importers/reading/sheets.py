"""Sheets as grids of normalised values, read with python-calamine (xlsx, xls, ods) or from CSV.

A :class:`Sheet` keeps worksheet coordinates: ``sheet.row(n)`` is worksheet row ``n`` (1-based) and
index ``j`` of that tuple is column ``j`` (0 = ``A``), so every later message can name the real cell.
Merged areas are filled with their top-left value (calamine gives it only there), and
:meth:`Sheet.merge_anchor` tells a filled copy from a typed value.

Memory stays bounded by the cells that hold values: trailing empty cells are dropped from each row,
and runs of empty rows are kept as a counter until a non-empty row follows, so a sheet with a million
formatted empty rows ends where its data ends. The declared ``<dimension>`` is never consulted:
calamine places the cells it actually finds.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import python_calamine as calamine

from .values import MAX_EXACT_FLOAT_INT, CellValue, column_index, column_letter, normalize_text

__all__ = ["EMPTY_ROW", "MergedRange", "Sheet", "Workbook", "build_sheet", "load_calamine"]

EMPTY_ROW: tuple[CellValue, ...] = ()


@dataclass(frozen=True, slots=True)
class MergedRange:
    """A merged area; rows are 1-based worksheet rows, columns 0-based indexes, bounds inclusive."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    @property
    def ref(self) -> str:
        return (
            f"{column_letter(self.first_col)}{self.first_row}:{column_letter(self.last_col)}{self.last_row}"
        )


@dataclass(slots=True)
class Sheet:
    name: str
    #: ``rows[i]`` is worksheet row ``i + 1``; trailing empty cells are trimmed (ragged rows).
    rows: list[tuple[CellValue, ...]]
    merged: tuple[MergedRange, ...] = ()
    #: Formula cells that had no cached value and so read as empty (e.g. ``"D25"``).
    uncached_formulas: tuple[str, ...] = ()
    hidden: bool = False
    _anchors: dict[int, list[tuple[int, int, int, int]]] = field(default_factory=dict, repr=False)
    _uncached: frozenset[tuple[int, int]] = field(default=frozenset(), repr=False)

    @property
    def height(self) -> int:
        """Number of the last worksheet row holding a value (0 for an empty sheet)."""
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def row(self, number: int) -> tuple[CellValue, ...]:
        """Worksheet row ``number`` (1-based); an empty tuple past the end."""
        return self.rows[number - 1] if 0 < number <= len(self.rows) else EMPTY_ROW

    def value(self, number: int, col: int) -> CellValue:
        row = self.row(number)
        return row[col] if col < len(row) else None

    def merge_anchor(self, number: int, col: int) -> tuple[int, int] | None:
        """(row, col) of the merged area's top-left cell when this cell is a filled copy, else None."""
        for first_col, last_col, anchor_row, anchor_col in self._anchors.get(number, ()):
            if first_col <= col <= last_col and (number, col) != (anchor_row, anchor_col):
                return anchor_row, anchor_col
        return None

    def is_uncached_formula(self, number: int, col: int) -> bool:
        return (number, col) in self._uncached

    def iter_rows(self, start: int = 1) -> Iterator[tuple[int, tuple[CellValue, ...]]]:
        """(worksheet row number, values) from ``start`` on."""
        for index in range(max(start, 1) - 1, len(self.rows)):
            yield index + 1, self.rows[index]


@dataclass(slots=True)
class Workbook:
    filename: str
    kind: str  # "xlsx", "xls", "ods" or "csv"
    sheets: list[Sheet]
    #: Vietnamese warnings for the import report (formulas without cached values, …).
    warnings: list[str] = field(default_factory=list)


_CACHE_LIMIT = 50_000
_CACHED_LENGTH = 80


def _normalize_row(raw: Iterable[object], cache: dict[str, str | None]) -> tuple[CellValue, ...]:
    """Normalise one row; inlined type dispatch because this runs once per cell of every file.

    Short texts repeat down a column (agency, field, level), so their normal form is cached.
    """
    out: list[CellValue] = []
    append = out.append
    for value in raw:
        kind = type(value)
        if kind is str:
            if not value:
                append(None)
                continue
            text = cache.get(value)  # type: ignore[arg-type]
            if text is None:
                text = normalize_text(value)  # type: ignore[arg-type]
                if len(value) <= _CACHED_LENGTH and len(cache) < _CACHE_LIMIT:  # type: ignore[arg-type]
                    cache[value] = text  # type: ignore[index]
            append(text)
        elif kind is float:
            append(int(value) if value.is_integer() and abs(value) < MAX_EXACT_FLOAT_INT else value)  # type: ignore[union-attr]
        elif value is None:
            append(None)
        else:
            append(value)  # type: ignore[arg-type]
    while out and out[-1] is None:
        out.pop()
    return tuple(out)


def build_sheet(
    name: str,
    raw_rows: Iterable[Iterable[object]],
    *,
    col_offset: int = 0,
    merged: Iterable[MergedRange] = (),
    uncached_formulas: Iterable[str] = (),
    hidden: bool = False,
) -> Sheet:
    """Normalise rows (row 1 first), trim empty tails, fill merged areas."""
    rows: list[tuple[CellValue, ...]] = []
    pending_empty = 0
    pad = (None,) * col_offset
    cache: dict[str, str | None] = {}
    for raw in raw_rows:
        row = _normalize_row(raw, cache)
        if not row:
            pending_empty += 1
            continue
        if pending_empty:
            rows.extend([EMPTY_ROW] * pending_empty)
            pending_empty = 0
        rows.append(pad + row if col_offset else row)
    sheet = Sheet(name=name, rows=rows, hidden=hidden)
    _apply_merges(sheet, tuple(merged))
    refs = tuple(uncached_formulas)
    if refs:
        cells = set()
        for ref in refs:
            letters = ref.rstrip("0123456789")
            cells.add((int(ref[len(letters) :]), column_index(letters)))
        sheet.uncached_formulas = refs
        sheet._uncached = frozenset(cells)
    return sheet


def _apply_merges(sheet: Sheet, merged: tuple[MergedRange, ...]) -> None:
    sheet.merged = merged
    if not merged:
        return
    width = sheet.width
    rows = sheet.rows
    for area in merged:
        if area.first_row > len(rows) or area.first_col >= width:
            continue  # entirely below or right of the data: nothing to fill or report
        last_row = min(area.last_row, len(rows))
        last_col = min(area.last_col, width - 1)
        value = sheet.value(area.first_row, area.first_col)
        for number in range(area.first_row, last_row + 1):
            sheet._anchors.setdefault(number, []).append(
                (area.first_col, last_col, area.first_row, area.first_col)
            )
            if value is None:
                continue
            cells = list(rows[number - 1])
            if len(cells) <= last_col:
                cells.extend([None] * (last_col + 1 - len(cells)))
            for col in range(area.first_col, last_col + 1):
                if cells[col] is None:
                    cells[col] = value
            rows[number - 1] = tuple(cells)


def load_calamine(
    data: bytes,
    kind: str,
    *,
    uncached: dict[str, list[str]] | None = None,
    merges: dict[str, list[MergedRange]] | None = None,
) -> list[Sheet]:
    """Read every worksheet of an xlsx/xls/ods file held in memory.

    ``merges`` supplies merged areas for formats where calamine does not expose them (ods).
    """
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: list[Sheet] = []
    try:
        for index, meta in enumerate(book.sheets_metadata):
            if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                continue  # chart and macro sheets hold no table
            raw = book.get_sheet_by_index(index)
            start = raw.start
            if merges is not None and meta.name in merges:
                areas = merges[meta.name]
            else:
                areas = [
                    MergedRange(r0 + 1, c0, r1 + 1, c1)
                    for (r0, c0), (r1, c1) in (raw.merged_cell_ranges or ())
                ]
            # calamine's iter_rows yields rows from worksheet row 1 but columns from the first used
            # column (pinned by tests/reading/test_sheets.py::test_data_starting_at_c3_keeps_coordinates).
            sheets.append(
                build_sheet(
                    meta.name,
                    raw.iter_rows() if start is not None else (),
                    col_offset=start[1] if start is not None else 0,
                    merged=areas,
                    uncached_formulas=(uncached or {}).get(meta.name, ()),
                    hidden=meta.visible != calamine.SheetVisibleEnum.Visible,
                )
            )
    finally:
        book.close()
    return sheets

"""Pre-parse scan of an OpenDocument spreadsheet's ``content.xml``.

calamine reads ODS values but not its merged areas (``merged_cell_ranges`` is None for ODS), and ODS
compresses repetition into attributes (``number-rows-repeated="1048000"``): one value cell repeated
over a million rows and 16,384 columns is a few bytes of XML but a huge grid. This streaming pass
collects the merged areas and the extent of value cells per table, and refuses oversized tables
before calamine expands them.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from defusedxml.ElementTree import iterparse

from .containers import Limits
from .errors import UnreadableFile
from .sheets import MergedRange
from .values import column_letter

__all__ = ["OdsScan", "scan_ods"]

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_T = f"{{{_TABLE}}}"
_TAG_TABLE = _T + "table"
_TAG_ROW = _T + "table-row"
_TAG_CELLS = (_T + "table-cell", _T + "covered-table-cell")
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"


@dataclass(slots=True)
class OdsScan:
    merges: dict[str, list[MergedRange]] = field(default_factory=dict)
    uncached: dict[str, list[str]] = field(default_factory=dict)


def _int(value: str | None) -> int:
    """A repeat or span attribute: 1 when absent, malformed or below 1."""
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


def scan_ods(archive: zipfile.ZipFile, limits: Limits) -> OdsScan:
    """Merged areas and formulas without a cached value, per table; refuse an oversized table."""
    scan = OdsScan()
    name = ""
    row = 0  # 1-based number of the current row
    rows_repeat = 1
    col = 0
    max_row = max_col = 0
    with archive.open("content.xml") as handle:
        for event, element in iterparse(handle, events=("start", "end"), forbid_dtd=True):
            tag = element.tag
            if event == "start":
                if tag == _TAG_TABLE:
                    name, row, max_row, max_col = element.get(_T + "name", ""), 0, 0, 0
                    scan.merges[name] = []
                elif tag == _TAG_ROW:
                    row += 1
                    rows_repeat = _int(element.get(_T + "number-rows-repeated"))
                    col = 0
                elif tag in _TAG_CELLS:
                    repeat = _int(element.get(_T + "number-columns-repeated"))
                    span_cols = _int(element.get(_T + "number-columns-spanned"))
                    span_rows = _int(element.get(_T + "number-rows-spanned"))
                    if span_cols > 1 or span_rows > 1:
                        scan.merges[name].append(
                            MergedRange(row, col, row + span_rows - 1, col + span_cols - 1)
                        )
                    if element.get(_VALUE_TYPE) is not None:
                        max_row = max(max_row, row + rows_repeat - 1)
                        max_col = max(max_col, col + repeat)
                        if max_row * max_col > limits.max_cells:
                            raise UnreadableFile(
                                "too_many_cells",
                                f"Trang tính “{name}” quá lớn, vượt giới hạn số ô cho phép.",
                            )
                    elif element.get(_T + "formula") is not None:
                        scan.uncached.setdefault(name, []).append(f"{column_letter(col)}{row}")
                    col += repeat
            else:
                if tag == _TAG_ROW:
                    row += rows_repeat - 1
                    element.clear()
                elif tag == _TAG_TABLE:
                    element.clear()
    return scan

"""Inspection of zip-based workbooks (``.xlsx``, ``.ods``) before any parser sees them.

Reading order matters: the central directory is checked first (entry count, declared sizes and
compression ratios: a zip bomb is refused without inflating anything), then every XML part is
inflated as a stream, counting the real bytes and looking for ``<!DOCTYPE``/``<!ENTITY`` (entity
expansion and external entities are refused outright, a workbook never needs them). The same pass
collects, from each worksheet, the cells a parser would allocate (calamine builds a dense grid from
the first to the last cell holding a value, so one value in ``XFD1048576`` would ask for 17 billion
cells: 512 GB) and the formula cells that carry no cached value.

A worksheet is whatever part the workbook's relationships point a ``<sheet>`` at, whatever its name:
calamine follows the relationship, so a sheet renamed ``sheet1.bin`` is still parsed as XML and must be
scanned like one (issue 11). Any other part that looks like a worksheet is scanned too. Both extents are
refused above the limit: the declared one (``<dimension ref>``) and the real one (the last row and
column seen, counting cells written without an ``r`` attribute by their position).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from defusedxml import ElementTree as SafeET

from .errors import MSG_MACRO, MSG_NOT_SPREADSHEET, MSG_PASSWORD, UnreadableFile
from .values import column_index

__all__ = ["Limits", "SheetScan", "ZipInspection", "inspect_zip"]

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for one uploaded file; the defaults fit a 2-core, shared web worker."""

    max_bytes: int = 20 * _MIB
    max_entries: int = 2_000
    max_total_uncompressed: int = 300 * _MIB
    #: A sheet's XML compresses 10-15x (50x for rows of empty styled cells); deflate's ceiling is ~1000x.
    max_ratio: float = 150.0
    #: Small parts may compress better than the ratio harmlessly; only parts above this are checked.
    ratio_floor: int = 2 * _MIB
    #: Cells between the first and the last value of one sheet (rows x columns).
    max_cells: int = 10_000_000


@dataclass(slots=True)
class SheetScan:
    """What the pre-parse scan learnt about one worksheet part."""

    max_row: int = 0  # 1-based, 0 when no cell holds a value
    max_col: int = 0
    uncached_formulas: list[str] = field(default_factory=list)  # cell references, e.g. "D12"
    #: The ``<dimension ref>`` extent (rows, columns), (0, 0) when absent.
    declared: tuple[int, int] = (0, 0)
    #: Position of the last row and cell seen, for cells and rows written without ``r``.
    row: int = 0
    col: int = 0


@dataclass(slots=True)
class ZipInspection:
    kind: str  # "xlsx" or "ods"
    #: xlsx: scan of each worksheet by sheet name (filled in workbook order).
    sheets: dict[str, SheetScan] = field(default_factory=dict)


_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# A cell start tag (any namespace prefix) that is not self-closing and is followed by a value,
# inline string or formula: that is a cell calamine will place in its grid.
_VALUE_CELL = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*(?<!/)>\s*<(?:\w+:)?(?:v|is|f)\b'
)
# A formula whose cached value is missing or empty: ``<c r="D5"><f>SUM(D1:D4)</f></c>`` or ``<v/>``.
_UNCACHED_FORMULA = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*(?<!/)>\s*'
    rb"<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
# Positions for rows and cells written without an ``r`` attribute (the format allows it: they follow the
# previous one). Counted only when a chunk has such a tag; Excel and openpyxl always write ``r``.
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ANY_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_REF_ATTR = re.compile(rb'\br="([A-Z]{0,3})([0-9]{0,7})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,7})"')
_CELL_WITH_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="')
_TOKEN = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*?)(/?)>(\s*<(?:\w+:)?(?:v|is|f)\b)?")
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Za-z]{0,3})([0-9]{0,7})(?::([A-Za-z]{1,3})([0-9]{1,7}))?"'
)
# The first bytes of a part that make it a worksheet even when no relationship names it so.
_WORKSHEET_HEAD = re.compile(rb"<(?:\w+:)?(?:worksheet|sheetData|dialogsheet)\b")
_CHUNK = 1 * _MIB
_MAX_CARRY = 8 * _MIB
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_MSG_UNPACKED_TOO_BIG = "Dữ liệu sau khi giải nén vượt quá giới hạn cho phép."


def _check_directory(archive: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise UnreadableFile(
            "zip_bomb", f"Tệp nén chứa quá nhiều thành phần ({len(infos)}), không được chấp nhận."
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise UnreadableFile(
                "zip_bomb", "Tệp có thành phần nén bất thường (tỉ lệ nén quá cao), nghi là tệp độc hại."
            )
    if total > limits.max_total_uncompressed:
        raise UnreadableFile("zip_bomb", _MSG_UNPACKED_TOO_BIG)
    packed = sum(info.compress_size for info in infos)
    if total > limits.ratio_floor and total / max(packed, 1) > limits.max_ratio:
        raise UnreadableFile("zip_bomb", "Tệp có tỉ lệ nén bất thường (quá cao), nghi là tệp độc hại.")
    return infos


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> Iterator[bytes]:
    """Inflate one entry chunk by chunk, charging the real size against the archive's budget."""
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise UnreadableFile("zip_bomb", _MSG_UNPACKED_TOO_BIG)
            yield chunk


def _check_entities(head: bytes, name: str) -> None:
    if _DOCTYPE.search(head):
        raise UnreadableFile(
            "xml_entities",
            f"Tệp chứa khai báo DOCTYPE/ENTITY trong phần {name}, không được chấp nhận vì lý do an toàn.",
        )


def _scan_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], sheet: SheetScan | None
) -> None:
    tail = pending = b""
    first = True
    for chunk in _stream(archive, info, budget):
        # The previous chunk's tail is rescanned so that a marker split between two chunks is seen.
        _check_entities(tail + chunk, info.filename)
        tail = chunk[-16:]
        if sheet is None:
            continue
        if first:
            # <dimension> comes before <sheetData> (ECMA-376 §18.3.1.99), so in the first chunk.
            sheet.declared, first = _declared(chunk[:65536]), False
        buffer = pending + chunk
        # Cut after a row's end tag so that a cell is never split between two scans.
        cut = buffer.rfind(b"row>")
        end = cut + 4 if cut >= 0 else (buffer.rfind(b">") + 1 if len(buffer) > _MAX_CARRY else 0)
        if end <= 0:
            pending = buffer
            continue
        _scan_cells(buffer[:end], sheet)
        pending = buffer[end:]
    if sheet is not None:
        _scan_cells(pending, sheet)


def _scan_cells(text: bytes, sheet: SheetScan) -> None:
    if b"<" not in text:
        return
    if len(_CELL_WITH_REF.findall(text)) != len(_ANY_CELL.findall(text)) or len(
        _ROW_REF.findall(text)
    ) != len(_ANY_ROW.findall(text)):
        _scan_positions(text, sheet)
    else:
        # findall returns plain tuples from C: far cheaper than a Match object per cell.
        found = _VALUE_CELL.findall(text)
        if found:
            rows = {row for _col, row in found}
            cols = {col for col, _row in found}
            sheet.max_row = max(sheet.max_row, max(map(int, rows)))
            sheet.max_col = max(sheet.max_col, max(column_index(c.decode()) + 1 for c in cols))
        last_row = _ROW_REF.findall(text)
        if last_row:
            sheet.row, sheet.col = int(last_row[-1]), 0
    if b"<f" in text or b":f" in text:
        sheet.uncached_formulas.extend(ref.decode() for ref in _UNCACHED_FORMULA.findall(text))


def _scan_positions(text: bytes, sheet: SheetScan) -> None:
    """The slow path, for a chunk where some row or cell has no ``r``: follow positions tag by tag."""
    for tag, attrs, closed, value in _TOKEN.findall(text):
        ref = _REF_ATTR.search(attrs)
        if tag == b"row":
            sheet.row = int(ref.group(2)) if ref and ref.group(2) else sheet.row + 1
            sheet.col = 0
            continue
        if ref and ref.group(1):
            sheet.col = column_index(ref.group(1).decode()) + 1
            if ref.group(2):
                sheet.row = int(ref.group(2))
        else:
            sheet.col += 1
        if not closed and value:
            sheet.max_row = max(sheet.max_row, sheet.row)
            sheet.max_col = max(sheet.max_col, sheet.col)


def _declared(head: bytes) -> tuple[int, int]:
    """(rows, columns) of the ``<dimension ref>``, as a parser sizing its grid from it would take them."""
    found = _DIMENSION.search(head)
    if not found:
        return 0, 0
    first_col, first_row, last_col, last_row = found.groups()
    if last_col is None:  # a single cell, e.g. "A1"
        last_col, last_row = first_col, first_row
    try:
        rows = int(last_row) - int(first_row or b"1") + 1
        cols = (
            column_index(last_col.decode().upper()) - column_index((first_col or b"A").decode().upper()) + 1
        )
    except ValueError:
        return 0, 0
    return max(rows, 0), max(cols, 0)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part path → sheet name, from xl/workbook.xml and its relationships."""
    try:
        workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
        rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets = {}
    for rel in rels.iter():
        if _local(rel.tag) == "Relationship" and rel.get("Target"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            targets[rel.get("Id")] = path
    parts = {}
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        if rid in targets:
            parts[targets[rid]] = sheet.get("name", "")
    return parts


def inspect_zip(archive: zipfile.ZipFile, limits: Limits) -> ZipInspection:
    """Check a zip workbook without parsing it; raise :class:`UnreadableFile` on anything suspicious."""
    infos = _check_directory(archive, limits)
    names = {info.filename for info in infos}
    lower = {name.lower() for name in names}
    if any(name.endswith("vbaproject.bin") for name in lower) or any(
        name.startswith(("basic/", "scripts/")) for name in lower
    ):
        raise UnreadableFile("macro", MSG_MACRO)
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].strip()
        if mimetype != b"application/vnd.oasis.opendocument.spreadsheet":
            raise UnreadableFile("not_spreadsheet", MSG_NOT_SPREADSHEET)
        manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
        if b"encryption-data" in manifest:
            raise UnreadableFile("password", MSG_PASSWORD)
        kind = "ods"
    elif "xl/workbook.xml" in names:
        content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if b"macroEnabled" in content_types:
            raise UnreadableFile("macro", MSG_MACRO)
        kind = "xlsx"
    elif "xl/workbook.bin" in names:
        raise UnreadableFile("xlsb", "Định dạng .xlsb chưa được hỗ trợ; hãy lưu lại tệp dưới dạng .xlsx.")
    else:
        raise UnreadableFile("not_spreadsheet", MSG_NOT_SPREADSHEET)

    inspection = ZipInspection(kind=kind)
    # The workbook parts are small; read them only after the directory passed its checks.
    budget = [limits.max_total_uncompressed]
    first = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
    for info in infos:
        if info.filename in first:
            _scan_part(archive, info, budget, None)
    parts = _sheet_parts(archive) if kind == "xlsx" else {}
    by_name = {name.lower().replace("\\", "/"): name for name in names}
    for part, sheet_name in parts.items():
        if part.lower() not in by_name:
            # calamine would fail on it anyway; refusing here keeps "scanned" and "parsed" the same parts.
            raise UnreadableFile(
                "corrupt", f"Trang tính “{sheet_name}” trỏ tới thành phần không có trong tệp ({part})."
            )
    sheet_parts = {by_name[part.lower()]: sheet_name for part, sheet_name in parts.items()}
    for info in infos:
        if info.is_dir() or info.filename in first:
            continue
        sheet_name = sheet_parts.get(info.filename)
        if sheet_name is None and kind == "xlsx" and _looks_like_worksheet(archive, info):
            sheet_name = info.filename  # not in the workbook's list, but a parser could still be led to it
        if sheet_name is None and not info.filename.lower().endswith(_XML_SUFFIXES):
            continue
        scan = SheetScan() if sheet_name is not None else None
        _scan_part(archive, info, budget, scan)
        if scan is not None and sheet_name is not None:
            _check_extent(scan, sheet_name, limits)
            inspection.sheets[sheet_name] = scan
    return inspection


def _looks_like_worksheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    if info.filename.lower().endswith((".rels", ".vml")) or info.filename.startswith(
        ("xl/media/", "docProps/")
    ):
        return False
    with archive.open(info) as handle:
        head = handle.read(4096)
    return bool(_WORKSHEET_HEAD.search(head))


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Vietnamese groups thousands with dots


def _check_extent(scan: SheetScan, sheet_name: str, limits: Limits) -> None:
    """Refuse a sheet whose declared or real extent would make a parser allocate too many cells."""
    rows, cols = scan.declared
    if rows * cols > limits.max_cells:
        raise UnreadableFile(
            "too_many_cells",
            f"Trang tính “{sheet_name}” khai báo vùng dữ liệu quá lớn ({_n(rows)} dòng × {_n(cols)} cột), "
            "vượt giới hạn cho phép; hãy chép phần bảng cần nhập sang một tệp mới rồi lưu lại.",
        )
    if scan.max_row * scan.max_col > limits.max_cells:
        raise UnreadableFile(
            "too_many_cells",
            f"Trang tính “{sheet_name}” quá lớn ({_n(scan.max_row)} dòng × {_n(scan.max_col)} cột), "
            "vượt giới hạn cho phép.",
        )

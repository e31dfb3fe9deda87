"""Open an uploaded workbook safely: every check runs before a parser sees the content.

Order: size (before reading more than ``max_bytes + 1`` bytes) → real type by content (magic bytes;
the file name is only used to decide whether plain text may be read as CSV) → container checks
(macro, password, zip bomb, DOCTYPE/ENTITY, oversized grids) → parsing with calamine → empty check.

Decision on text named ``.xlsx``/``.xls``/``.ods``: refused (``not_spreadsheet``), with a specific
message for the common HTML table saved as ``.xls`` by web systems. Text is read as CSV only when the
name says ``.csv``/``.tsv``/``.txt`` (or has no extension): a renamed file is far more often a mistake
than a CSV worth guessing at. A real workbook named ``.csv`` is read as the workbook it is.

Formulas are never evaluated: calamine returns cached values, and a formula cell without one reads as
empty and is listed in :attr:`Sheet.uncached_formulas` and in the workbook's warnings.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

import python_calamine as calamine

from . import ole
from .containers import Limits, inspect_zip
from .csvread import decode_text, read_delimited
from .errors import MSG_MACRO, MSG_NOT_SPREADSHEET, MSG_PASSWORD, UnreadableFile
from .ods import scan_ods
from .sheets import Workbook, build_sheet, load_calamine

__all__ = ["UnreadableFile", "detect_kind", "open_workbook"]

_MIB = 1024 * 1024
_TEXT_EXTENSIONS = {"", ".csv", ".tsv", ".txt"}
_MSG_CORRUPT = "Tệp bảng tính bị hỏng hoặc không đầy đủ (có thể tải lên bị gián đoạn); hãy mở và lưu lại tệp."
_MSG_EMPTY = "Tệp không có dữ liệu (bảng tính trống)."


def _size_message(max_bytes: int) -> str:
    return f"Tệp vượt quá dung lượng cho phép ({max_bytes / _MIB:g} MB)."


def _read_bytes(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO, max_bytes: int
) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.stat().st_size > max_bytes:
            raise UnreadableFile("too_large", _size_message(max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    else:
        # An upload stream (Django's UploadedFile): never read more than one byte past the limit.
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableFile("too_large", _size_message(max_bytes))
    if not data:
        raise UnreadableFile("empty", _MSG_EMPTY)
    return data


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13, 12))
    return controls <= len(head) // 100


def detect_kind(data: bytes, filename: str = "") -> str:
    """Real type by content: ``xlsx``/``ods`` (zip), ``xls`` (OLE2), ``csv`` (text) — or refuse."""
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"PK\x05\x06"):
        raise UnreadableFile("empty", _MSG_EMPTY)
    if data.startswith(ole.OLE_MAGIC):
        return "ole"
    head = data[:4096]
    if not _looks_like_text(head):
        raise UnreadableFile("not_spreadsheet", MSG_NOT_SPREADSHEET)
    lowered = decode_text(head).lstrip().lower()
    if lowered.startswith(("<html", "<!doctype html", "<table", "<meta")) or "<table" in lowered[:1000]:
        raise UnreadableFile(
            "html_disguised",
            "Tệp là trang HTML được đặt đuôi bảng tính, không phải tệp Excel; "
            "hãy mở bằng Excel rồi lưu lại dưới dạng .xlsx.",
        )
    if lowered.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        raise UnreadableFile(
            "xml_spreadsheet",
            "Định dạng XML Spreadsheet 2003 chưa được hỗ trợ; hãy lưu lại tệp dưới dạng .xlsx.",
        )
    if Path(filename).suffix.lower() not in _TEXT_EXTENSIONS:
        raise UnreadableFile(
            "not_spreadsheet", MSG_NOT_SPREADSHEET + " Nội dung tệp là văn bản thuần, không phải Excel."
        )
    return "csv"


def _check_ole(data: bytes) -> None:
    try:
        names = {name.lower() for name in ole.stream_names(data)}
    except (ole.OleError, ValueError, IndexError) as exc:
        raise UnreadableFile("corrupt", _MSG_CORRUPT) from exc
    if "encryptedpackage" in names or "encryptioninfo" in names:
        raise UnreadableFile("password", MSG_PASSWORD)
    if "_vba_project_cur" in names or "vba" in names:
        raise UnreadableFile("macro", MSG_MACRO)
    if not names & {"workbook", "book"}:
        raise UnreadableFile("not_spreadsheet", MSG_NOT_SPREADSHEET)


def _empty_check(workbook: Workbook) -> Workbook:
    if not any(sheet.rows for sheet in workbook.sheets):
        raise UnreadableFile("empty", _MSG_EMPTY)
    for sheet in workbook.sheets:
        if sheet.uncached_formulas:
            shown = ", ".join(sheet.uncached_formulas[:10])
            more = (
                f" và {len(sheet.uncached_formulas) - 10} ô khác" if len(sheet.uncached_formulas) > 10 else ""
            )
            workbook.warnings.append(
                f"Trang “{sheet.name}”: ô công thức chưa có giá trị tính sẵn nên được đọc là trống: {shown}{more}. "
                "Hãy mở tệp bằng Excel, để Excel tính lại rồi lưu lại."
            )
    return workbook


def open_workbook(
    path_or_bytes: str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO,
    filename: str = "",
    max_bytes: int = 20 * _MIB,
    *,
    limits: Limits | None = None,
) -> Workbook:
    """Check, then read every sheet of an uploaded file. Raises :class:`UnreadableFile`.

    ``filename`` is the name the user uploaded (used in messages and to allow CSV); when a path is
    given and ``filename`` is empty, the path's name is used. ``limits``, when given, replaces every
    limit including ``max_bytes``.
    """
    limits = limits or Limits(max_bytes=max_bytes)
    if not filename and isinstance(path_or_bytes, str | os.PathLike):
        filename = Path(path_or_bytes).name
    data = _read_bytes(path_or_bytes, limits.max_bytes)
    kind = detect_kind(data, filename)

    if kind == "csv":
        text = decode_text(data)
        sheet = build_sheet(Path(filename).stem or "CSV", read_delimited(text))
        return _empty_check(Workbook(filename=filename, kind="csv", sheets=[sheet]))

    uncached: dict[str, list[str]] | None = None
    merges = None
    if kind == "ole":
        _check_ole(data)
        kind = "xls"
    else:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                inspection = inspect_zip(archive, limits)
                kind = inspection.kind
                if kind == "ods":
                    ods_scan = scan_ods(archive, limits)
                    merges, uncached = ods_scan.merges, ods_scan.uncached
                else:
                    uncached = {name: scan.uncached_formulas for name, scan in inspection.sheets.items()}
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, SyntaxError) as exc:
            # SyntaxError covers ElementTree.ParseError from a damaged workbook.xml or content.xml.
            raise UnreadableFile("corrupt", _MSG_CORRUPT) from exc
        except ValueError as exc:
            # defusedxml raises DTDForbidden/EntitiesForbidden (ValueError subclasses) from ODS content.
            raise UnreadableFile(
                "xml_entities", "Tệp chứa khai báo DOCTYPE/ENTITY, không được chấp nhận."
            ) from exc
    try:
        sheets = load_calamine(data, kind, uncached=uncached, merges=merges)
    except calamine.PasswordError as exc:
        raise UnreadableFile("password", MSG_PASSWORD) from exc
    except MemoryError:
        raise  # not a corrupt file: the isolated reader's caller reports the memory limit
    except Exception as exc:
        raise UnreadableFile("corrupt", _MSG_CORRUPT) from exc
    except BaseException as exc:
        # A panic inside the Rust reader surfaces as pyo3's PanicException, a BaseException.
        if type(exc).__name__ == "PanicException":
            raise UnreadableFile("corrupt", _MSG_CORRUPT) from exc
        raise
    return _empty_check(Workbook(filename=filename, kind=kind, sheets=sheets))

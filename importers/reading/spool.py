"""A located table handed from the reading child to the importing process through a spool file.

The child (:mod:`.isolation`) reads the workbook, finds the table and writes its records to the spool a chunk
at a time while it walks the rows; the importing process reads the table's description first, then the
records lazily, a chunk at a time (:class:`SpooledRecords`), so it never holds the workbook, its rows or the
whole file's records: only the rows it builds from them.

Layout: frames (8-byte big-endian length, then a pickle): the record chunks, each a list of
:class:`~.table.Record`, then the answer, ``("ok", description)`` or ``("error", kind, code, message)``, then
the answer's offset (8 bytes). The answer comes last because the sections, totals and record count are known
only once every row has been walked, and the importer needs them (a decision's parts, the progress total)
before the first record. The child runs our code with our privileges, so unpickling its frames opens nothing
new; the unpickler still accepts only the reader's own classes and the date/time types a cell may hold.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from .errors import ReadingError
from .headers import ColumnMatch
from .profiles_spec import PROFILES, ProfileSpec
from .table import Note, Record, Section, Table, TableData, TotalRow

__all__ = [
    "CHUNK_RECORDS",
    "ChildRefused",
    "SpoolDamaged",
    "SpooledRecords",
    "SpooledTable",
    "error_answer",
    "open_spool",
    "write_answer",
    "write_table",
]

#: Records per frame: small enough that a chunk is nothing beside the rows built from it, large enough that
#: pickle's memo shares a column's repeated texts within a chunk.
CHUNK_RECORDS = 2000

_ALLOWED = {
    ("importers.reading.table", "Record"),
    ("importers.reading.table", "Section"),
    ("importers.reading.table", "Continuation"),
    ("importers.reading.table", "TotalRow"),
    ("importers.reading.table", "Note"),
    ("importers.reading.headers", "ColumnMatch"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
}
_LENGTH = 8


class SpoolDamaged(Exception):
    """The spool does not hold a complete answer (the child died while writing it)."""


class _ReaderUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a reader type")
        return super().find_class(module, name)


# -- the child's side ------------------------------------------------------------------------------------
def _write_frame(out: BinaryIO, value: object) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(len(payload).to_bytes(_LENGTH, "big"))
    out.write(payload)


def write_answer(out: BinaryIO, answer: tuple) -> None:
    """The last frame and the trailer pointing at it; `out` is a seekable file."""
    out.flush()
    offset = out.tell()
    _write_frame(out, answer)
    out.write(offset.to_bytes(_LENGTH, "big"))
    out.flush()


def write_table(out: BinaryIO, table: Table, warnings: list[str]) -> None:
    """Walk the table's rows (as :meth:`Table.read` does), writing records in chunks, then the answer."""
    sections: list[Section] = []
    totals: list[TotalRow] = []
    notes: list[Note] = []
    chunk: list[Record] = []
    count = 0
    last_row: int | None = None
    for item in table.iter_items():
        if isinstance(item, Record):
            chunk.append(item)
            count += 1
            last_row = item.rows[-1]
            if len(chunk) >= CHUNK_RECORDS:
                _write_frame(out, chunk)
                chunk = []
        elif isinstance(item, Section):
            sections.append(item)
            last_row = item.row
        elif isinstance(item, TotalRow):
            totals.append(item)
            last_row = item.row
        else:
            notes.append(item)
    if chunk:
        _write_frame(out, chunk)
    description = {
        "profile": table.profile.name,
        "sheet_name": table.sheet_name,
        "header_rows": table.header_rows,
        "columns": table.columns,
        "title": _title(table),
        "warnings": list(warnings),
        "sections": sections,
        "totals": totals,
        "notes": notes,
        "last_row": last_row,
        "records": count,
    }
    write_answer(out, ("ok", description))


def _title(table: Table) -> str:
    """The title lines above the header (a decision number, a date, the plan's name live there)."""
    lines = []
    for number in range(1, table.header_rows[0]):
        texts = [str(v) for v in table.sheet.row(number) if v not in (None, "")]
        if texts:
            lines.append(" ".join(dict.fromkeys(texts)))
    return "\n".join(lines)


# -- the importer's side ---------------------------------------------------------------------------------
def _read_frame(spool: BinaryIO, offset: int, end: int) -> tuple[object, int]:
    """The value of the frame at `offset` and the offset after it; frames never reach past `end`."""
    spool.seek(offset)
    size = int.from_bytes(spool.read(_LENGTH), "big")
    if offset + _LENGTH + size > end:
        raise SpoolDamaged(f"frame at {offset} runs past {end}")
    payload = spool.read(size)
    try:
        value = _ReaderUnpickler(io.BytesIO(payload)).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError) as exc:
        raise SpoolDamaged(f"frame at {offset}: {exc}") from exc
    return value, offset + _LENGTH + size


class SpooledRecords:
    """The table's records, read from the spool a chunk at a time each time they are iterated."""

    def __init__(self, spool: BinaryIO, end: int, count: int) -> None:
        self._spool = spool
        self._end = end
        self._count = count
        self.chunks_read = 0  # how many frames were unpickled so far (tests: the reading is lazy)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Record]:
        offset, seen = 0, 0
        while offset < self._end:
            chunk, offset = _read_frame(self._spool, offset, self._end)
            self.chunks_read += 1
            if not isinstance(chunk, list):
                raise SpoolDamaged(f"a {type(chunk).__name__} among the records")
            seen += len(chunk)
            yield from chunk
            del chunk
        if seen != self._count:
            raise SpoolDamaged(f"{seen} records spooled, {self._count} announced")


@dataclass(eq=False)
class SpooledTable:
    """What the importer needs of a located table (as :class:`~.table.Table` offers it), its data with the
    records left in the spool, the title lines and the workbook's warnings. Close it (or use it as a context
    manager) to remove the spool."""

    profile: ProfileSpec
    sheet_name: str
    header_rows: tuple[int, ...]
    columns: dict[str, ColumnMatch]
    title: str
    warnings: list[str]
    data: TableData
    _spool: BinaryIO = field(repr=False)

    def column_letter(self, key: str) -> str:
        return self.columns[key].letter

    def cell_ref(self, key: str, row: int) -> str:
        return f"{self.columns[key].letter}{row}"

    @property
    def closed(self) -> bool:
        return self._spool.closed

    def close(self) -> None:
        self._spool.close()

    def __enter__(self) -> SpooledTable:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_spool(spool: BinaryIO) -> SpooledTable:
    """The child's answer: a :class:`SpooledTable` reading from `spool`, or the :class:`ReadingError` it
    reported, raised as ``error_class(code, message)`` of its kind. Raises :class:`SpoolDamaged` on an
    incomplete spool. On an error the caller still owns (and closes) the spool."""
    spool.seek(0, io.SEEK_END)
    size = spool.tell()
    if size < 2 * _LENGTH:
        raise SpoolDamaged("no answer")
    spool.seek(size - _LENGTH)
    offset = int.from_bytes(spool.read(_LENGTH), "big")
    if offset > size - 2 * _LENGTH:
        raise SpoolDamaged("the trailer points past the answer")
    answer, after = _read_frame(spool, offset, size - _LENGTH)
    if after != size - _LENGTH or not isinstance(answer, tuple) or not answer:
        raise SpoolDamaged("not an answer")
    if answer[0] != "ok":
        raise ChildRefused(*answer[1:])
    d = answer[1]
    data = TableData(
        SpooledRecords(spool, offset, d["records"]), d["sections"], d["totals"], d["notes"], d["last_row"]
    )  # type: ignore[arg-type]
    return SpooledTable(
        profile=PROFILES[d["profile"]],
        sheet_name=d["sheet_name"],
        header_rows=tuple(d["header_rows"]),
        columns=d["columns"],
        title=d["title"],
        warnings=d["warnings"],
        data=data,
        _spool=spool,
    )


class ChildRefused(Exception):
    """The child's refusal, turned back into its reading error by :mod:`.isolation`."""

    def __init__(self, kind: str, code: str, message: str) -> None:
        super().__init__(kind, code, message)
        self.kind, self.code, self.message = kind, code, message


def error_answer(exc: ReadingError) -> tuple:
    """The answer frame for a reading error raised in the child."""
    return ("error", type(exc).__name__, exc.code, exc.message_vi)

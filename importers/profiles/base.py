"""What every import profile provides: its column spec, how a table row becomes a record, how records land."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from catalog.parsing.text import normalize_text
from importers.reading.profiles_spec import ProfileSpec
from importers.reading.spool import SpooledTable
from importers.reading.table import Record, Table, TableData

#: A located table: read in this process (tests, the reader's own tools) or by the isolated reader.
AnyTable = Table | SpooledTable


@dataclass(slots=True)
class ProfileRow:
    """One record on its way in: its worksheet row, normalised data, the original text, and its problems."""

    row: int
    data: dict[str, Any]
    original: dict[str, Any] = field(default_factory=dict)
    # {"row", "column", "message"}. Most rows have none: they share the empty tuple until their first problem
    # (two empty lists per row were 11 MB of a 100,000-row import's peak, which is its rows).
    errors: list[dict] | tuple[()] = ()
    warnings: list[dict] | tuple[()] = ()
    action: str = ""  # create / update / unchanged / skip, once landed (or dry-run)

    def error(self, column: str, message: str) -> None:
        if not self.errors:
            self.errors = []
        self.errors.append({"row": self.row, "column": column, "message": message})  # type: ignore[union-attr]

    def warn(self, column: str, message: str) -> None:
        if not self.warnings:
            self.warnings = []
        self.warnings.append({"row": self.row, "column": column, "message": message})  # type: ignore[union-attr]


@dataclass
class Context:
    """What a profile knows about the run: the file, its options, the table's title lines and columns."""

    filename: str
    options: dict[str, Any]
    title: str = ""
    user: Any = None
    run_id: int | None = None
    #: The table's columns: profile key → worksheet letter (a key absent here is not in the file).
    columns: dict[str, str] = field(default_factory=dict)
    #: Table-level errors (not tied to one row), e.g. a code column that holds a system's internal ids.
    errors: list[dict] = field(default_factory=list)

    def error(self, column: str, message: str, row: int | None = None) -> None:
        self.errors.append({"row": row, "column": column, "message": message})


class Profile(ABC):
    name: ClassVar[str]
    label: ClassVar[str]
    spec: ClassVar[ProfileSpec]

    @abstractmethod
    def build(
        self, table: AnyTable, data: TableData, context: Context
    ) -> tuple[list[ProfileRow], list[dict]]:
        """Turn the table's records into rows; return them and the table-level warnings."""

    @abstractmethod
    def land(self, rows: list[ProfileRow], context: Context, *, dry_run: bool, progress) -> dict[str, Any]:
        """Write the rows through the profile's django-import-export Resource (inside the caller's
        transaction); set each row's action and errors. Returns extra report keys (e.g. the decision made)."""

    def column(self, table: AnyTable, key: str) -> str:
        return table.column_letter(key) if key in table.columns else ""

    @staticmethod
    def text(record: Record, key: str) -> str:
        return normalize_text(record.text(key))  # NFC, no bidi controls (the one cleaning of every input)


def consume(records: Iterable) -> Iterator:
    """Yield the records in order, each dropped from the list as it is handed out: a profile that builds its
    rows through this never holds a file's records and its rows whole at the same time (on 50,000 rows the
    records are about 40 MB). A list is empty afterwards; the records of a spooled table
    (importers.reading.spool) are read a chunk at a time and never held whole."""
    if not isinstance(records, list):
        yield from records
        return
    records.reverse()
    while records:
        yield records.pop()


_REGISTRY: dict[str, Profile] = {}


def register(profile: Profile) -> Profile:
    _REGISTRY[profile.name] = profile
    return profile


def get_profile(name: str) -> Profile:
    return _REGISTRY[name]


def profile_names() -> list[str]:
    return list(_REGISTRY)

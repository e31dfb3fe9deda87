"""Find an appendix table in a workbook and walk its rows as records, sections, totals and notes.

:func:`find_table` picks the sheet and header (see :mod:`.headers`), skips the row of column numbers
under it and maps columns to the profile's keys. :meth:`Table.iter_items` then classifies each row
lazily, in worksheet order:

* **section** (:class:`Section`): STT is a Roman numeral or a capital letter, or the row holds one
  title repeated across merged cells, or a lone ``PHẦN I…``/``Lĩnh vực…``/``Năm 2022`` label. Sections
  are carried down as context (:attr:`Record.sections`): a new section drops those of its own or a
  lower rank (part > level, year > section > field).
* **record** (:class:`Record`): an STT, or a value in one of the profile's identity columns.
* **continuation**: empty STT under a record: attached to it (:attr:`Record.continuations`).
* **total** (:class:`TotalRow`): ``Tổng số``, ``Tổng cộng``, ``Cộng``: kept apart for checking figures.
* **note** (:class:`Note`): ``Ghi chú``, ``Nơi nhận``, ``KT. CHỦ TỊCH``… end the table; what follows is
  returned as notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .errors import TableNotFound
from .headers import ColumnMatch, HeaderMatch, best_header, is_number_row, new_synonyms, repeated_header
from .profiles_spec import PROFILES, ProfileSpec
from .sheets import Sheet, Workbook
from .values import CellValue, fold

__all__ = [
    "Continuation",
    "Note",
    "Record",
    "Section",
    "Table",
    "TableData",
    "TotalRow",
    "detect_profile",
    "find_table",
]


@dataclass(frozen=True, slots=True)
class Section:
    row: int
    label: str
    kind: str  # "part", "level", "field", "year" or "section"
    number: str | None = None  # "I", "A", "II"… when the row carries one


@dataclass(frozen=True, slots=True)
class Continuation:
    row: int
    values: dict[str, CellValue]


@dataclass(slots=True)
class Record:
    row: int
    values: dict[str, CellValue]
    sections: tuple[Section, ...] = ()
    continuations: list[Continuation] = field(default_factory=list)
    #: Keys whose cell is a formula without a cached value (read as None).
    uncached: tuple[str, ...] = ()

    def get(self, key: str, default: CellValue = None) -> CellValue:
        value = self.values.get(key)
        return default if value is None else value

    def text(self, key: str) -> str | None:
        """The key's text with its continuation rows' text appended, one per line."""
        parts = [
            str(v) for v in [self.values.get(key), *(c.values.get(key) for c in self.continuations)] if v
        ]
        return "\n".join(parts) or None

    def section(self, kind: str) -> Section | None:
        return next((s for s in reversed(self.sections) if s.kind == kind), None)

    @property
    def rows(self) -> list[int]:
        return [self.row, *(c.row for c in self.continuations)]


@dataclass(frozen=True, slots=True)
class TotalRow:
    row: int
    label: str
    values: dict[str, CellValue]
    uncached: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    row: int
    text: str


Item = Record | Section | TotalRow | Note


@dataclass(slots=True)
class TableData:
    records: list[Record]
    sections: list[Section]
    totals: list[TotalRow]
    notes: list[Note]
    #: Last worksheet row of the table body (before notes); None for a table without rows.
    last_row: int | None


_ROMAN = re.compile(r"^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\.?$")
_LETTER = re.compile(r"^[A-H][.)]?$")
_NUMBERED_LABEL = re.compile(r"^(?P<num>[IVXLC]+|[A-H])\s*[.):]\s*(?P<rest>\S.*)$", re.S)
_PART_LABEL = re.compile(r"^phan\s+(?P<num>[ivxlc]+|\d+)\b")
_SECTION_LABEL = re.compile(
    r"^(?:phan\s+([ivxlc]+|\d+)|linh vuc|nam \d{4}|giai doan \d{4}|cap (?:tinh|huyen|xa))\b"
)
_YEAR_LABEL = re.compile(r"^(?:nam|giai doan) \d{4}")
_ROW_NUMBER = re.compile(r"^\d{1,5}(?:[.)]|\.\d{1,3}\.?)?$")
_LEVEL = re.compile(r"\bcap (?:tinh|huyen|xa|bo|trung uong|co so)\b")
# A decision's parts: "DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH", "TTHC ĐƯỢC SỬA ĐỔI, BỔ SUNG", "…BỊ BÃI BỎ".
_DECISION_PART = re.compile(
    r"\b(?:thu tuc|tthc|danh muc)\b.*\b(?:moi ban hanh|ban hanh moi|sua doi|bo sung|thay the|bai bo|huy bo)\b"
)
_TOTAL = re.compile(r"^(?:tong so|tong cong|tong|cong)\b")
_TOTAL_EXACT = {"tong so", "tong cong", "tong", "cong", "tong so chung", "cong chung", "tong cong toan tinh"}
_NOTE_START = ("ghi chu", "noi nhan", "chu thich", "luu y")
_SIGNATURE = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\s*\.\s*\S", re.IGNORECASE)
_SIGNATURE_TITLES = {
    "chu tich",
    "pho chu tich",
    "giam doc",
    "pho giam doc",
    "nguoi lap bieu",
    "nguoi lap",
    "thu truong don vi",
    "thu truong co quan",
}
# "Quảng Ninh, ngày 10 tháng 4 năm 2017" opening a signature block (anchored: a task that cites
# "…, ngày 05 tháng 9 năm 2018" in its text must not end the table).
_PLACE_DATE = re.compile(r"^[^\d,;:]{2,40},\s*ngày[\d\s./…]*tháng[\d\s./…]*năm[\d\s./…]*$", re.IGNORECASE)
_NOTES = "notes"
_CONTINUATION = "continuation"
_BULLETS = {"-", "+", "*", "•", "–"}
_RANKS = {"part": 0, "level": 1, "year": 1, "section": 2, "field": 3}
_MAX_NOTES = 100


def _section_kind(label: str, number: str | None) -> str:
    folded = fold(label)
    if folded.startswith("phan ") or _DECISION_PART.search(folded):
        return "part"
    if _YEAR_LABEL.match(folded):
        return "year"
    if folded.startswith("linh vuc"):
        return "field"
    # Checked before the letter: decisions letter their levels ("A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH") under
    # parts numbered I, II, III ("…MỚI BAN HÀNH", "…BỊ BÃI BỎ"), and a level must not close its part.
    if _LEVEL.search(folded) and folded.count(" ") < 12:
        return "level"
    if number is not None and _LETTER.match(number):
        return "part"
    return "section"


def _is_code_like(value: CellValue) -> bool:
    """A procedure code has digits and no spaces (``1.001234``, ``2020STTTT_PTTT06``); a title has spaces."""
    if isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and " " not in value and any(ch.isdigit() for ch in value)


def _is_row_number(value: CellValue) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and bool(_ROW_NUMBER.match(value))


class Table:
    """A located table; rows are read lazily by :meth:`iter_items` or all at once by :meth:`read`."""

    def __init__(self, header: HeaderMatch, profile: ProfileSpec) -> None:
        self.profile = profile
        self.sheet: Sheet = header.sheet
        self.header_rows: tuple[int, ...] = header.rows
        self.columns: dict[str, ColumnMatch] = header.columns
        after = header.rows[-1] + 1
        self.number_row: int | None = after if is_number_row(self.sheet.row(after)) else None
        self.data_start: int = after + (1 if self.number_row else 0)
        self._synonyms = None
        self._use_columns(header.columns)

    def _use_columns(self, columns: dict[str, ColumnMatch]) -> None:
        """Read the following rows with ``columns`` (the table's header, or a part's own header row)."""
        self._keys = [(key, match.index) for key, match in columns.items()]
        stt = columns.get(self.profile.row_number_key)
        self._stt: int | None = stt.index if stt else None
        self._identity = [columns[k].index for k in self.profile.identity_keys if k in columns]

    def _part_header(self, number: int) -> dict[str, ColumnMatch] | None:
        if self._synonyms is None:
            self._synonyms = new_synonyms(self.profile)
        return repeated_header(self.sheet, number, self.profile, self._synonyms)

    @property
    def sheet_name(self) -> str:
        return self.sheet.name

    def column_letter(self, key: str) -> str:
        return self.columns[key].letter

    def cell_ref(self, key: str, row: int) -> str:
        return f"{self.columns[key].letter}{row}"

    # -- reading ---------------------------------------------------------------------------------
    def _values(
        self, number: int, row: tuple[CellValue, ...], *, drop_copies: bool = False
    ) -> dict[str, CellValue]:
        size = len(row)
        values = {key: (row[col] if col < size else None) for key, col in self._keys}
        if drop_copies:
            for key, col in self._keys:
                if values[key] is not None and self.sheet.merge_anchor(number, col) is not None:
                    values[key] = None
        return values

    def _uncached(self, number: int) -> tuple[str, ...]:
        if not self.sheet.uncached_formulas:
            return ()
        return tuple(key for key, col in self._keys if self.sheet.is_uncached_formula(number, col))

    def _texts(self, row: tuple[CellValue, ...], skip: int | None) -> list[str]:
        """Distinct non-empty texts of a row in column order (merged copies collapse)."""
        seen: list[str] = []
        for col, value in enumerate(row):
            if value is None or col == skip:
                continue
            text = str(value)
            if text not in seen:
                seen.append(text)
        return seen

    def _is_note(self, texts: list[str]) -> bool:
        first = texts[0]
        folded = fold(first)
        if first.lstrip().startswith("*") or folded.startswith(_NOTE_START) or _PLACE_DATE.match(first):
            return True
        return any(_SIGNATURE.match(t) or fold(t) in _SIGNATURE_TITLES for t in texts)

    def _section(self, number: int, row: tuple[CellValue, ...], stt: CellValue) -> Section | None:
        stt_text = str(stt).strip() if stt is not None else ""
        texts = self._texts(row, self._stt)
        if stt_text and (_ROMAN.match(stt_text) or _LETTER.match(stt_text)):
            label = texts[0] if texts else stt_text
            number_text = stt_text.rstrip(".)")
            return Section(number, label, _section_kind(label, number_text), number_text)
        if stt_text:
            # A title typed in (or merged over) the STT column: "PHẦN I. …" across the whole row.
            if texts and texts != [stt_text]:
                return None
            texts = [stt_text]
        if len(texts) != 1:
            return None
        label = texts[0]
        # One title in two or more cells: a merged (filled) or flattened-and-repeated section title.
        spans = sum(1 for value in row if value == label) >= 2
        numbered = _NUMBERED_LABEL.match(label)
        if not (spans or numbered or _SECTION_LABEL.match(fold(label))):
            return None
        if any(isinstance(v, int | float) and not isinstance(v, bool) for v in row):
            return None
        num = numbered.group("num") if numbered else None
        if numbered:
            label = numbered.group("rest").strip()  # "I. Lĩnh vực Đất đai": the number goes to .number
        part = _PART_LABEL.match(fold(label))
        if part and num is None:
            num = part.group("num").upper()
        return Section(number, label, _section_kind(label, num), num)

    def _total(self, number: int, row: tuple[CellValue, ...]) -> TotalRow | None:
        for value in row:
            if isinstance(value, str):
                folded = fold(value)
                if folded in _TOTAL_EXACT or (_TOTAL.match(folded) and folded.count(" ") < 6):
                    uncached = self._uncached(number)
                    if folded in _TOTAL_EXACT or uncached or any(isinstance(v, int | float) for v in row):
                        return TotalRow(number, value, self._values(number, row), uncached)
                return None
        return None

    def _classify(
        self, number: int, row: tuple[CellValue, ...], stt: CellValue
    ) -> TotalRow | Section | str | None:
        """For a row without a row number: notes, total, section, continuation, or None (a record)."""
        if any(col < len(row) and _is_code_like(row[col]) for col in self._identity):
            return None  # a procedure code makes it a record whatever else the row holds
        texts = self._texts(row, None)
        if texts and self._is_note(texts):
            return _NOTES
        found = self._total(number, row) or self._section(number, row, stt)
        if found is not None:
            return found
        return _CONTINUATION if stt is None and self._stt is not None else None

    def iter_items(self) -> Iterator[Item]:
        """Records, sections, totals and notes in worksheet order.

        A record is yielded once the next non-continuation row is seen, so its continuations are complete.
        """
        sheet = self.sheet
        header_first = sheet.row(self.header_rows[0])
        context: list[Section] = []
        pending: Record | None = None
        skip_number_row = False
        for number, row in sheet.iter_rows(self.data_start):
            if not row:
                continue
            if row == header_first:
                skip_number_row = True  # the header repeated at a page break
                continue
            if skip_number_row:
                skip_number_row = False
                if is_number_row(row):
                    continue
            stt = row[self._stt] if self._stt is not None and self._stt < len(row) else None
            if stt is not None and (stt in _BULLETS or sheet.merge_anchor(number, self._stt) is not None):  # type: ignore[arg-type]
                stt = None  # a bullet, or an STT merged down over sub-rows, belongs to the row above
            if not (stt is not None and _is_row_number(stt)):
                columns = self._part_header(number)
                if columns is not None:  # a part's own header row: its columns rule the rows below
                    if pending:
                        yield pending
                    pending = None
                    self._use_columns(columns)
                    skip_number_row = True
                    continue
            kind = None if stt is not None and _is_row_number(stt) else self._classify(number, row, stt)
            if kind is None or (kind is _CONTINUATION and pending is None):
                if pending:
                    yield pending
                pending = Record(
                    number, self._values(number, row), tuple(context), [], self._uncached(number)
                )
            elif kind is _CONTINUATION:
                pending.continuations.append(
                    Continuation(number, self._values(number, row, drop_copies=True))
                )  # type: ignore[union-attr]
            else:
                if pending:
                    yield pending
                pending = None
                if kind is _NOTES:
                    yield from self._notes(number)
                    return
                if isinstance(kind, Section):
                    rank = _RANKS[kind.kind]
                    context = [s for s in context if _RANKS[s.kind] < rank] + [kind]
                yield kind  # type: ignore[misc]
        if pending:
            yield pending

    def _notes(self, start: int) -> Iterator[Note]:
        count = 0
        for number, row in self.sheet.iter_rows(start):
            texts = self._texts(row, None)
            if texts:
                yield Note(number, " ".join(texts))
                count += 1
                if count >= _MAX_NOTES:
                    return

    def read(self) -> TableData:
        data = TableData([], [], [], [], None)
        for item in self.iter_items():
            if isinstance(item, Record):
                data.records.append(item)
                data.last_row = item.rows[-1]
            elif isinstance(item, Section):
                data.sections.append(item)
                data.last_row = item.row
            elif isinstance(item, TotalRow):
                data.totals.append(item)
                data.last_row = item.row
            else:
                data.notes.append(item)
        return data


def _best(workbook: Workbook, profile: ProfileSpec) -> HeaderMatch | None:
    synonyms = new_synonyms(profile)
    best: HeaderMatch | None = None
    best_rank: tuple[float, ...] = ()
    for sheet in workbook.sheets:
        match = best_header(sheet, profile, synonyms)
        if match is None:
            continue
        rank = (float(match.complete), match.score - (0.5 if sheet.hidden else 0.0))
        if rank > best_rank:
            best, best_rank = match, rank
    return best


def find_table(workbook: Workbook, profile_spec: ProfileSpec) -> Table:
    """Locate the profile's table: best-matching sheet and header; raise :class:`TableNotFound`."""
    match = _best(workbook, profile_spec)
    expected = ", ".join(profile_spec.columns[key].display for key in profile_spec.required_keys)
    if match is None:
        raise TableNotFound(
            "no_header",
            f"Không tìm thấy dòng tiêu đề của bảng trong tệp “{workbook.filename}”. "
            f"Bảng cần có các cột: {expected}.",
        )
    if match.missing:
        names = [profile_spec.columns[key].display for key in match.missing]
        rows = ", ".join(str(r) for r in match.rows)
        raise TableNotFound(
            "missing_columns",
            f"Trang “{match.sheet.name}”, dòng tiêu đề {rows}: thiếu cột bắt buộc: {', '.join(names)}.",
            missing=tuple(names),
            sheet=match.sheet.name,
        )
    return Table(match, profile_spec)


def detect_profile(workbook: Workbook, profiles: dict[str, ProfileSpec] | None = None) -> ProfileSpec:
    """The profile whose required columns are all found with the best header score (``auto``)."""
    best: ProfileSpec | None = None
    best_score = 0.0
    for profile in (profiles or PROFILES).values():
        match = _best(workbook, profile)
        if match is not None and match.complete and match.score > best_score:
            best, best_score = profile, match.score
    if best is None:
        raise TableNotFound(
            "unknown_profile",
            f"Không nhận diện được loại bảng trong tệp “{workbook.filename}”: "
            "không thấy dòng tiêu đề khớp với danh mục TTHC, bảng thống kê hay bảng nhiệm vụ kế hoạch.",
        )
    return best

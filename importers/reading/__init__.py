"""Table reader of the importers app: pure Python, no Django.

Reads an uploaded appendix table (phụ lục) safely and turns it into records::

    workbook = open_workbook(upload, filename)          # checks first, then reads every sheet
    profile = detect_profile(workbook)                  # or CATALOG / AGENCY_STATS / PLAN_TASKS
    table = find_table(workbook, profile)               # sheet, header rows, column letters
    for item in table.iter_items():                     # Record | Section | TotalRow | Note
        ...

File-level problems raise :class:`UnreadableFile`, table-level ones :class:`TableNotFound`; both carry
``code`` and a Vietnamese ``message_vi``.
"""

from .containers import Limits
from .deadlines import ParsedDeadline, parse_deadline, split_agencies
from .errors import ReadingError, TableNotFound, UnreadableFile
from .headers import ColumnMatch
from .profiles_spec import AGENCY_STATS, CATALOG, PLAN_TASKS, PROFILES, ColumnSpec, ProfileSpec
from .safety import open_workbook
from .sheets import MergedRange, Sheet, Workbook
from .table import Continuation, Note, Record, Section, Table, TableData, TotalRow, detect_profile, find_table
from .values import CellValue, fold, normalize_code, normalize_text, normalize_value

__all__ = [
    "AGENCY_STATS",
    "CATALOG",
    "PLAN_TASKS",
    "PROFILES",
    "CellValue",
    "ColumnMatch",
    "ColumnSpec",
    "Continuation",
    "Limits",
    "MergedRange",
    "Note",
    "ParsedDeadline",
    "ProfileSpec",
    "ReadingError",
    "Record",
    "Section",
    "Sheet",
    "Table",
    "TableData",
    "TableNotFound",
    "TotalRow",
    "UnreadableFile",
    "Workbook",
    "detect_profile",
    "find_table",
    "fold",
    "normalize_code",
    "normalize_text",
    "normalize_value",
    "open_workbook",
    "parse_deadline",
    "split_agencies",
]

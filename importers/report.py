"""The import report of ../shared/API.md ("The import report"), built from a run's rows."""

from __future__ import annotations

from typing import Any

from .models import ImportRun
from .profiles.base import ProfileRow, consume

__all__ = ["MAX_STORED_RECORDS", "build_report", "failed_report", "stored_report"]

#: The run's history keeps the first records only; the command prints them all.
MAX_STORED_RECORDS = 2000
#: Likewise for errors and warnings: a wrong file can have one per row.
MAX_STORED_PROBLEMS = 5000


def build_report(
    run: ImportRun, summary: dict[str, Any], rows: list[ProfileRow], table_warnings, errors, extra
) -> dict[str, Any]:
    """`summary` holds the table's profile, sheet, header_rows, data_rows and sections. `rows` is consumed:
    each row is dropped as its record is made (a record shares the row's data), so a 50,000-row file never
    holds its rows and its records whole at the same time (the last step of an import's peak memory)."""
    counts = {"create": 0, "update": 0, "unchanged": 0, "skip": 0}
    warnings = list(table_warnings)
    records = []
    for r in consume(rows):
        if r.action in counts:
            counts[r.action] += 1
        warnings += r.warnings
        record = {"row": r.row, "action": r.action or ("error" if r.errors else ""), "data": r.data}
        if r.original:
            record["original"] = r.original
        records.append(record)
    return {
        "file": run.filename,
        **summary,
        "created": counts["create"],
        "updated": counts["update"],
        "unchanged": counts["unchanged"],
        "skipped": counts["skip"],
        "errors": errors,
        "warnings": warnings,
        "records": records,
        **extra,
    }


def stored_report(report: dict[str, Any]) -> dict[str, Any]:
    """The report as the run keeps it: JSON-safe, its long lists cut with a count of what was left out."""
    stored = dict(report)
    limits = {"records": MAX_STORED_RECORDS, "errors": MAX_STORED_PROBLEMS, "warnings": MAX_STORED_PROBLEMS}
    for key, limit in limits.items():
        items = stored.get(key) or []
        if len(items) > limit:
            stored[key] = items[:limit]
            stored[f"{key}_left_out"] = len(items) - limit
    return _json_safe(stored)


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # dates, decimals


def failed_report(run: ImportRun | None, code: str, message: str, *, filename: str = "") -> dict[str, Any]:
    """The report of a file that could not be read at all (exit status 2): the message says why."""
    return {
        "file": run.filename if run else filename,
        "profile": run.profile if run else None,
        "sheet": None,
        "header_rows": [],
        "data_rows": 0,
        "sections": [],
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "errors": [{"row": None, "column": "", "message": message, "code": code}],
        "warnings": [],
        "records": [],
        "unreadable": code != "busy",
    }

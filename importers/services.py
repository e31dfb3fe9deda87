"""The importers' public API: one code path for the admin upload, the huey jobs and `manage.py import_appendix`.

    run = create_run(file_bytes, filename, profile="auto", user=user)   # dedupes concurrent uploads
    preview_run(run.pk)      # read + validate + dry run → run.report (status "preview" or "failed")
    apply_run(run.pk)        # the same rows for real, atomically: all or nothing → status "done"

The report has the shape of ../shared/API.md ("The import report").
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ImportRun
from .profiles import get_profile
from .profiles.base import Context, ProfileRow
from .reading.errors import ReadingError, TableNotFound, UnreadableFile
from .reading.profiles_spec import PROFILES
from .reading.safety import open_workbook
from .reading.table import detect_profile, find_table

__all__ = ["ImportFailed", "apply_run", "create_run", "import_file", "preview_run", "progress_of"]

logger = logging.getLogger(__name__)
#: A run whose worker has not written a heartbeat for this long is considered dead and may be retried.
STALE_AFTER = timedelta(minutes=10)
MAX_REPORTED_RECORDS = 2000


class ImportFailed(Exception):
    """The file cannot be read at all (exit status 2)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# --- progress lives in huey's own storage, shared by the worker and the web server, outside the DB transaction


def _progress_key(run_id: int) -> str:
    return f"motcua-import-progress-{run_id}"


def set_progress(run_id: int, done: int, total: int, phase: str) -> None:
    from huey.contrib.djhuey import HUEY

    HUEY.put(_progress_key(run_id), {"done": done, "total": total, "phase": phase, "at": time.time()})


def progress_of(run: ImportRun) -> dict[str, Any]:
    from huey.contrib.djhuey import HUEY

    value = HUEY.get(_progress_key(run.pk), peek=True) or {}
    done, total = value.get("done", 0), value.get("total", 0)
    if run.status in (ImportRun.Status.PREVIEW, ImportRun.Status.DONE):
        done = total = max(total, 1)
    return {
        "status": run.status,
        "label": run.get_status_display(),
        "done": done,
        "total": total,
        "phase": value.get("phase", ""),
        "percent": int(100 * done / total) if total else 0,
        "message": run.message,
    }


def create_run(
    content: bytes, filename: str, *, profile: str = "auto", user=None, options: dict | None = None
) -> ImportRun:
    """Store the upload and register a run; the same file already being processed returns that run."""
    if profile != "auto" and profile not in PROFILES:
        raise ImportFailed("unknown_profile", f"Không có loại bảng “{profile}”.")
    digest = hashlib.sha256(content).hexdigest()
    active = ImportRun.objects.filter(sha256=digest, profile=profile, status__in=ImportRun.ACTIVE).first()
    if active and not _stale(active):
        return active
    if active:
        _mark_failed(active, "Lượt nhập trước bị gián đoạn (tiến trình xử lý đã dừng); đã cho phép chạy lại.")
    run = ImportRun(
        filename=filename[:255],
        sha256=digest,
        size=len(content),
        profile=profile,
        created_by=user,
        options=options or {},
    )
    run.file.save(filename[-100:] or "upload", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:
        # Another upload of the same file registered first, between our check and our insert.
        run.file.delete(save=False)
        return ImportRun.objects.get(sha256=digest, profile=profile, status__in=ImportRun.ACTIVE)
    return run


def _stale(run: ImportRun) -> bool:
    beat = run.heartbeat_at or run.created_at
    return timezone.now() - beat > STALE_AFTER


def _mark_failed(run: ImportRun, message: str) -> None:
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.FAILED, message=message, finished_at=timezone.now()
    )


def _claim(run_id: int, from_statuses: tuple[str, ...], to_status: str) -> ImportRun | None:
    """Move a run into a working state with a conditional update, so two workers never process it twice."""
    now = timezone.now()
    claimed = ImportRun.objects.filter(pk=run_id, status__in=from_statuses).update(
        status=to_status, heartbeat_at=now, started_at=now, message=""
    )
    return ImportRun.objects.get(pk=run_id) if claimed else None


def _read(run: ImportRun, path_or_bytes) -> tuple[Any, Any, Any, Any]:
    try:
        workbook = open_workbook(path_or_bytes, run.filename, max_bytes=settings.IMPORT_MAX_BYTES)
        spec = PROFILES[run.profile] if run.profile != "auto" else detect_profile(workbook)
        table = find_table(workbook, spec)
        data = table.read()
    except UnreadableFile as exc:
        raise ImportFailed(exc.code, exc.message_vi) from exc
    except TableNotFound as exc:
        raise ImportFailed("no_table", exc.message_vi) from exc
    except ReadingError as exc:
        raise ImportFailed(getattr(exc, "code", "unreadable"), exc.message_vi) from exc
    return workbook, spec, table, data


def _title(table) -> str:
    """The title lines above the header (a decision number, a date, the plan's name live there)."""
    lines = []
    for number in range(1, table.header_rows[0]):
        texts = [str(v) for v in table.sheet.row(number) if v not in (None, "")]
        if texts:
            lines.append(" ".join(dict.fromkeys(texts)))
    return "\n".join(lines)


def _process(run: ImportRun, *, dry_run: bool) -> dict[str, Any]:
    started = time.monotonic()
    with run.file.open("rb") as fh:
        content = fh.read()
    _workbook, spec, table, data = _read(run, content)
    profile = get_profile(spec.name)
    context = Context(
        filename=run.filename,
        options=dict(run.options),
        title=_title(table),
        user=run.created_by,
        run_id=run.pk,
    )
    total = len(data.records)
    set_progress(run.pk, 0, total, "reading")
    rows, table_warnings = profile.build(table, data, context)
    if spec.name == "catalog":
        context.options["_decision_mode"] = profile.decision_mode(rows, table, data, context)

    def progress(done: int, of: int) -> None:
        set_progress(run.pk, done, of, "applying" if not dry_run else "checking")
        ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())

    extra: dict[str, Any] = {}
    errors = [e for r in rows for e in r.errors]
    if not errors:
        try:
            with transaction.atomic():
                extra = profile.land(rows, context, dry_run=dry_run, progress=progress)
                errors = [e for r in rows for e in r.errors]
                if dry_run or errors:
                    transaction.set_rollback(True)
        except ValueError as exc:
            errors = [{"row": None, "column": "", "message": str(exc)}]
    report = _report(run, spec.name, table, data, rows, table_warnings, errors, extra)
    report["duration_s"] = round(time.monotonic() - started, 3)
    report["dry_run"] = dry_run
    set_progress(run.pk, total, total, "done")
    return report


def _report(run, profile_name, table, data, rows: list[ProfileRow], table_warnings, errors, extra) -> dict:
    counts = {"create": 0, "update": 0, "unchanged": 0, "skip": 0}
    for r in rows:
        if r.action in counts:
            counts[r.action] += 1
    warnings = [*table_warnings, *(w for r in rows for w in r.warnings)]
    records = [
        {
            "row": r.row,
            "action": r.action or ("error" if r.errors else ""),
            "data": r.data,
            **({"original": r.original} if r.original else {}),
        }
        for r in rows[:MAX_REPORTED_RECORDS]
    ]
    return {
        "file": run.filename,
        "profile": profile_name,
        "sheet": table.sheet_name,
        "header_rows": list(table.header_rows),
        "data_rows": len(data.records),
        "sections": [{"row": s.row, "label": s.label, "kind": s.kind} for s in data.sections],
        "created": counts["create"],
        "updated": counts["update"],
        "unchanged": counts["unchanged"],
        "skipped": counts["skip"],
        "errors": errors,
        "warnings": warnings,
        "records": records,
        **extra,
    }


def _finish(run_id: int, report: dict, status: str, message: str = "") -> ImportRun:
    ImportRun.objects.filter(pk=run_id).update(
        status=status,
        report=report,
        message=message,
        finished_at=timezone.now(),
        detected_profile=report.get("profile", ""),
        created=report.get("created", 0),
        updated=report.get("updated", 0),
        unchanged=report.get("unchanged", 0),
        skipped=report.get("skipped", 0),
        error_count=len(report.get("errors", [])),
        warning_count=len(report.get("warnings", [])),
    )
    return ImportRun.objects.get(pk=run_id)


def _failed_report(run: ImportRun, exc: ImportFailed) -> dict:
    return {
        "file": run.filename,
        "profile": run.profile,
        "sheet": None,
        "header_rows": [],
        "data_rows": 0,
        "sections": [],
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "errors": [{"row": None, "column": "", "message": exc.message, "code": exc.code}],
        "warnings": [],
        "records": [],
        "unreadable": True,
    }


def preview_run(run_id: int) -> ImportRun | None:
    """Read, validate and dry-run a queued run; leaves it in "preview" (or "failed")."""
    run = _claim(run_id, (ImportRun.Status.QUEUED, ImportRun.Status.FAILED), ImportRun.Status.READING)
    if run is None:
        return ImportRun.objects.filter(pk=run_id).first()
    try:
        report = _process(run, dry_run=True)
    except ImportFailed as exc:
        return _finish(run.pk, _failed_report(run, exc), ImportRun.Status.FAILED, exc.message)
    except Exception:
        logger.exception("Import preview %s crashed", run_id)
        _finish(run.pk, {}, ImportRun.Status.FAILED, "Lỗi hệ thống khi đọc tệp; có thể chạy lại.")
        raise
    status = ImportRun.Status.FAILED if report["errors"] else ImportRun.Status.PREVIEW
    message = f"Có {len(report['errors'])} lỗi; hãy sửa tệp và tải lên lại." if report["errors"] else ""
    return _finish(run.pk, report, status, message)


def apply_run(run_id: int) -> ImportRun | None:
    """Write a previewed run, all rows or none; running it again after success changes nothing."""
    run = _claim(run_id, (ImportRun.Status.PREVIEW,), ImportRun.Status.APPLYING)
    if run is None:
        current = ImportRun.objects.filter(pk=run_id).first()
        if current and current.status == ImportRun.Status.APPLYING and _stale(current):
            ImportRun.objects.filter(pk=run_id).update(status=ImportRun.Status.PREVIEW)
            return apply_run(run_id)
        return current
    ImportRun.objects.filter(pk=run_id).update(attempts=run.attempts + 1)
    try:
        report = _process(run, dry_run=False)
    except ImportFailed as exc:
        return _finish(run.pk, _failed_report(run, exc), ImportRun.Status.FAILED, exc.message)
    except Exception:
        logger.exception("Import apply %s crashed", run_id)
        # Nothing was written (one transaction); the run goes back to preview so it can be retried.
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.PREVIEW,
            message="Lỗi hệ thống khi ghi; chưa có dữ liệu nào được ghi. Có thể chạy lại.",
        )
        raise
    if report["errors"]:
        return _finish(
            run.pk, report, ImportRun.Status.FAILED, f"Có {len(report['errors'])} lỗi; không ghi dòng nào."
        )
    return _finish(run.pk, report, ImportRun.Status.DONE)


def import_file(
    path, *, profile: str = "auto", dry_run: bool = False, user=None, options: dict | None = None
) -> tuple[dict, int]:
    """`manage.py import_appendix`: the same path as the admin. Returns (report, exit status 0/1/2)."""
    from pathlib import Path

    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return {
            "file": path.name,
            "errors": [{"row": None, "column": "", "message": "Không mở được tệp."}],
        }, 2
    if size > settings.IMPORT_MAX_BYTES:
        limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        return {
            "file": path.name,
            "errors": [
                {"row": None, "column": "", "message": f"Tệp vượt quá dung lượng cho phép ({limit} MB)."}
            ],
        }, 2
    try:
        run = create_run(path.read_bytes(), path.name, profile=profile, user=user, options=options)
    except ImportFailed as exc:
        return {"file": path.name, "errors": [{"row": None, "column": "", "message": exc.message}]}, 2
    run = preview_run(run.pk)
    if run.report.get("unreadable"):
        return run.report, 2
    if run.status != ImportRun.Status.PREVIEW:
        return run.report, 1
    if dry_run:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.CANCELLED, message="Chạy thử (--dry-run): không ghi dữ liệu."
        )
        return run.report, 0
    run = apply_run(run.pk)
    return run.report, 0 if run.status == ImportRun.Status.DONE else 1

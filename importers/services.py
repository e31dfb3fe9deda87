"""The importers' public API: one code path for the admin upload, the huey jobs and `manage.py import_appendix`.

    run = create_run(file_bytes, filename, profile="auto", user=user)   # dedupes concurrent uploads
    preview_run(run.pk)      # read + validate + dry run → run.report (status "preview" or "failed")
    apply_run(run.pk)        # the same rows for real, atomically: all or nothing → status "done"
    retry_run(run.pk)        # a failed or dead (stale) run: which job to enqueue again
    import_file(path, ...)   # the command: the same steps in this process; returns (report, exit status)

Plan tasks: `editable_task_ids(tasks, user, agency_ids)` and `set_task_status(...)` (the lead agency edits).
Agency figures: `reported_agency_stats(as_of)` and `agency_stat_dates()`, shown beside the live statistics.

All or none, and short write locks: a dry run writes nothing and opens no transaction, so a preview never
holds SQLite's write lock. An apply writes batch by batch, each batch one short transaction that also records
how to undo it (importers.journal); when a row fails, the database refuses a write or the process dies
midway, the run's batches are undone, so the catalog is as it was before the run. Another writer (a citizen's
dossier) waits at most one batch. The file is parsed in a child process with memory and time limits
(importers.reading.isolation) that streams the table's records back through a spool (importers.reading.spool);
a file that crashed the reader twice is quarantined (importers.recovery).
Progress and heartbeat live in huey's storage (importers.progress). The report has the shape of
../shared/API.md ("The import report").
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from catalog.services import title_norms_deferred

from . import journal
from .figures import agency_stat_dates, reported_agency_stats
from .models import ImportRun
from .plans import TaskEditDenied, editable_task_ids, plan_page, set_task_status
from .profiles import get_profile
from .profiles.base import Context
from .progress import clear_progress, is_stale, progress_of, set_progress
from .reading.containers import Limits
from .reading.errors import ReadingError, TableNotFound, UnreadableFile
from .reading.isolation import ReaderCrashed, read_table_isolated
from .reading.profiles_spec import PROFILES
from .reading.spool import SpooledTable
from .recovery import count_crash, prior_crashes, quarantined_message, recover_all, recover_stale
from .report import build_report, failed_report, stored_report

__all__ = [
    "ImportFailed",
    "TaskEditDenied",
    "agency_stat_dates",
    "apply_run",
    "create_run",
    "editable_task_ids",
    "import_file",
    "plan_page",
    "preview_run",
    "progress_of",
    "recover_imports",
    "reported_agency_stats",
    "retry_run",
    "set_task_status",
    "too_large_message",
]

logger = logging.getLogger(__name__)


class ImportFailed(Exception):
    """The file cannot be read at all (exit status 2). `crashed`: the reader died on it (memory, time)."""

    def __init__(self, code: str, message: str, *, crashed: bool = False):
        super().__init__(message)
        self.code = code
        self.message = message
        self.crashed = crashed


def too_large_message() -> str:
    """The size refusal, with the configured limit (IMPORT_MAX_BYTES) in MB, or KB below one MB."""
    limit = settings.IMPORT_MAX_BYTES
    shown = f"{limit / 1048576:g} MB" if limit >= 1048576 else f"{limit / 1024:g} KB"
    return f"Tệp vượt quá dung lượng cho phép ({shown})."


def create_run(
    content: bytes, filename: str, *, profile: str = "auto", user=None, options: dict | None = None
) -> ImportRun:
    """Store the upload and register a run; the same file already being processed returns that run."""
    if profile != "auto" and profile not in PROFILES:
        raise ImportFailed("unknown_profile", f"Không có loại bảng “{profile}”.")
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ImportFailed("too_large", too_large_message())
    digest = hashlib.sha256(content).hexdigest()
    active = ImportRun.objects.filter(sha256=digest, profile=profile, status__in=ImportRun.ACTIVE).first()
    if active and not is_stale(active):
        return active
    if active:
        recover_stale(active)
    crashes, quarantined = prior_crashes(digest)
    if quarantined is not None:
        raise ImportFailed(
            "quarantined", f"Lượt #{quarantined.pk}: " + quarantined_message(quarantined.crashes)
        )
    run = ImportRun(
        crashes=crashes,
        filename=Path(filename).name[:255],
        sha256=digest,
        size=len(content),
        profile=profile,
        created_by=user,
        options=options or {},
    )
    run.file.save(Path(filename).name[-100:] or "upload", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:
        # Another upload of the same file registered first, between our check and our insert.
        run.file.delete(save=False)
        return ImportRun.objects.get(sha256=digest, profile=profile, status__in=ImportRun.ACTIVE)
    return run


def _claim(run_id: int, from_statuses: tuple[str, ...], to_status: str) -> ImportRun | None:
    """Move a run into a working state with a conditional update, so two workers never process it twice."""
    now = timezone.now()
    try:
        with transaction.atomic():  # a savepoint: on PostgreSQL a refused UPDATE must not poison the caller's
            claimed = ImportRun.objects.filter(pk=run_id, status__in=from_statuses).update(
                status=to_status, heartbeat_at=now, started_at=now, message=""
            )
    except IntegrityError:
        return None  # the same file is active in another run (a retry racing a new upload)
    return ImportRun.objects.get(pk=run_id) if claimed else None


def _read(run: ImportRun, content: bytes) -> SpooledTable:
    """The run's table, its records left in the reader's spool (close it, or use it in a `with`)."""
    try:
        return read_table_isolated(
            content,
            run.filename,
            Limits(max_bytes=settings.IMPORT_MAX_BYTES),
            run.profile,
            memory_mb=settings.IMPORT_READ_MEMORY_MB,
            timeout=settings.IMPORT_READ_TIMEOUT,
        )
    except ReaderCrashed as exc:
        logger.warning("Import %s: the reader crashed on %s (%s)", run.pk, run.filename, exc.code)
        raise ImportFailed(exc.code, exc.message_vi, crashed=True) from exc
    except UnreadableFile as exc:
        raise ImportFailed(exc.code, exc.message_vi) from exc
    except TableNotFound as exc:
        raise ImportFailed(exc.code or "no_table", exc.message_vi) from exc
    except ReadingError as exc:
        raise ImportFailed(getattr(exc, "code", "unreadable"), exc.message_vi) from exc


def _process(run: ImportRun, *, dry_run: bool) -> dict[str, Any]:
    started = time.monotonic()
    with run.file.open("rb") as fh:
        content = fh.read()
    set_progress(run, 0, 0, "reading")
    # The records stay in the reader's spool and become rows a chunk at a time (profile.build): this process
    # never holds the workbook, nor the file's records whole. The spool is removed when the block ends.
    with _read(run, content) as table:
        del content
        data = table.data
        profile = get_profile(table.profile.name)
        context = Context(
            filename=run.filename,
            options=dict(run.options),
            title=table.title,
            user=run.created_by,
            run_id=run.pk,
            columns={key: match.letter for key, match in table.columns.items()},
        )
        total = len(data.records)
        set_progress(run, 0, total, "checking")
        rows, table_warnings = profile.build(table, data, context)
        table_warnings = [{"row": None, "column": "", "message": w} for w in table.warnings] + table_warnings
        summary = {
            "profile": table.profile.name,
            "sheet": table.sheet_name,
            "header_rows": list(table.header_rows),
            "data_rows": total,
            "sections": [{"row": s.row, "label": s.label, "kind": s.kind} for s in data.sections],
        }
    del table, data  # the rows hold all that is needed

    def progress(done: int, of: int) -> None:
        set_progress(run, done, of, "checking" if dry_run else "applying")

    extra: dict[str, Any] = {}
    errors = context.errors + [e for r in rows for e in r.errors]
    if not errors:
        try:
            if dry_run:
                extra = profile.land(rows, context, dry_run=True, progress=progress)
            else:
                # PostgreSQL's search title norms are refreshed once when the batches are written, not per batch.
                with journal.recording(run.pk), title_norms_deferred():
                    extra = profile.land(rows, context, dry_run=False, progress=progress)
            errors = [e for r in rows for e in r.errors]
        except ValueError as exc:
            errors = [{"row": None, "column": "", "message": str(exc)}]
        except DatabaseError as exc:
            logger.warning("Import %s: the database refused the write: %s", run.pk, exc)
            errors = [
                {
                    "row": None,
                    "column": "",
                    "message": f"Cơ sở dữ liệu từ chối ghi ({exc.__class__.__name__}); không ghi dòng nào. "
                    "Có thể chạy lại.",
                }
            ]
        except Exception:
            # A process that dies here gets no cleanup at all: its stale run is undone by importers.recovery.
            if not dry_run:
                journal.undo(run.pk)
            raise
        if errors and not dry_run:
            journal.undo(run.pk)  # the batches written before the failure: the catalog is as before
    report = build_report(run, summary, rows, table_warnings, errors, extra)
    report["duration_s"] = round(time.monotonic() - started, 3)
    report["dry_run"] = dry_run
    return report


def _finish(run_id: int, report: dict, status: str, message: str = "") -> ImportRun:
    result_label, result_url = "", ""
    if report.get("decision"):
        result_label = f"Quyết định (dự thảo) {report['decision']['number']}"[:255]
    if report.get("plan") and report["plan"].get("id"):
        result_label = report["plan"]["title"][:255]
        result_url = reverse("plan_detail", args=[report["plan"]["id"]])
    with transaction.atomic():  # "done" and the journal's end are one step: a done run is never undone
        _record(run_id, report, status, message, result_label, result_url)
        if status == ImportRun.Status.DONE:
            journal.forget(run_id)
    # The stored report was just written from `report`, which the caller holds: reading it back would parse
    # 2,000 records of JSON for nothing (11 MB at the end of a 50,000-row import, its peak). Loaded if asked.
    run = ImportRun.objects.defer("report").get(pk=run_id)
    clear_progress(run)
    return run


def _record(run_id: int, report: dict, status: str, message: str, result_label: str, result_url: str) -> None:
    ImportRun.objects.filter(pk=run_id).update(
        status=status,
        report=stored_report(report),
        message=message,
        finished_at=timezone.now(),
        detected_profile=report.get("profile") or "",
        created=report.get("created", 0),
        updated=report.get("updated", 0),
        unchanged=report.get("unchanged", 0),
        skipped=report.get("skipped", 0),
        error_count=len(report.get("errors", [])),
        warning_count=len(report.get("warnings", [])),
        result_label=result_label,
        result_url=result_url,
    )


def _failed(run: ImportRun, exc: ImportFailed) -> tuple[ImportRun, dict]:
    """A file that cannot be read; a crash of the reader is counted and may quarantine the run."""
    report = failed_report(run, exc.code, exc.message)
    finished = _finish(run.pk, report, ImportRun.Status.FAILED, exc.message)
    if exc.crashed:
        finished = count_crash(finished, exc.message)
        report["errors"][0]["message"] = finished.message
    return finished, report


def _preview(run_id: int) -> tuple[ImportRun | None, dict]:
    run = _claim(run_id, (ImportRun.Status.QUEUED,), ImportRun.Status.READING)
    if run is None:
        current = ImportRun.objects.filter(pk=run_id).first()
        return current, (current.report if current else {})
    try:
        report = _process(run, dry_run=True)
    except ImportFailed as exc:
        return _failed(run, exc)
    except Exception:
        logger.exception("Import preview %s crashed", run_id)
        _finish(run.pk, {}, ImportRun.Status.FAILED, "Lỗi hệ thống khi đọc tệp; có thể chạy lại.")
        raise
    if report["errors"]:
        message = f"Có {len(report['errors'])} lỗi; hãy sửa tệp và tải lên lại. Chưa ghi dữ liệu nào."
        return _finish(run.pk, report, ImportRun.Status.FAILED, message), report
    return _finish(run.pk, report, ImportRun.Status.PREVIEW), report


def preview_run(run_id: int) -> ImportRun | None:
    """Read, validate and dry-run a queued run; leaves it in "preview" (or "failed"). Writes no data."""
    return _preview(run_id)[0]


def _apply(
    run_id: int, *, claim_from: tuple[str, ...] = (ImportRun.Status.PREVIEW,)
) -> tuple[ImportRun | None, dict]:
    run = _claim(run_id, claim_from, ImportRun.Status.APPLYING)
    if run is None:
        current = ImportRun.objects.filter(pk=run_id).first()
        if current and current.status == ImportRun.Status.APPLYING and is_stale(current):
            # The worker that held it died midway: its batches are undone and the crash counted; the retry
            # asked for goes on unless that made the run quarantined.
            current = recover_stale(current)
            if current.status == ImportRun.Status.FAILED and ImportRun.objects.filter(
                pk=run_id, status=ImportRun.Status.FAILED
            ).update(status=ImportRun.Status.PREVIEW):
                return _apply(run_id)
        return current, (current.report if current else {})
    ImportRun.objects.filter(pk=run_id).update(attempts=run.attempts + 1)
    try:
        report = _process(run, dry_run=False)
    except ImportFailed as exc:
        return _failed(run, exc)
    except Exception:
        logger.exception("Import apply %s crashed", run_id)
        # What was written is undone (_process); back to preview so that it can be confirmed again.
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.PREVIEW,
            message="Lỗi hệ thống khi ghi; phần đã ghi dở đã được hoàn tác. Có thể chạy lại.",
        )
        raise
    if report["errors"]:
        message = f"Có {len(report['errors'])} lỗi; không ghi dòng nào."
        return _finish(run.pk, report, ImportRun.Status.FAILED, message), report
    return _finish(run.pk, report, ImportRun.Status.DONE), report


def apply_run(run_id: int) -> ImportRun | None:
    """Write a previewed run, all rows or none; running it again after success changes nothing."""
    return _apply(run_id)[0]


def recover_imports() -> int:
    """The periodic job: every run whose worker died is undone and counted as a crash; returns how many."""
    return recover_all()


def retry_run(run_id: int) -> tuple[ImportRun | None, str | None]:
    """Make a failed or dead run runnable again; returns the run and the job to enqueue ("preview"/"apply").

    A run that died while applying goes back to its confirmed apply; any other goes back to the preview.
    When the same file is meanwhile active in another run, that run is returned with no job.
    """
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None or run.status == ImportRun.Status.QUARANTINED:
        return run, None
    if run.status == ImportRun.Status.APPLYING and is_stale(run):
        return run, "apply"
    if run.status in (ImportRun.Status.QUEUED, ImportRun.Status.READING) and is_stale(run):
        run = recover_stale(run)
        if run.status == ImportRun.Status.QUARANTINED:
            return run, None
    if run.status != ImportRun.Status.FAILED:
        return run, None
    try:
        with transaction.atomic():
            ImportRun.objects.filter(pk=run.pk, status=run.status).update(
                status=ImportRun.Status.QUEUED, message="", heartbeat_at=timezone.now()
            )
    except IntegrityError:
        other = ImportRun.objects.filter(
            sha256=run.sha256, profile=run.profile, status__in=ImportRun.ACTIVE
        ).first()
        return other, None
    return ImportRun.objects.get(pk=run.pk), "preview"


def import_file(
    path, *, profile: str = "auto", dry_run: bool = False, user=None, options: dict | None = None
) -> tuple[dict, int]:
    """`manage.py import_appendix`: the same path as the admin. Returns (report, exit status 0/1/2)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > settings.IMPORT_MAX_BYTES:
            raise ImportFailed("too_large", too_large_message())
        run = create_run(path.read_bytes(), path.name, profile=profile, user=user, options=options)
    except OSError:
        return failed_report(None, "unreadable", "Không mở được tệp.", filename=path.name), 2
    except ImportFailed as exc:
        return failed_report(None, exc.code, exc.message, filename=path.name), 2
    if run.status != ImportRun.Status.QUEUED:
        message = (
            f"Tệp này đang được nhập ở lượt #{run.pk} ({run.get_status_display()}); hãy chờ lượt đó xong."
        )
        return failed_report(run, "busy", message), 1
    if dry_run:
        run, report = _preview(run.pk)
        succeeded = run.status == ImportRun.Status.PREVIEW
        if succeeded:
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportRun.Status.CANCELLED, message="Chạy thử (--dry-run): không ghi dữ liệu."
            )
    else:
        # The operator's command is its own confirmation: one pass that validates and writes, and rolls
        # everything back when any row fails, instead of a dry run followed by the same pass for real.
        run, report = _apply(run.pk, claim_from=(ImportRun.Status.QUEUED,))
        succeeded = run.status == ImportRun.Status.DONE
    if report.get("unreadable"):
        return report, 2
    return report, 0 if succeeded else 1

"""Runs that crashed or whose worker died: undo what they wrote, count the crash, quarantine repeat offenders.

A crash is the child reader dying on the file (memory, time, a parser abort: importers.reading.isolation)
or the worker dying during the run (its heartbeat stopped: importers.progress). A file that crashed twice
is quarantined: no automatic retry, a retry by hand is refused, and uploading the same file again is
refused too, so one crafted file cannot keep a worker busy crashing.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from . import journal
from .models import ImportRun
from .progress import clear_progress, is_stale

__all__ = [
    "QUARANTINE_MESSAGE",
    "count_crash",
    "prior_crashes",
    "quarantined_message",
    "recover_all",
    "recover_stale",
]

logger = logging.getLogger(__name__)

QUARANTINE_MESSAGE = (
    "Tệp này đã làm trình đọc hoặc tiến trình xử lý dừng đột ngột {crashes} lần nên bị cách ly: hệ thống không "
    "tự chạy lại và không cho chạy lại lượt này; chưa ghi dữ liệu nào. Hãy mở tệp bằng Excel, chỉ giữ lại bảng "
    "cần nhập, lưu dưới dạng .xlsx rồi tải lên như một tệp mới; nếu tệp không do cán bộ soạn, hãy báo bộ phận "
    "quản trị hệ thống."
)


def quarantined_message(crashes: int) -> str:
    return QUARANTINE_MESSAGE.format(crashes=crashes)


def prior_crashes(sha256: str) -> tuple[int, ImportRun | None]:
    """(most crashes any run of this file had, a quarantined run of it if there is one)."""
    runs = ImportRun.objects.filter(sha256=sha256)
    quarantined = runs.filter(status=ImportRun.Status.QUARANTINED).first()
    return runs.aggregate(most=Max("crashes"))["most"] or 0, quarantined


def count_crash(run: ImportRun, message: str) -> ImportRun:
    """One more crash for this run: failed with `message`, or quarantined at the threshold."""
    ImportRun.objects.filter(pk=run.pk).update(crashes=F("crashes") + 1)
    run.refresh_from_db(fields=["crashes"])
    if run.crashes >= ImportRun.QUARANTINE_AFTER:
        status, message = ImportRun.Status.QUARANTINED, quarantined_message(run.crashes)
        logger.warning("Import %s (%s) quarantined after %s crashes", run.pk, run.filename, run.crashes)
    else:
        status = ImportRun.Status.FAILED
        message = f"{message} (Sự cố lần {run.crashes}; nếu chạy lại mà gặp lại, tệp sẽ bị cách ly.)"
    ImportRun.objects.filter(pk=run.pk).update(status=status, message=message, finished_at=timezone.now())
    run.refresh_from_db()
    return run


def recover_stale(run: ImportRun) -> ImportRun:
    """A run whose worker died: undo what it wrote (resumable), count the crash. Returns the run as left."""
    journal.undo(run.pk)
    with transaction.atomic():
        claimed = ImportRun.objects.filter(pk=run.pk, status__in=ImportRun.ACTIVE).update(
            status=ImportRun.Status.FAILED
        )
    if not claimed:
        return ImportRun.objects.get(pk=run.pk)
    clear_progress(run)
    return count_crash(
        run, "Lượt nhập bị gián đoạn (tiến trình xử lý đã dừng); phần đã ghi dở đã được hoàn tác."
    )


def recover_all() -> int:
    """Every stale run (the periodic job): undo and count; returns how many."""
    found = 0
    for run in ImportRun.objects.filter(status__in=ImportRun.ACTIVE):
        if is_stale(run):
            recover_stale(run)
            found += 1
    for run_id in (
        ImportRun.objects.filter(undo_steps__isnull=False)
        .exclude(status__in=ImportRun.ACTIVE)
        .values_list("pk", flat=True)
        .distinct()
    ):
        # An undo interrupted midway (the run is already failed): finish it.
        journal.undo(run_id)
    return found

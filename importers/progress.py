"""A run's progress and heartbeat, kept in huey's storage rather than in the database.

The apply runs inside one database transaction (all rows or none), so anything it wrote to the database
would stay invisible until the end. Huey's storage (its own SQLite file, or Redis) is outside that
transaction and shared by the worker and the web server: the progress bar reads it while the job runs, and
a run whose heartbeat stopped is known to be dead (a killed worker), so it does not block the next upload.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from .models import ImportRun

__all__ = ["STALE_AFTER", "clear_progress", "is_stale", "progress_of", "set_progress"]

#: A run whose worker has given no sign of life for this long is dead; the progress ticks every batch
#: (well under a second), and reading even a 20 MB file takes seconds, so two minutes leaves a wide margin.
STALE_AFTER = timedelta(seconds=getattr(settings, "IMPORT_STALE_SECONDS", 120))


def _key(run: ImportRun) -> str:
    # The creation time keeps keys apart when a test database restarts ids against a persistent Redis.
    return f"motcua-import-progress-{run.pk}-{int(run.created_at.timestamp() * 1000)}"


def set_progress(run: ImportRun, done: int, total: int, phase: str) -> None:
    from huey.contrib.djhuey import HUEY

    HUEY.put(_key(run), {"done": done, "total": total, "phase": phase, "at": time.time()})


def clear_progress(run: ImportRun) -> None:
    from huey.contrib.djhuey import HUEY

    HUEY.get(_key(run))  # a read without peek removes the entry


def _stored(run: ImportRun) -> dict[str, Any]:
    from huey.contrib.djhuey import HUEY

    return HUEY.get(_key(run), peek=True) or {}


def last_sign_of_life(run: ImportRun) -> datetime:
    beat = run.heartbeat_at or run.created_at
    at = _stored(run).get("at")
    if at:
        beat = max(beat, datetime.fromtimestamp(at, tz=UTC))
    return beat


def is_stale(run: ImportRun) -> bool:
    return run.status in ImportRun.ACTIVE and timezone.now() - last_sign_of_life(run) > STALE_AFTER


def progress_of(run: ImportRun) -> dict[str, Any]:
    """What the progress bar shows: rows done of the total, the phase, the run's status and message."""
    value = _stored(run) if run.status in ImportRun.ACTIVE else {}
    done, total = value.get("done", 0), value.get("total", 0)
    if run.status in (ImportRun.Status.PREVIEW, ImportRun.Status.DONE):
        total = max(run.report.get("data_rows", 0), 1) if run.report else 1
        done = total
    return {
        "status": run.status,
        "label": run.get_status_display(),
        "done": done,
        "total": total,
        "phase": value.get("phase", ""),
        "percent": int(100 * done / total) if total else 0,
        "message": run.message,
        "stale": is_stale(run),
    }

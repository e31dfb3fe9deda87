"""Import jobs (huey): thin tasks that take a run id, call the service, and let it record the outcome.

No automatic retry: a job whose worker died leaves a stale run that `recover_imports` undoes and counts as
a crash (a file that crashed twice is quarantined instead of being run again by huey).
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from . import services


@db_task()
def preview_import(run_id: int) -> str:
    run = services.preview_run(run_id)
    return run.status if run else "missing"


@db_task()
def apply_import(run_id: int) -> str:
    run = services.apply_run(run_id)
    return run.status if run else "missing"


@db_periodic_task(crontab(minute="*/5"))
@lock_task("importers-recover-imports")
def recover_imports() -> int:
    """Runs whose worker died: undo what they wrote, count the crash (quarantine at the second)."""
    return services.recover_imports()

"""Import jobs (huey): thin tasks that take a run id, call the service, and let it record the outcome."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from . import services


@db_task(retries=1, retry_delay=10)
def preview_import(run_id: int) -> str:
    run = services.preview_run(run_id)
    return run.status if run else "missing"


@db_task(retries=1, retry_delay=10)
def apply_import(run_id: int) -> str:
    run = services.apply_run(run_id)
    return run.status if run else "missing"

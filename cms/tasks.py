"""The cms's background jobs (huey, discovered as `<app>.tasks`): the worker heartbeat that `/healthz` reads."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from cms.health import write_heartbeat


@db_periodic_task(crontab(minute="*"))
def worker_heartbeat() -> None:
    """Every minute: tell `/healthz` a consumer is alive and reaches the queue's storage."""
    write_heartbeat()


@HUEY.on_startup()
def heartbeat_on_start() -> None:
    # A freshly started consumer is healthy at once, not at the next minute's beat.
    write_heartbeat()

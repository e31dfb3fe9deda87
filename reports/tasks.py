"""Report jobs (huey): on the first of each month, last month's (and, after a quarter, last quarter's) report
files are produced and emailed. Safe to run twice (see reports.services.scheduled); the command
`manage.py produce_reports` does the same by hand."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from reports.services.scheduled import produce_due_reports


@db_periodic_task(crontab(day="1", hour="6", minute="15"))
@lock_task("reports-produce-due")
def produce_periodic_reports() -> int:
    return len(produce_due_reports())

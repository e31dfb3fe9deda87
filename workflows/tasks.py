"""Dossier jobs (huey): when each runs. What they do is in the services (`services.jobs`, `services.notices`);
the applicant's notices are `services.notices.notify_applicant`, queued when an action commits."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .services import jobs
from .services.notices import notify_applicant
from .services.payments.simulator import deliver_notification

__all__ = [
    "advance_automatic_steps",
    "deliver_notification",
    "mark_overdue",
    "notify_applicant",
    "remind_assignees",
]


@db_periodic_task(crontab(minute="*/10"))
@lock_task("workflows-mark-overdue")
def mark_overdue() -> int:
    """Flag open dossiers past their due date (and unflag any whose date moved)."""
    return jobs.flag_overdue()


@db_periodic_task(crontab(minute="*"))
@lock_task("workflows-advance-automatic")
def advance_automatic_steps() -> int:
    """Move on every dossier standing on an automatic step."""
    return jobs.advance_automatic()


@db_periodic_task(crontab(minute="*/15"))
@lock_task("workflows-remind-assignees")
def remind_assignees() -> int:
    """Remind the officers of steps falling due soon."""
    return jobs.remind_assignees()

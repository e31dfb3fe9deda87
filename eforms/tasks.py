"""The online forms' background jobs (huey discovers `<app>.tasks` of every installed app). A job takes ids and
only calls `eforms.services`; the services never enqueue jobs themselves (the caller does, after commit), so
the two modules do not import each other."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from . import services


@db_task()
def send_submission_confirmation(submission_id: int) -> bool:
    """Email the applicant the dossier code (`services.send_confirmation`); a failure is logged."""
    return services.send_confirmation(submission_id)


@db_periodic_task(crontab(minute="20"))
@lock_task("cms-purge-pending-uploads")  # the lock's name from before the move, so old and new never overlap
def purge_pending_uploads() -> int:
    """Hourly: drop the files held for failed attempts that nobody came back for within two days."""
    return services.purge_pending_uploads()

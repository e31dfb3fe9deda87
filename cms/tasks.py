"""The cms's background jobs (huey, discovered as `<app>.tasks`): the online forms' confirmation mail, sent
after the submission commits instead of inside the citizen's request, and the purge of held uploads."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task, lock_task


@db_task()
def send_submission_confirmation(submission_id: int) -> bool:
    """Email the applicant the dossier code (`cms.forms.services.send_confirmation`); a failure is logged."""
    from cms.forms.services import send_confirmation

    return send_confirmation(submission_id)


@db_periodic_task(crontab(minute="20"))
@lock_task("cms-purge-pending-uploads")
def purge_pending_uploads() -> int:
    """Hourly: drop the files held for failed attempts that nobody came back for within two days."""
    from cms.forms.services import purge_pending_uploads as purge

    return purge()


@db_periodic_task(crontab(minute="*"))
def worker_heartbeat() -> None:
    """Every minute: tell `/healthz` a consumer is alive and reaches the queue's storage."""
    from cms.health import write_heartbeat

    write_heartbeat()


@HUEY.on_startup()
def heartbeat_on_start() -> None:
    # A freshly started consumer is healthy at once, not at the next minute's beat.
    from cms.health import write_heartbeat

    write_heartbeat()

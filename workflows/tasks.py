"""Dossier jobs (huey): mark overdue dossiers, remind assignees, move automatic steps. Each is safe to run twice.

The jobs only schedule: what they do is in the services (`perform_action`, `services.notices`). The
applicant's notices are the `notify_applicant` job of `services.notices`, queued when an action commits.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .models import Dossier, WorkflowStep
from .queues import PROCESSING_STATUSES, running
from .services import ActionNotAllowed, Conflict, perform_action
from .services.deadlines import current_calendar
from .services.notices import notify_applicant, remind_officers

__all__ = [
    "advance_automatic_steps",
    "mark_overdue",
    "notify_applicant",
    "remind_assignees",
    "reminder_candidates",
]

# Assignees hear about a step this many working hours before its due time.
REMIND_BEFORE_WORKING_HOURS = 4


@db_periodic_task(crontab(minute="*/10"))
@lock_task("workflows-mark-overdue")
def mark_overdue() -> int:
    """Flag open dossiers past their due date (and unflag any whose date moved). Idempotent."""
    now = timezone.now()
    flagged = Dossier.objects.filter(running(), due_at__lt=now, overdue=False).update(overdue=True)
    Dossier.objects.filter(overdue=True).exclude(running() & Q(due_at__lt=now)).update(overdue=False)
    return flagged


@db_periodic_task(crontab(minute="*"))
@lock_task("workflows-advance-automatic")
def advance_automatic_steps() -> int:
    """Move on every dossier standing on an automatic step (as the system, in the history)."""
    pairs = WorkflowStep.objects.filter(automatic=True).values_list("workflow_id", "code").distinct()
    where = Q(pk__in=[])
    for workflow_id, code in pairs:
        where |= Q(workflow_id=workflow_id, step_code=code)
    moved = 0
    for dossier in Dossier.objects.filter(where, status__in=PROCESSING_STATUSES).select_related("procedure"):
        # The dossier runs on its own snapshot: only a step automatic there is moved.
        while (dossier.step() or {}).get("automatic") and dossier.status in PROCESSING_STATUSES:
            try:
                dossier = perform_action(dossier, "transfer", None, note="Tự động chuyển tiếp")
            except (ActionNotAllowed, Conflict):
                break  # an officer acted first, or the state does not allow it: nothing to do
            moved += 1
    return moved


def reminder_candidates(now=None):
    """Dossiers whose current step falls due within the reminder window and whose clock runs."""
    now = now or timezone.now()
    calendar = current_calendar()
    horizon = calendar.add_working_minutes(now, REMIND_BEFORE_WORKING_HOURS * 60)
    return Dossier.objects.filter(
        running(), status__in=PROCESSING_STATUSES, step_due_at__gte=now, step_due_at__lte=horizon
    ).select_related("assignee")


@db_periodic_task(crontab(minute="*/15"))
@lock_task("workflows-remind-assignees")
def remind_assignees() -> int:
    """Email the officer holding a step (or, unassigned, its group) before the step's due time."""
    return remind_officers(reminder_candidates())

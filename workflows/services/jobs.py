"""What the periodic jobs do (`workflows.tasks` only schedules them): each is safe to run twice."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from workflows.models import Dossier, WorkflowStep
from workflows.queues import PROCESSING_STATUSES, running

from .actions import ActionNotAllowed, Conflict, perform_action
from .deadlines import current_calendar
from .notices import remind_officers

# Assignees hear about a step this many working hours before its due time.
REMIND_BEFORE_WORKING_HOURS = 4


def flag_overdue() -> int:
    """Flag open dossiers past their due date (and unflag any whose date moved). Idempotent."""
    now = timezone.now()
    flagged = Dossier.objects.filter(running(), due_at__lt=now, overdue=False).update(overdue=True)
    Dossier.objects.filter(overdue=True).exclude(running() & Q(due_at__lt=now)).update(overdue=False)
    return flagged


def advance_automatic() -> int:
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


def remind_assignees() -> int:
    """Email the officer holding a step (or, unassigned, its group) before the step's due time."""
    return remind_officers(reminder_candidates())

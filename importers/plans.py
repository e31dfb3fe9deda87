"""Who may change a plan task's status: its lead agency, or the provincial office.

A task's lead agencies are the catalog agencies its "Cơ quan chủ trì" cell was matched to at import
(`PlanTask.lead`). Which agency a user works for is the workflows app's knowledge (its officers), which
this app may not import: the caller (cms) passes the user's agency ids in, and the rule stays here.
Users holding `importers.change_plantask` (the provincial office that follows the plan) may edit any task.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Plan, PlanTask

__all__ = ["TaskEditDenied", "editable_task_ids", "plan_page", "set_task_status"]

OFFICE_PERMISSION = "importers.change_plantask"


class TaskEditDenied(PermissionError):
    """The user may not change this task's status; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def editable_task_ids(tasks: Iterable[PlanTask], user, agency_ids: Iterable[int]) -> set[int]:
    """Ids among `tasks` whose status this user may change (one query, whatever the number of tasks)."""
    ids = [t.pk for t in tasks]
    if user is None or not user.is_authenticated or not user.is_active or not ids:
        return set()
    if user.has_perm(OFFICE_PERMISSION):
        return set(ids)
    agencies = set(agency_ids)
    if not agencies:
        return set()
    through = PlanTask.lead.through
    return set(
        through.objects.filter(plantask_id__in=ids, agency_id__in=agencies).values_list(
            "plantask_id", flat=True
        )
    )


def plan_page(plan_id: int) -> dict[str, Any] | None:
    """What the plan's page shows: the plan, its tasks grouped by section in the table's order, how many
    are overdue, and the status choices. None when there is no such plan."""
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        return None
    tasks = list(plan.tasks.prefetch_related("lead"))
    return {
        "plan": plan,
        "tasks": tasks,
        "sections": [(section, list(items)) for section, items in groupby(tasks, key=lambda t: t.section)],
        "overdue": sum(t.overdue for t in tasks),
        "statuses": PlanTask.Status.choices,
    }


def set_task_status(
    task_id: int, status: str, *, user, agency_ids: Iterable[int], plan_id: int | None = None
) -> PlanTask:
    """Change one task's status (of that plan, when given); raises `TaskEditDenied`, `ValueError` (an unknown
    status) or `PlanTask.DoesNotExist`."""
    if status not in PlanTask.Status.values:
        raise ValueError("Tình trạng không hợp lệ.")
    with transaction.atomic():
        tasks = PlanTask.objects.select_for_update()
        task = tasks.get(pk=task_id, **({"plan_id": plan_id} if plan_id is not None else {}))
        if task.pk not in editable_task_ids([task], user, agency_ids):
            raise TaskEditDenied(
                "Chỉ cơ quan chủ trì nhiệm vụ này (hoặc Văn phòng theo dõi kế hoạch) mới cập nhật được tình trạng."
            )
        if task.status != status:
            task.status = status
            task.status_changed_at = timezone.now()
            task.status_changed_by = user
            task.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    return task

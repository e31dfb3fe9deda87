"""Public pages of the importers app: the plans imported from the seeds' task tables.

The plan page's URL is the cms's (`plan_detail`, cms.views_plans), which adds the status form for the tasks
the user's agency leads; this module serves the plan list and renders the page for it (`render_plan`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import Plan, PlanTask
from .plans import plan_page


def plan_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    plans = Plan.objects.annotate(
        n=Count("tasks"),
        done=Count("tasks", filter=Q(tasks__status=PlanTask.Status.DONE)),
        overdue=Count("tasks", filter=Q(tasks__due__lt=today) & ~Q(tasks__status=PlanTask.Status.DONE)),
    )
    return render(request, "importers/plan_list.html", {"plans": plans})


def render_plan(
    request: HttpRequest,
    pk: int,
    *,
    editable: Callable[[Iterable[PlanTask]], set[int]] | None = None,
    status_action: str = "",
) -> HttpResponse:
    """The plan page: tasks by section with status and overdue marks; `editable` picks the tasks whose status the user
    may change (a form is shown for those, posting to `status_action`)."""
    page = plan_page(pk)
    if page is None:
        raise Http404("Không có kế hoạch này.")
    page["editable"] = editable(page["tasks"]) if editable and status_action else set()
    page["status_action"] = status_action
    return render(request, "importers/plan_detail.html", page)

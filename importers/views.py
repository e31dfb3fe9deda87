"""Public pages of the importers app: the plans imported from the seeds' task tables."""

from __future__ import annotations

from itertools import groupby

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Plan, PlanTask


def plan_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    plans = Plan.objects.annotate(
        n=Count("tasks"),
        done=Count("tasks", filter=Q(tasks__status=PlanTask.Status.DONE)),
        overdue=Count("tasks", filter=Q(tasks__due__lt=today) & ~Q(tasks__status=PlanTask.Status.DONE)),
    )
    return render(request, "importers/plan_list.html", {"plans": plans})


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    tasks = list(plan.tasks.all())
    sections = [(section, list(items)) for section, items in groupby(tasks, key=lambda t: t.section)]
    return render(
        request,
        "importers/plan_detail.html",
        {"plan": plan, "sections": sections, "overdue": sum(t.overdue for t in tasks)},
    )

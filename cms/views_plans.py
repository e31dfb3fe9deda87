"""Plans on the public site, with the task status editable by each task's lead agency.

Who the user works for is the workflows app's (its officers); which agencies lead a task, and the rule
for editing, are the importers app's (`importers.services.editable_task_ids` / `set_task_status`). The cms
composes the two: it looks the officer's agency up and passes it in. The plan page's URL (`plan_detail`) is
the cms's; the importers render the page (`importers.views.render_plan`) and reverse that name.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from importers import views as importer_views
from importers.services import TaskEditDenied, editable_task_ids, set_task_status
from workflows.models import Officer


def _agency_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    try:
        return {user.officer.agency_id}
    except Officer.DoesNotExist:
        return set()


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agencies = _agency_ids(request.user)
    return importer_views.render_plan(
        request,
        pk,
        editable=lambda tasks: editable_task_ids(tasks, request.user, agencies),
        status_action=reverse("plan_task_status", args=[pk]),
    )


@require_POST
def task_status(request: HttpRequest, pk: int) -> HttpResponse:
    task_id = request.POST.get("task", "")
    if not task_id.isdigit():
        raise Http404("Không có nhiệm vụ này trong kế hoạch.")
    try:
        task = set_task_status(
            int(task_id),
            request.POST.get("status", ""),
            user=request.user,
            agency_ids=_agency_ids(request.user),
            plan_id=pk,
        )
    except ObjectDoesNotExist as exc:
        raise Http404("Không có nhiệm vụ này trong kế hoạch.") from exc
    except TaskEditDenied as exc:
        # The form is shown only to those who may use it: a refused POST is a stale page or a forged one.
        return HttpResponseForbidden(exc.message, content_type="text/plain; charset=utf-8")
    except ValueError as exc:  # a status that is not one of the choices
        messages.error(request, str(exc))
        return redirect(reverse("plan_detail", args=[pk]))
    messages.success(request, f"Đã cập nhật tình trạng nhiệm vụ {task.number}: {task.get_status_display()}.")
    return redirect(f"{reverse('plan_detail', args=[pk])}#nhiem-vu-{task.pk}")

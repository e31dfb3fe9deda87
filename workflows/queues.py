"""The officers' queues (to receive, to process, waiting for supplement, due soon, overdue, to return) as SQL.

One definition serves the admin's tabs, their counts and the jobs, so "overdue" means the same thing on
the listing, on the dashboard and in `mark_overdue`: open, not paused, past its due time.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import Dossier, DossierStatus
from .models.dossiers import OPEN_STATUSES
from .services.deadlines import current_calendar

S = DossierStatus
PROCESSING_STATUSES = (S.RECEIVED, S.PROCESSING, S.FINANCIAL)
# "Due soon" looks this many working days ahead, counted on the working-day calendar (a Friday afternoon
# dossier due on Monday is due soon; one due after a long Tết holiday is not yet).
DUE_SOON_WORKING_DAYS = 2

QUEUE_LABELS = {
    "mine": "Việc của tôi",
    "to_receive": "Chờ tiếp nhận",
    "to_process": "Đang xử lý",
    "waiting_supplement": "Chờ bổ sung",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "to_return": "Chờ trả kết quả",
}


def due_soon_horizon(now: dt.datetime) -> dt.datetime:
    calendar = current_calendar()
    return calendar.add_working_minutes(now, DUE_SOON_WORKING_DAYS * calendar.day_minutes)


def running() -> Q:
    """Open dossiers whose clock runs: the ones that can become late."""
    return Q(status__in=OPEN_STATUSES, paused_at__isnull=True, due_at__isnull=False)


# Decree 118/2025: the receiving center and the competent agency are two scopes. Taking in and handing back
# are the center's queues; processing and waiting for a supplement are the competent agency's (and an
# inter-agency hop's). Due soon / overdue concern both, within what the officer may see.
RECEPTION_QUEUES = ("to_receive", "to_return")
PROCESSING_QUEUES = ("to_process", "waiting_supplement")


def scope_q(key: str, user) -> Q:
    """Narrow a queue to the officer's side of the dossier; administrators and non-officers keep it whole."""
    officer = getattr(user, "officer", None) if user is not None and not user.is_superuser else None
    if officer is None:
        return Q()
    if key in RECEPTION_QUEUES:
        return Q(center_id=officer.center_id) | Q(agency_id=officer.agency_id)
    if key in PROCESSING_QUEUES:
        return Q(agency_id=officer.agency_id) | Q(step_agency=officer.agency.identifier)
    return Q()


def queue_q(key: str, *, now: dt.datetime | None = None, user=None) -> Q:
    return _queue_q(key, now=now, user=user) & scope_q(key, user)


def _queue_q(key: str, *, now: dt.datetime | None = None, user=None) -> Q:
    now = now or timezone.now()
    if key == "mine":
        if user is None:
            return Q(pk__in=[])
        groups = list(user.groups.values_list("name", flat=True)) if user.is_authenticated else []
        return Q(status__in=(*PROCESSING_STATUSES, S.SUPPLEMENT, S.DONE)) & (
            Q(assignee_id=user.pk) | Q(assignee__isnull=True, step_group__in=groups)
        )
    if key == "to_receive":
        return Q(status=S.NEW)
    if key == "to_process":
        return Q(status__in=PROCESSING_STATUSES)
    if key == "waiting_supplement":
        return Q(status=S.SUPPLEMENT)
    if key == "due_soon":
        return running() & Q(due_at__gte=now, due_at__lt=due_soon_horizon(now))
    if key == "overdue":
        return running() & Q(due_at__lt=now)
    if key == "to_return":
        return Q(status=S.DONE)
    raise KeyError(key)


def queue_counts(queryset: QuerySet[Dossier], *, now: dt.datetime | None = None, user=None) -> dict[str, int]:
    """Every queue's size in one aggregate query."""
    now = now or timezone.now()
    return queryset.aggregate(
        **{key: Count("pk", filter=queue_q(key, now=now, user=user)) for key in QUEUE_LABELS}
    )

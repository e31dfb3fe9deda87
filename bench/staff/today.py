"""Today's staff-page queries (main before issue 12 item 3), kept verbatim as the benchmark's baseline.

Patched into the views by `run.py` for the "today" half of each measurement, so both halves render the same
pages, on the same data, in the same process.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from workflows.queues import QUEUE_LABELS, queue_q


def queue_counts(queryset, *, now=None, user=None):
    """Every queue's size in one aggregate query, over every visible dossier."""
    now = now or timezone.now()
    return queryset.aggregate(
        **{key: Count("pk", filter=queue_q(key, now=now, user=user)) for key in QUEUE_LABELS}
    )


def dashboard_context(self, parent_context=None):
    from catalog.models import Decision, Procedure
    from importers.models import ImportRun
    from workflows.models import Dossier, DossierStatus
    from workflows.models.dossiers import OPEN_STATUSES
    from workflows.permissions import visible_dossiers

    now = timezone.now()
    today = timezone.localdate()
    dossiers = visible_dossiers(self.request.user)
    open_ = dossiers.filter(status__in=OPEN_STATUSES)
    figures = open_.aggregate(
        to_receive=Count("pk", filter=Q(status=DossierStatus.NEW)),
        in_progress=Count("pk", filter=Q(status__in=[DossierStatus.RECEIVED, DossierStatus.PROCESSING])),
        waiting=Count("pk", filter=Q(status__in=[DossierStatus.SUPPLEMENT, DossierStatus.FINANCIAL])),
        to_return=Count("pk", filter=Q(status=DossierStatus.DONE)),
        overdue=Count("pk", filter=Q(due_at__lt=now, paused_at__isnull=True)),
        due_soon=Count("pk", filter=Q(due_at__gte=now, due_at__lt=now + dt.timedelta(days=2))),
    )
    year = dossiers.filter(received_at__date__gte=today.replace(month=1, day=1))
    done = year.filter(status=DossierStatus.RETURNED).aggregate(
        total=Count("pk"),
        early=Count("pk", filter=Q(timeliness="early")),
        on_time=Count("pk", filter=Q(timeliness="on_time")),
        late=Count("pk", filter=Q(timeliness="late")),
    )
    return {
        "figures": figures,
        "done": done,
        "received_today": dossiers.filter(received_at__date=today).count(),
        "procedures": Procedure.objects.published().count(),
        "drafts": Decision.objects.filter(live=False).count(),
        "imports": ImportRun.objects.select_related("created_by")[:5],
        "overdue_list": open_.filter(due_at__lt=now, paused_at__isnull=True)
        .select_related("procedure")
        .order_by("due_at")[:8],
        "Dossier": Dossier,
    }

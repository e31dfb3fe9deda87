"""Dossier jobs (huey): mark overdue dossiers, remind assignees, notify applicants. Each is safe to run twice."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from .models import Dossier, DossierEvent
from .models.dossiers import OPEN_STATUSES

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/10"))
@lock_task("workflows-mark-overdue")
def mark_overdue() -> int:
    """Flag open dossiers past their due date (and unflag any whose date moved). Idempotent."""
    now = timezone.now()
    open_ = Dossier.objects.filter(status__in=OPEN_STATUSES, paused_at__isnull=True)
    flagged = open_.filter(due_at__lt=now, overdue=False).update(overdue=True)
    open_.filter(due_at__gte=now, overdue=True).update(overdue=False)
    return flagged


NOTICES = {
    "receive": "Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: {due}.",
    "request_supplement": "Hồ sơ {code} cần bổ sung, hoàn thiện: {note}",
    "return_result": "Hồ sơ {code} đã có kết quả và đã được trả.",
    "approve": "Hồ sơ {code} đã có kết quả, mời ông/bà đến nhận theo giấy hẹn.",
    "reschedule": "Xin lỗi ông/bà: hồ sơ {code} được hẹn lại ngày trả kết quả: {due}. Lý do: {note}",
}


@db_task(retries=2, retry_delay=30)
def notify_applicant(event_id: int) -> bool:
    """Email the applicant about one history event; the event id makes a retry send nothing twice."""
    event = DossierEvent.objects.select_related("dossier").filter(pk=event_id).first()
    if event is None or event.action not in NOTICES or event.data.get("notified"):
        return False
    dossier = event.dossier
    if not dossier.applicant_email:
        return False
    due = timezone.localtime(dossier.due_at).strftime("%H:%M ngày %d/%m/%Y") if dossier.due_at else "—"
    body = NOTICES[event.action].format(code=dossier.code, due=due, note=event.note)
    send_mail(f"[Một Cửa] Hồ sơ {dossier.code}", body, settings.DEFAULT_FROM_EMAIL, [dossier.applicant_email])
    # The history is append-only; the delivery mark is the one field jobs may set, through a queryset update.
    DossierEvent.objects.filter(pk=event.pk).update(
        data={**event.data, "notified": timezone.now().isoformat()}
    )
    return True

"""Dossier jobs (huey): mark overdue dossiers, remind assignees, notify applicants. Each is safe to run twice.

Sending is idempotent through `Notice`: the row keyed by what the message is about is inserted in the same
transaction as the send, so a second run (or a retry after success) finds the key and sends nothing, while
a failed send rolls its row back and the retry tries again.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from .models import Dossier, DossierEvent, Notice, WorkflowStep
from .permissions import eligible_assignees
from .queues import PROCESSING_STATUSES, running
from .services import ActionNotAllowed, Conflict, perform_action
from .services.deadlines import current_calendar
from .sms import get_sms_backend

logger = logging.getLogger(__name__)
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


NOTICES = {
    "receive": "Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: {due}.",
    "request_supplement": "Hồ sơ {code} cần bổ sung, hoàn thiện: {note}",
    "return_result": "Hồ sơ {code} đã có kết quả và đã được trả.",
    "approve": "Hồ sơ {code} đã có kết quả, mời ông/bà đến nhận theo giấy hẹn.",
    "reschedule": "Xin lỗi ông/bà: hồ sơ {code} được hẹn lại ngày trả kết quả: {due}. Lý do: {note}",
}


def _deliver(channel: str, recipient: str, subject: str, body: str) -> None:
    if channel == Notice.Channel.SMS:
        get_sms_backend().send(recipient, body)
    else:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])


def send_once(
    key: str,
    dossier: Dossier,
    channel: str,
    recipient: str,
    body: str,
    *,
    subject: str = "",
    event: DossierEvent | None = None,
    user=None,
) -> bool:
    """Record and deliver one message unless a message with this key was already delivered."""
    try:
        with transaction.atomic():
            Notice.objects.create(
                key=key,
                dossier=dossier,
                event=event,
                channel=channel,
                recipient=recipient[:255],
                user=user,
                subject=subject[:255],
                body=body,
                sent_at=timezone.now(),
            )
            _deliver(channel, recipient, subject, body)
    except IntegrityError:
        return False  # sent before: by an earlier run, or by a run beside this one
    return True


def _local(value) -> str:
    return timezone.localtime(value).strftime("%H:%M ngày %d/%m/%Y") if value else "—"


@db_task(retries=2, retry_delay=30)
def notify_applicant(event_id: int) -> int:
    """Email and text the applicant about one history event; returns how many messages went out."""
    event = DossierEvent.objects.select_related("dossier").filter(pk=event_id).first()
    if event is None or event.action not in NOTICES:
        return 0
    dossier = event.dossier
    body = NOTICES[event.action].format(code=dossier.code, due=_local(dossier.due_at), note=event.note)
    subject = f"[Một Cửa] Hồ sơ {dossier.code}"
    sent = 0
    for channel, recipient in (
        (Notice.Channel.EMAIL, dossier.applicant_email),
        (Notice.Channel.SMS, dossier.applicant_phone),
    ):
        if recipient:
            sent += send_once(
                f"event:{event.pk}:{channel}",
                dossier,
                channel,
                recipient,
                body,
                subject=subject if channel == Notice.Channel.EMAIL else "",
                event=event,
            )
    return sent


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
    sent = 0
    # Unassigned steps of one group, agency and desk share their officers: one query for them all.
    officers_of: dict[tuple, list] = {}
    for dossier in reminder_candidates():
        if dossier.assignee_id:
            people = [dossier.assignee]
        else:
            scope = (dossier.step_group, dossier.step_agency, dossier.agency_id, dossier.center_id)
            if scope not in officers_of:
                officers_of[scope] = list(eligible_assignees(dossier))
            people = officers_of[scope]
        step = (dossier.step() or {}).get("name", dossier.step_code)
        body = (
            f"Hồ sơ {dossier.code} đang ở bước “{step}”, hạn xử lý bước: {_local(dossier.step_due_at)}. "
            f"Hẹn trả người nộp: {_local(dossier.due_at)}."
        )
        subject = f"[Một Cửa] Sắp đến hạn xử lý hồ sơ {dossier.code}"
        for person in people:
            if not person.email:
                continue
            # The step's start names it: a dossier sent back to this step later is a new reminder.
            key = f"reminder:{dossier.pk}:{dossier.step_code}:{dossier.step_started_at:%Y%m%d%H%M%S}:{person.pk}"
            sent += send_once(
                key, dossier, Notice.Channel.EMAIL, person.email, body, subject=subject, user=person
            )
    return sent

"""Messages to applicants and officers, each sent once.

Sending is idempotent through `Notice`: the row keyed by what the message is about is inserted in the same
transaction as the send, so a second run (or a retry after success) finds the key and sends nothing, while
a failed send rolls its row back and the retry tries again.

What an action tells the applicant is the action's `notice` in the registry (`workflows.registry`); the
message leaves only after the action's transaction commits, through the `notify_applicant` job.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from huey.contrib.djhuey import db_task

from workflows.models import Dossier, DossierEvent, Notice
from workflows.permissions import eligible_assignees
from workflows.registry import actions
from workflows.sms import get_sms_backend


def deliver(channel: str, recipient: str, subject: str, body: str) -> None:
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
            deliver(channel, recipient, subject, body)
    except IntegrityError:
        return False  # sent before: by an earlier run, or by a run beside this one
    return True


def local_time(value) -> str:
    return timezone.localtime(value).strftime("%H:%M ngày %d/%m/%Y") if value else "—"


def notice_of(action_name: str) -> str:
    """The applicant's message template for an action ("" when the action tells them nothing)."""
    action = actions.get(action_name)
    return action.notice if action is not None else ""


def status_link(dossier: Dossier) -> str:
    """The applicant's status page (the online forms app's URL, by its name: workflows imports no app of
    ours), absolute when the site's address is configured; "" without that app."""
    try:
        path = reverse("forms:status", kwargs={"code": dossier.code})
    except NoReverseMatch:
        return ""
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def notice_values(dossier: Dossier, event: DossierEvent) -> dict[str, str]:
    """What a notice template may name (`workflows.checks.NOTICE_PLACEHOLDERS`)."""
    missing = (event.data or {}).get("missing") or []
    return {
        "code": dossier.code,
        "due": local_time(dossier.due_at),
        "note": event.note,
        "reason": f" Lý do: {event.note}." if event.note else "",
        "missing": ("\nGiấy tờ cần bổ sung: " + "; ".join(missing) + ".") if missing else "",
        "link": status_link(dossier),
    }


@db_task(retries=2, retry_delay=30)
def notify_applicant(event_id: int) -> int:
    """Email and text the applicant about one history event; returns how many messages went out."""
    event = DossierEvent.objects.select_related("dossier").filter(pk=event_id).first()
    template = notice_of(event.action) if event is not None else ""
    if not template:
        return 0
    dossier = event.dossier
    body = template.format(**notice_values(dossier, event))
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


def notify_on_commit(event: DossierEvent) -> None:
    """Tell the applicant after the action is committed (never for an action that rolled back)."""
    if notice_of(event.action):
        transaction.on_commit(lambda: notify_applicant(event.pk))


def remind_officers(dossiers) -> int:
    """Email the officer holding each dossier's step (or, unassigned, its group) before the step's due time."""
    sent = 0
    # Unassigned steps of one group, agency and desk share their officers: one query for them all.
    officers_of: dict[tuple, list] = {}
    for dossier in dossiers:
        if dossier.assignee_id:
            people = [dossier.assignee]
        else:
            scope = (dossier.step_group, dossier.step_agency, dossier.agency_id, dossier.center_id)
            if scope not in officers_of:
                officers_of[scope] = list(eligible_assignees(dossier))
            people = officers_of[scope]
        step = (dossier.step() or {}).get("name", dossier.step_code)
        body = (
            f"Hồ sơ {dossier.code} đang ở bước “{step}”, hạn xử lý bước: {local_time(dossier.step_due_at)}. "
            f"Hẹn trả người nộp: {local_time(dossier.due_at)}."
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

"""Receiving a dossier: validate, pick the workflow, give it a code and a due date, write the first history line."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from catalog.models import Center, Procedure
from catalog.parsing.text import normalize_text
from workflows.calendar.rules import rule_set_for
from workflows.models import Dossier, DossierEvent, DossierStatus
from workflows.permissions import reception_denial

from .codes import new_lookup_secret, next_dossier_code
from .deadlines import due_date, procedure_budget, step_due
from .setup import default_workflow_for, workflow_for

CHANNELS = {c.value for c in Dossier.Channel}


class ReceptionError(ValueError):
    """The dossier cannot be received; the message is Vietnamese and says why."""


class ReceptionForbidden(ReceptionError):
    """This user may not receive this procedure at this center (`workflows.permissions.reception_denial`)."""


def _actor_name(user) -> str:
    if user is None:
        return "Hệ thống"
    return user.get_full_name() or user.get_username()


@transaction.atomic
def receive_dossier(
    *,
    procedure: Procedure,
    center: Center,
    channel: str,
    applicant: dict[str, Any],
    components: list[dict] | None = None,
    user=None,
    received_at: dt.datetime | None = None,
    submitted_online: bool = False,
    files: list | None = None,
) -> Dossier:
    """Create a dossier. Received at a desk it starts in status 2 at the workflow's first step; submitted
    online it waits in status 1 for an officer's `receive` action (the clock starts then)."""
    if procedure.status != Procedure.Status.ACTIVE:
        raise ReceptionError(f"Thủ tục {procedure.code} không còn được áp dụng.")
    if channel not in CHANNELS:
        raise ReceptionError("Cách thức nộp hồ sơ không hợp lệ (trực tiếp, trực tuyến hoặc bưu chính).")
    # Every way in (desk, API, online form) is cleaned here: NFC, no bidi or control characters.
    applicant = {k: normalize_text(v) if isinstance(v, str) else v for k, v in applicant.items()}
    name = applicant.get("name") or ""
    if not name:
        raise ReceptionError("Thiếu tên người nộp hồ sơ.")
    if center.agency_id is None:
        raise ReceptionError("Nơi tiếp nhận chưa gắn với cơ quan nào.")
    denial = reception_denial(user, procedure, center)
    if denial:
        raise ReceptionForbidden(denial)
    workflow = workflow_for(procedure, channel) or default_workflow_for(procedure)
    snapshot = workflow.snapshot()
    if not snapshot["steps"]:
        raise ReceptionError(f"Quy trình “{workflow.name}” chưa có bước nào.")
    now = received_at or timezone.now()
    rule_set = rule_set_for(now)
    dossier = Dossier(
        code=next_dossier_code(center.agency.identifier, timezone.localtime(now).date()),
        procedure=procedure,
        center=center,
        agency=center.agency,
        workflow=workflow,
        workflow_version=workflow.version,
        workflow_snapshot=snapshot,
        channel=channel,
        applicant_kind=applicant.get("kind") or Dossier.ApplicantKind.PERSON,
        applicant_name=name,
        applicant_id_number=(applicant.get("id_number") or "").strip(),
        applicant_phone=(applicant.get("phone") or "").strip(),
        applicant_email=(applicant.get("email") or "").strip(),
        applicant_address=(applicant.get("address") or "").strip(),
        components=components or [],
        rule_set=rule_set.key,
        lookup_secret=new_lookup_secret(),
    )
    if submitted_online:
        dossier.status = DossierStatus.NEW
    else:
        start_clock(dossier, now)
    dossier.save()
    if files:
        dossier.components = [*dossier.components, *store_files(dossier, files)]
        Dossier.objects.filter(pk=dossier.pk).update(components=dossier.components)
    event = DossierEvent.objects.create(
        dossier=dossier,
        at=now,
        actor=user,
        actor_name=_actor_name(user),
        action="submit" if submitted_online else "receive",
        to_status=dossier.status,
        to_step=dossier.step_code,
        step_due_at=dossier.step_due_at,
    )
    from .actions import _notify_on_commit

    _notify_on_commit(event)
    return dossier


def store_files(dossier: Dossier, files: list) -> list[dict]:
    """Keep digitised components in the private storage (never under MEDIA_URL; Law 91/2025/QH15)."""
    storage = storages["private"]
    stored = []
    for upload in files:
        name = get_valid_filename(upload.name)[-120:] or "tep"
        path = storage.save(f"dossiers/{dossier.pk}/{uuid.uuid4().hex[:12]}-{name}", upload)
        stored.append(
            {"name": upload.name[:255], "originals": 0, "copies": 1, "file": path, "digitised": True}
        )
    return stored


def step_scope(step: dict | None) -> dict[str, str]:
    """The current step's group and agency, copied onto the dossier so SQL can filter queues and scope."""
    step = step or {}
    return {"step_group": step.get("group") or "", "step_agency": step.get("agency") or ""}


def start_clock(dossier: Dossier, now: dt.datetime) -> None:
    """Mark a dossier received now: status 2, first step, its due date and explanation."""
    first = dossier.workflow_snapshot["steps"][0]
    for field, value in step_scope(first).items():
        setattr(dossier, field, value)
    value, unit = procedure_budget(dossier.procedure, dossier.channel)
    due, explanation = due_date(now, value, unit, cutoff=dossier.procedure.receipt_cutoff)
    dossier.status = DossierStatus.RECEIVED
    dossier.received_at = now
    dossier.received_quarter = Dossier.quarter_of(now)
    dossier.due_at = due
    dossier.due_explanation = explanation
    dossier.step_code = first["code"]
    dossier.step_started_at = now
    dossier.step_due_at = step_due(now, first)

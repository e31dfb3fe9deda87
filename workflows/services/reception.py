"""Receiving a dossier: validate, pick the workflow, give it a code and a due date, write the first history line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from catalog.models import Agency, Center, Procedure
from catalog.models.procedures import Channel
from catalog.parsing.text import normalize_text
from workflows.calendar.rules import rule_set_for
from workflows.models import Dossier, DossierEvent, DossierFile, DossierStatus
from workflows.permissions import reception_denial

from .clock import actor_name, start_clock
from .codes import new_lookup_secret, next_dossier_code
from .files import store_file
from .notices import notify_on_commit
from .setup import default_workflow_for, workflow_for


class ReceptionError(ValueError):
    """The dossier cannot be received; the message is Vietnamese and says why."""


class ReceptionForbidden(ReceptionError):
    """This user may not receive this procedure at this center (`workflows.permissions.reception_denial`)."""


@transaction.atomic
def receive_dossier(
    *,
    procedure: Procedure,
    center: Center,
    channel: str,
    agency: Agency | None = None,
    applicant: dict[str, Any],
    components: list[dict] | None = None,
    user=None,
    received_at: dt.datetime | None = None,
    submitted_online: bool = False,
    files: list | None = None,
    fee_due: int | None = None,
) -> Dossier:
    """Create a dossier. Received at a desk it starts in status 2 at the workflow's first step; submitted
    online it waits in status 1 for an officer's `receive` action (the clock starts then).

    `center` is where it was received and `agency` the competent agency that resolves it (default: the
    center's own agency). Since Decree 118/2025 (art. 14(2)) a center receives dossiers of the whole province
    whatever the applicant's commune, so the agency may be any agency in service in the center's province.

    `fee_due` (đồng, online only) is the fee to pay before reception: the dossier then waits in status 6,
    not received and its clock not started, until the payment gateway confirms it (`services.payments`)."""
    if procedure.status != Procedure.Status.ACTIVE or not procedure.live:
        # `live` False: created in the admin and not approved yet, so not in force.
        raise ReceptionError(f"Thủ tục {procedure.code} không còn được áp dụng.")
    if channel not in Channel.values:
        raise ReceptionError("Cách thức nộp hồ sơ không hợp lệ (trực tiếp, trực tuyến hoặc bưu chính).")
    # Every way in (desk, API, online form) is cleaned here: NFC, no bidi or control characters.
    applicant = {k: normalize_text(v) if isinstance(v, str) else v for k, v in applicant.items()}
    name = applicant.get("name") or ""
    if not name:
        raise ReceptionError("Thiếu tên người nộp hồ sơ.")
    if center.agency_id is None:
        raise ReceptionError("Nơi tiếp nhận chưa gắn với cơ quan nào.")
    now = received_at or timezone.now()
    agency = competent_agency(center, agency, timezone.localtime(now).date())
    denial = reception_denial(user, procedure, center, agency)
    if denial:
        raise ReceptionForbidden(denial)
    workflow = workflow_for(procedure, channel) or default_workflow_for(procedure)
    snapshot = workflow.snapshot()
    if not snapshot["steps"]:
        raise ReceptionError(f"Quy trình “{workflow.name}” chưa có bước nào.")
    rule_set = rule_set_for(now)
    dossier = Dossier(
        code=next_dossier_code(center.agency.identifier, timezone.localtime(now).date()),
        procedure=procedure,
        center=center,
        agency=agency,
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
    if fee_due and not submitted_online:
        raise ReceptionError("Chỉ hồ sơ nộp trực tuyến mới thanh toán phí, lệ phí trực tuyến.")
    if submitted_online:
        dossier.status = DossierStatus.FINANCIAL if fee_due else DossierStatus.NEW
        dossier.fee_due = fee_due or None
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
        actor_name=actor_name(user),
        action="submit" if submitted_online else "receive",
        to_status=dossier.status,
        to_step=dossier.step_code,
        step_due_at=dossier.step_due_at,
        data={"fee_due": fee_due} if dossier.fee_due else {},
    )
    notify_on_commit(event)
    return dossier


def _province(agency: Agency) -> int:
    """The top of an agency's tree (the provincial People's Committee): a province's units share it."""
    seen = set()
    while agency.parent_id and agency.pk not in seen:
        seen.add(agency.pk)
        agency = agency.parent
    return agency.pk


def competent_agency(center: Center, agency: Agency | None, day: dt.date) -> Agency:
    """Check where a dossier may be received and for whom; the Vietnamese message says what to choose."""
    if not center.is_open(day):
        current = center.current
        instead = f" Nay tiếp nhận tại {current.name}." if current.pk != center.pk else ""
        raise ReceptionError(
            f"{center.name} đã ngừng tiếp nhận hồ sơ từ ngày {center.closed_on:%d/%m/%Y}.{instead}"
        )
    if agency is None:
        agency = center.agency
    if not agency.active or agency.merged_into_id:
        raise ReceptionError(
            f"{agency.name} không còn hoạt động; hồ sơ thuộc thẩm quyền của {agency.current.name}."
        )
    if agency.pk != center.agency_id and _province(agency) != _province(center.agency):
        raise ReceptionError(f"{center.name} chỉ tiếp nhận hồ sơ của các cơ quan trong tỉnh.")
    return agency


def store_files(dossier: Dossier, files: list) -> list[dict]:
    """Keep digitised components through the one file store (private storage, never under MEDIA_URL; Law
    91/2025/QH15); the checklist gets one line per file, without its path."""
    checklist = []
    for upload in files:
        store_file(dossier, upload, component=upload.name, source_kind=DossierFile.Source.DESK)
        checklist.append({"name": upload.name[:255], "originals": 0, "copies": 1, "digitised": True})
    return checklist


def checklist(dossier: Dossier) -> list[dict]:
    """The dossier's components as received, else the procedure's record (Mẫu 01's and Mẫu 02's tables)."""
    if dossier.components:
        return list(dossier.components)
    return [
        {"name": c.name, "originals": c.originals, "copies": c.copies}
        for c in dossier.procedure.components.all()
    ]

"""`perform_action`: the only writer of a dossier's state after reception.

Every write is a conditional update (state + version). Two officers acting on the same dossier at once:
exactly one UPDATE matches the version it read, the other matches nothing and gets `Conflict`; on SQLite
(no select_for_update) as on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from workflows.models import ClockSegment, Dossier, DossierBranch, DossierEvent
from workflows.permissions import denial_reason, officer_of
from workflows.registry import actions

from ..clock import actor_name
from ..deadlines import recompute_due
from ..notices import notify_on_commit
from .base import ActionNotAllowed, Conflict


def perform_action(
    dossier: Dossier, action: str, user=None, *, note: str = "", now: dt.datetime | None = None, **params: Any
) -> Dossier:
    """Apply one action to a dossier as the user, or raise and change nothing."""
    entry = actions.get(action)
    if entry is None or not entry.performable:
        raise ActionNotAllowed(f"Thao tác “{action}” không tồn tại.")
    reason = denial_reason(user, dossier, entry.role, branch=params.get("branch"))
    if reason:
        raise ActionNotAllowed(reason, forbidden=True)
    now = now or timezone.now()
    officer = officer_of(user)
    # Whose agency acted, for the history (a branch result recorded by its agency or by the desk for it).
    params.update(note=note, now=now, actor_agency=officer.agency.identifier if officer else "")
    before_status, before_step, version = dossier.status, dossier.step_code, dossier.version
    change = entry.plan(dossier, params)
    with transaction.atomic():
        fields = dict(change.fields)
        if change.close_pause and dossier.paused_at is not None:
            ClockSegment.objects.filter(
                dossier=dossier, kind=ClockSegment.Kind.PAUSE, end__isnull=True
            ).update(end=now)
            # The due date moves by the working time the pause took (the engine counts the whole ledger).
            fields["due_at"], fields["due_explanation"] = recompute_due(dossier)
            fields["paused_at"] = None
        fields.update(status=change.to_status, version=version + 1, updated_at=now)
        updated = Dossier.objects.filter(pk=dossier.pk, version=version, status=before_status).update(
            **fields
        )
        if updated != 1:
            raise Conflict()
        for row in change.branches or ():
            DossierBranch.objects.create(dossier=dossier, **row)
        for pk, values in change.branch_updates or ():
            DossierBranch.objects.filter(pk=pk, dossier=dossier).update(**values)
        if change.segment:
            ClockSegment.objects.create(dossier=dossier, actor=user, **change.segment)
        event = DossierEvent.objects.create(
            dossier=dossier,
            at=now,
            actor=user,
            actor_name=actor_name(user),
            action=action,
            from_status=before_status,
            to_status=change.to_status,
            from_step=before_step,
            to_step=change.to_step,
            step_due_at=fields.get("step_due_at"),
            note=note,
            data=change.data or {},
        )
        notify_on_commit(event)
    # The row now holds exactly what was written: apply it to the object instead of reading it back.
    for field, value in fields.items():
        setattr(dossier, field, value)
    return dossier

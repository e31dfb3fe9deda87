"""Applying published decisions to the catalog."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from catalog.models import Decision, Procedure, ProcedureEvent
from catalog.models.decisions import ItemKind

from .lookups import CatalogLookups, ProcedureRecordError
from .records import upsert_procedure


def supersede_draft(procedure: Procedure, *, user=None) -> bool:
    """A decision has just written `procedure`: an editor's draft begun before it would, once approved, put the
    old text back. Its workflow is cancelled and the written version becomes the latest, published revision;
    the draft stays in the history to compare and redo. Returns whether there was a draft."""
    if not procedure.has_unpublished_changes:
        return False
    state = procedure.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    procedure.refresh_from_db()  # the rows as the decision wrote them, not as this instance was loaded
    procedure.save_revision(user=user, log_action=False).publish(user=user, skip_permission_checks=True)
    return True


def due_decisions(today: dt.date | None = None):
    """Published decisions whose effective date has come but whose items are not applied yet."""
    today = today or timezone.localdate()
    return Decision.objects.filter(live=True, applied_at__isnull=True, effective__lte=today)


@transaction.atomic
def apply_decision(decision: Decision, *, user=None) -> int:
    """Write a decision's items into the catalog, all or nothing. Returns how many items were applied.

    Idempotent: a decision already applied is left alone, so the scheduled job may run it twice.
    """
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.applied_at is not None:
        return 0
    problems = decision.problems()
    if problems:
        raise ProcedureRecordError(" ".join(problems))
    lookups = CatalogLookups()
    applied = 0
    for item in decision.items.all():
        record = dict(item.data or {})
        record.setdefault("code", item.code)
        if item.name:
            record.setdefault("name", item.name)
        if item.kind == ItemKind.ABOLISHED:
            procedure = Procedure.objects.get(code=item.code)
            procedure.status = Procedure.Status.ABOLISHED
            procedure.effective_to = decision.effective
            procedure.save(update_fields=["status", "effective_to", "updated_at"])
            supersede_draft(procedure, user=user)
        else:
            if item.kind == ItemKind.AMENDED and "name" not in record:
                record["name"] = Procedure.objects.get(code=item.code).name
            record["status"] = Procedure.Status.ACTIVE
            record.setdefault("effective_from", decision.effective.isoformat())
            procedure, _ = upsert_procedure(record, lookups=lookups)
            supersede_draft(procedure, user=user)
            if item.kind == ItemKind.REPLACED and item.replaces_code:
                old = Procedure.objects.get(code=item.replaces_code)
                old.status = Procedure.Status.REPLACED
                old.effective_to = decision.effective
                old.save(update_fields=["status", "effective_to", "updated_at"])
                supersede_draft(old, user=user)
                ProcedureEvent.objects.create(
                    procedure=old,
                    decision=decision,
                    kind=ItemKind.REPLACED,
                    effective=decision.effective,
                    note=f"Thay thế bởi {procedure.code}",
                    created_by=user,
                )
        ProcedureEvent.objects.create(
            procedure=procedure,
            decision=decision,
            kind=item.kind,
            effective=decision.effective,
            created_by=user,
        )
        applied += 1
    decision.applied_at = timezone.now()
    decision.save(update_fields=["applied_at"])
    return applied

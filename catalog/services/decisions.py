"""Applying published decisions to the catalog."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from catalog.models import Decision, Procedure, ProcedureEvent
from catalog.models.decisions import ItemKind

from .records import ProcedureRecordError, _Lookups, upsert_procedure


def due_decisions(today: dt.date | None = None):
    """Published decisions whose effective date has come but whose items are not applied yet."""
    today = today or timezone.localdate()
    return Decision.objects.filter(live=True, applied_at__isnull=True, effective__lte=today)


def check_decision(decision: Decision) -> list[str]:
    """What would stop the decision from applying, in Vietnamese; empty when it can be published."""
    problems: list[str] = []
    # Works on a revision's object too: its items are then in memory, not yet in the database.
    items = list(decision.items.all())
    if not items:
        problems.append("Quyết định chưa có thủ tục nào.")
    existing = set(Procedure.objects.filter(code__in=[i.code for i in items]).values_list("code", flat=True))
    replaced = set(
        Procedure.objects.filter(code__in=[i.replaces_code for i in items if i.replaces_code]).values_list(
            "code", flat=True
        )
    )
    for item in items:
        if item.kind in (ItemKind.AMENDED, ItemKind.ABOLISHED) and item.code not in existing:
            problems.append(
                f"Thủ tục {item.code} chưa có trong danh mục nên không thể {item.get_kind_display().lower()}."
            )
        if item.kind == ItemKind.REPLACED and item.replaces_code and item.replaces_code not in replaced:
            problems.append(f"Thủ tục bị thay thế {item.replaces_code} chưa có trong danh mục.")
        if (
            item.kind in (ItemKind.NEW, ItemKind.REPLACED)
            and item.code not in existing
            and not (item.name or item.data.get("name"))
        ):
            problems.append(f"Thủ tục mới {item.code} thiếu tên.")
    return problems


@transaction.atomic
def apply_decision(decision: Decision, *, user=None) -> int:
    """Write a decision's items into the catalog, all or nothing. Returns how many items were applied.

    Idempotent: a decision already applied is left alone, so the scheduled job may run it twice.
    """
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.applied_at is not None:
        return 0
    problems = check_decision(decision)
    if problems:
        raise ProcedureRecordError(" ".join(problems))
    lookups = _Lookups()
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
        else:
            if item.kind == ItemKind.AMENDED and "name" not in record:
                record["name"] = Procedure.objects.get(code=item.code).name
            record["status"] = Procedure.Status.ACTIVE
            record.setdefault("effective_from", decision.effective.isoformat())
            procedure, _ = upsert_procedure(record, lookups=lookups)
            if item.kind == ItemKind.REPLACED and item.replaces_code:
                old = Procedure.objects.get(code=item.replaces_code)
                old.status = Procedure.Status.REPLACED
                old.effective_to = decision.effective
                old.save(update_fields=["status", "effective_to", "updated_at"])
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

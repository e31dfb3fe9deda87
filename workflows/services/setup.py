"""Finding (or creating) the workflow a dossier of a procedure runs through."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction

from catalog.models import Procedure
from workflows.models import StepKind, Workflow, WorkflowStep

# Group names the demo and the seeding migration create; steps point at them.
RECEPTION_GROUP = "Cán bộ một cửa"
SPECIALIST_GROUP = "Chuyên viên"
LEADER_GROUP = "Lãnh đạo"


def workflow_for(procedure: Procedure, channel: str = "") -> Workflow | None:
    """The active workflow for a procedure and channel: a channel-specific one wins over the general one."""
    candidates = [
        w for w in Workflow.objects.filter(procedure=procedure, active=True) if w.channel in ("", channel)
    ]
    candidates.sort(key=lambda w: (w.channel != channel, w.pk))
    return candidates[0] if candidates else None


@transaction.atomic
def default_workflow_for(procedure: Procedure) -> Workflow:
    """The standard reception → appraisal → approval → return workflow, budgets split from the legal time."""
    existing = workflow_for(procedure)
    if existing:
        return existing
    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (RECEPTION_GROUP, SPECIALIST_GROUP, LEADER_GROUP)
    }
    total = procedure.processing_time_value
    unit = procedure.processing_time_unit
    if unit == "hour" and total:
        budgets = [Decimal("0"), total * Decimal("0.5"), total * Decimal("0.25"), total * Decimal("0.25")]
        step_unit = "hour"
    else:
        days = total if (total is not None and unit in ("working_day", "day")) else Decimal("0")
        # Appraisal takes most of the time; the leader signs in a fifth of it, at least half a day.
        approval = (
            max(Decimal("0.5"), (days * Decimal("0.2")).quantize(Decimal("0.5"))) if days else Decimal("0")
        )
        budgets = [Decimal("0"), max(days - approval, Decimal("0")), approval, Decimal("0")]
        step_unit = "working_day"
    workflow = Workflow.objects.create(name=f"Quy trình {procedure.code}", procedure=procedure)
    specs = [
        ("tiep-nhan", "Tiếp nhận hồ sơ", StepKind.RECEPTION, RECEPTION_GROUP, False),
        ("tham-dinh", "Thẩm định hồ sơ", StepKind.APPRAISAL, SPECIALIST_GROUP, False),
        ("phe-duyet", "Phê duyệt, ký kết quả", StepKind.APPROVAL, LEADER_GROUP, True),
        ("tra-ket-qua", "Trả kết quả", StepKind.RETURN, RECEPTION_GROUP, False),
    ]
    for order, ((code, name, kind, group, decides), budget) in enumerate(zip(specs, budgets, strict=True)):
        WorkflowStep.objects.create(
            workflow=workflow,
            sort_order=order,
            code=code,
            name=name,
            kind=kind,
            group=groups[group],
            agency=procedure.agency,
            budget_value=budget,
            budget_unit=step_unit,
            decides=decides,
            back_step="tham-dinh" if kind == StepKind.APPROVAL else "",
        )
    return workflow

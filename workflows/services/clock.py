"""Starting a dossier's clock and copying its current step onto it: shared by reception and the actions."""

from __future__ import annotations

import datetime as dt

from workflows.models import Dossier, DossierStatus

from .deadlines import due_date, procedure_budget, receipt_cutoff, step_due


def actor_name(user) -> str:
    """The name a history line keeps for whoever acted (the system's own jobs act as nobody)."""
    if user is None:
        return "Hệ thống"
    return user.get_full_name() or user.get_username()


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
    due, explanation = due_date(now, value, unit, cutoff=receipt_cutoff(dossier.procedure, value, unit, now))
    dossier.status = DossierStatus.RECEIVED
    dossier.received_at = now
    dossier.received_quarter = Dossier.quarter_of(now)
    dossier.due_at = due
    dossier.due_explanation = explanation
    dossier.step_code = first["code"]
    dossier.step_started_at = now
    dossier.step_due_at = step_due(now, first)

"""The workflows' side of a reorganisation (`catalog.services.apply_reorganisation`).

When the catalog merges, splits or closes units, what is still open follows the successor: open dossiers (their
competent agency, their receiving center, the agencies named in their frozen workflow snapshot and current
step), the steps of workflow definitions, and officers. Every remapped dossier gets a `reorganise` line in its
history saying from what to what and under which plan. Closed dossiers (refused, withdrawn, stopped, returned)
keep the agency and center that handled them: they are the record (Decree 61/2018, art. 29).

Runs inside the reorganisation's transaction (a dry run rolls it all back), as a receiver of
`units_reorganised`, connected when this module is imported by `workflows.services`.
"""

from __future__ import annotations

from django.db.models import F, Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Agency, Center
from catalog.services import Reorganisation, units_reorganised
from workflows.models import Dossier, DossierEvent, Officer, WorkflowStep
from workflows.models.dossiers import OPEN_STATUSES
from workflows.registry import actions

from .actions import Action
from .clock import actor_name


@actions.register
class Reorganise(Action):
    """Written by a reorganisation into each remapped dossier's history, never performed by an officer."""

    name = "reorganise"
    label = _("Chuyển đơn vị do sắp xếp tổ chức")
    performable = False


def _remap_snapshot(snapshot: dict, identifiers: dict[str, str]) -> dict:
    steps = [
        {**step, "agency": identifiers.get(step.get("agency") or "", step.get("agency") or "")}
        for step in snapshot.get("steps", [])
    ]
    return {**snapshot, "steps": steps}


@receiver(units_reorganised, dispatch_uid="workflows.remap_after_reorganisation")
def remap_after_reorganisation(sender, reorganisation: Reorganisation, user=None, **kwargs) -> None:
    agency_map, center_map = reorganisation.agency_map, reorganisation.center_map
    if not agency_map and not center_map:
        return
    routed_to = set(reorganisation.procedure_routes.values())
    names = Agency.objects.in_bulk([*agency_map, *agency_map.values(), *routed_to])
    centers = Center.objects.in_bulk([*center_map, *center_map.values()])
    identifiers = {names[old].identifier: names[new].identifier for old, new in agency_map.items()}
    now = timezone.now()
    plan = reorganisation.plan
    remapped = 0
    open_dossiers = Dossier.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(agency_id__in=agency_map) | Q(center_id__in=center_map) | Q(step_agency__in=identifiers)
    )
    for dossier in open_dossiers.select_related("agency", "center").order_by("pk"):
        new_agency_id = reorganisation.successor(dossier.agency_id, dossier.procedure_id) or dossier.agency_id
        new_center_id = center_map.get(dossier.center_id, dossier.center_id)
        # A split routes each procedure to its own successor: the snapshot's steps follow the dossier's.
        routed = dict(identifiers)
        if new_agency_id != dossier.agency_id:
            routed[dossier.agency.identifier] = names[new_agency_id].identifier
        snapshot = _remap_snapshot(dossier.workflow_snapshot, routed)
        step_agency = routed.get(dossier.step_agency, dossier.step_agency)
        data = {"plan": plan.name, "effective": plan.effective.isoformat()}
        changes = []
        if new_agency_id != dossier.agency_id:
            data["agency"] = [dossier.agency.identifier, names[new_agency_id].identifier]
            changes.append(f"cơ quan giải quyết: {dossier.agency.name} → {names[new_agency_id].name}")
        if new_center_id != dossier.center_id:
            data["center"] = [dossier.center.code, centers[new_center_id].code]
            changes.append(f"nơi tiếp nhận: {dossier.center.name} → {centers[new_center_id].name}")
        if step_agency != dossier.step_agency:
            data["step_agency"] = [dossier.step_agency, step_agency]
            if not changes:
                changes.append(f"cơ quan xử lý bước hiện tại: {dossier.step_agency} → {step_agency}")
        # The version bump makes an officer's action prepared before the remap lose its conditional update.
        Dossier.objects.filter(pk=dossier.pk).update(
            agency_id=new_agency_id,
            center_id=new_center_id,
            step_agency=step_agency,
            workflow_snapshot=snapshot,
            version=F("version") + 1,
        )
        DossierEvent.objects.create(
            dossier=dossier,
            at=now,
            actor=user,
            actor_name=actor_name(user),
            action=Reorganise.name,
            from_status=dossier.status,
            to_status=dossier.status,
            from_step=dossier.step_code,
            to_step=dossier.step_code,
            step_due_at=dossier.step_due_at,
            note=f"Sắp xếp tổ chức theo {plan.name}: " + "; ".join(changes) + ".",
            data=data,
        )
        remapped += 1
    reorganisation.counts["dossiers_remapped"] += remapped
    if remapped:
        reorganisation.lines.append(f"Chuyển {remapped} hồ sơ đang giải quyết sang đơn vị kế thừa.")
    steps = 0
    for old, new in agency_map.items():
        steps += WorkflowStep.objects.filter(agency_id=old).update(agency_id=new)
    officers = 0
    for old, new in agency_map.items():
        officers += Officer.objects.filter(agency_id=old).update(agency_id=new)
    for old, new in center_map.items():
        officers += Officer.objects.filter(center_id=old).update(center_id=new)
    reorganisation.counts["workflow_steps_remapped"] += steps
    reorganisation.counts["officers_remapped"] += officers
    if steps:
        reorganisation.lines.append(f"Chuyển {steps} bước quy trình sang cơ quan kế thừa.")
    if officers:
        reorganisation.lines.append(f"Chuyển {officers} cán bộ sang cơ quan / nơi làm việc kế thừa.")

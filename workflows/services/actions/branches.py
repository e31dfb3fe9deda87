"""Parallel inter-agency branches (liên thông song song, Nghị định 63/2024/NĐ-CP: birth registration,
permanent residence and the child's health insurance card handled by three agencies at once).

Entering a fork step starts one `DossierBranch` per step it lists (`base.enter`); "finish_branch" records an
agency's result on its branch and moves that branch along its own steps; the last branch to reach the join
moves the dossier into the join step, from where the workflow goes on to the return as usual.

Who records a branch's result (`Role.BRANCH_AGENCY`, `workflows.permissions.branch_denial`): the officers of
the branch's own agency, for their branch only, or the fork step's group at the coordinating desk on the
agency's behalf (an answer that came on paper). Each event names the branch agency, the step it moved the
branch to, and the actor's own agency, so the history and the control slip (Mẫu 05) show who answered.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workflows.calendar.rules import rule_set_by_key
from workflows.models import Dossier, DossierBranch, StepKind
from workflows.permissions import Role
from workflows.registry import actions

from ..deadlines import classify, step_due
from .base import Action, ActionNotAllowed, Change, S, enter, require_note


def branch_next(steps: list[dict], step: dict) -> dict | None:
    """The step a branch goes to after `step`: its first listed next step, else the following one."""
    codes = [s["code"] for s in steps]
    listed = [c for c in step.get("next") or [] if c in codes]
    if listed:
        return steps[codes.index(listed[0])]
    index = codes.index(step["code"])
    return steps[index + 1] if index + 1 < len(steps) else None


@actions.register
class FinishBranch(Action):
    """An agency of a parallel branch finished its step: its result is recorded, the branch goes on."""

    name = "finish_branch"
    label = _("Ghi nhận kết quả nhánh liên thông")
    verb = "ghi nhận kết quả nhánh liên thông"
    statuses = frozenset({S.PROCESSING})
    step_kinds = frozenset({StepKind.FORK})
    wrong_step = "Hồ sơ không ở bước liên thông song song."
    role = Role.BRANCH_AGENCY
    note_required = True
    fields = required_fields = ("branch",)
    position = 35

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        require_note(params, "Cần ghi kết quả giải quyết của cơ quan liên thông.")
        now = params["now"]
        open_branches = list(
            DossierBranch.objects.filter(dossier=dossier, fork=dossier.step_code, finished_at__isnull=True)
        )
        branch = next((b for b in open_branches if b.step_code == params.get("branch")), None)
        if branch is None:
            raise ActionNotAllowed("Nhánh liên thông này không tồn tại hoặc đã hoàn thành.")
        steps = dossier.workflow_snapshot.get("steps", [])
        by_code = {s["code"]: s for s in steps}
        following = branch_next(steps, by_code[branch.step_code])
        timeliness = classify(now, branch.step_due_at) if branch.step_due_at else ""
        data = {
            "branch": branch.first_step,
            "step": branch.step_code,
            "agency": branch.step_agency,
            "to": following["code"] if following is not None else "",
            "actor_agency": params.get("actor_agency", ""),
            "timeliness": timeliness,
            "legal_basis": rule_set_by_key(dossier.rule_set).cite("parallel_inter_agency"),
        }
        if following is not None and following["kind"] != StepKind.JOIN:
            # The branch goes on to its own next step (another agency, its own budget).
            update = {
                "step_code": following["code"],
                "step_agency": following.get("agency") or "",
                "step_group": following.get("group") or "",
                "step_started_at": now,
                "step_due_at": step_due(now, following),
                "result": "\n".join(filter(None, [branch.result, params["note"]])),
            }
            return Change(
                {}, dossier.status, dossier.step_code, data=data, branch_updates=[(branch.pk, update)]
            )
        done = {
            "finished_at": now,
            "timeliness": timeliness,
            "result": "\n".join(filter(None, [branch.result, params["note"]])),
        }
        if len(open_branches) > 1:
            return Change(
                {}, dossier.status, dossier.step_code, data=data, branch_updates=[(branch.pk, done)]
            )
        # The last branch: every agency has answered, the dossier joins.
        change = enter(dossier, following, now)
        change.data, change.branch_updates = data, [(branch.pk, done)]
        return change

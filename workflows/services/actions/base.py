"""What every dossier action is: its declaration (read by buttons, forms, permissions, notices and the
history's choices) and its `plan`, which checks the dossier's state and says what to write.

An action never writes: `perform_action` applies the `Change` a plan returns, as one conditional update.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils.functional import Promise

from workflows.models import ClockSegment, Dossier, DossierStatus, StepKind
from workflows.permissions import Role, eligible_assignees

from ..clock import actor_name, step_scope
from ..deadlines import step_due

S = DossierStatus
IN_PROGRESS = frozenset({S.RECEIVED, S.PROCESSING, S.FINANCIAL})
# The fields an action's form may add to the note (see `DossierActionForm`).
FORM_FIELDS = ("to_step", "assignee", "new_due", "missing", "branch", "result_file")


class ActionNotAllowed(Exception):
    """The dossier's state or the user's role does not allow the action (HTTP 409 / 403)."""

    def __init__(self, message: str, *, forbidden: bool = False):
        super().__init__(message)
        self.message = message
        self.forbidden = forbidden


class Conflict(Exception):
    """Another action changed the dossier first; nothing was applied (HTTP 409)."""

    message = "Hồ sơ vừa được người khác xử lý. Vui lòng tải lại và thử lại."


@dataclass
class Change:
    fields: dict[str, Any]
    to_status: int
    to_step: str
    segment: dict | None = None  # a ClockSegment to open
    close_pause: bool = False
    data: dict | None = None
    # Parallel branches (`DossierBranch`): rows to create when entering a fork, and updates by pk.
    branches: list[dict] | None = None
    branch_updates: list[tuple[int, dict]] | None = None


class Action:
    """One action on a dossier. Subclasses declare what they are and implement `plan`."""

    name: ClassVar[str] = ""
    label: ClassVar[Promise | str] = ""
    # Completes "Không thể … khi hồ sơ đang ở trạng thái …".
    verb: ClassVar[str] = ""
    # The statuses the state machine accepts the action in.
    statuses: ClassVar[frozenset[int]] = frozenset()
    # The statuses its button shows in (None: the same as `statuses`).
    offered_in: ClassVar[frozenset[int] | None] = None
    # The kinds of current step it applies to (None: any), and what to say on another kind.
    step_kinds: ClassVar[frozenset[str] | None] = None
    wrong_step: ClassVar[str] = ""
    role: ClassVar[Role] = Role.ANYONE
    note_required: ClassVar[bool] = False
    # The applicant's message once the action is committed ({code}, {due}, {note}); "" for none.
    notice: ClassVar[str] = ""
    # The form fields beyond the note, and which of them must be filled.
    fields: ClassVar[tuple[str, ...]] = ()
    required_fields: ClassVar[tuple[str, ...]] = ()
    # Where its button sits among the others on the dossier page.
    position: ClassVar[int] = 100
    # False for a history-only action (an online submission is recorded, never performed).
    performable: ClassVar[bool] = True
    # True for what the applicant does online (performed on their behalf): no officer's button.
    by_applicant: ClassVar[bool] = False
    # An online dossier waiting for its fee is in status 6 but not received: only the actions that apply
    # before reception (those also accepted in status 1, and the payment's own) apply to it.
    before_reception: ClassVar[bool] = False

    def waits_for_fee(self, dossier: Dossier) -> bool:
        return (
            dossier.status == S.FINANCIAL
            and dossier.received_at is None
            and not (self.before_reception or S.NEW in self.statuses)
        )

    def check(self, dossier: Dossier) -> None:
        """Refuse the action in a status or on a step kind it does not apply to."""
        if dossier.status not in self.statuses:
            raise ActionNotAllowed(
                f"Không thể {self.verb} khi hồ sơ đang ở trạng thái “{S(dossier.status).label}”."
            )
        if self.waits_for_fee(dossier):
            raise ActionNotAllowed(
                f"Không thể {self.verb}: hồ sơ chưa được tiếp nhận, đang chờ người nộp thanh toán phí, lệ phí."
            )
        if self.step_kinds is not None and (dossier.step() or {}).get("kind") not in self.step_kinds:
            raise ActionNotAllowed(self.wrong_step)

    def offered(self, dossier: Dossier) -> bool:
        """Whether the dossier page shows this action's button (the plan still has the last word)."""
        statuses = self.statuses if self.offered_in is None else self.offered_in
        if not self.performable or self.by_applicant or dossier.status not in statuses:
            return False
        if self.waits_for_fee(dossier):
            return False
        return self.step_kinds is None or (dossier.step() or {}).get("kind") in self.step_kinds

    def plan(self, dossier: Dossier, params: dict) -> Change:
        """What to write (params hold `now`, `note` and the form's fields), or raise `ActionNotAllowed`."""
        raise ActionNotAllowed(f"Thao tác “{self.name}” không tồn tại.")


def require_note(params: dict, message: str) -> None:
    if not params.get("note"):
        raise ActionNotAllowed(message)


def next_step(dossier: Dossier, to_step: str | None) -> dict | None:
    """The step after the current one: the one asked for (if the definition allows it), else the first
    listed next step, else the next in order. None means the workflow ends here."""
    steps = dossier.workflow_snapshot.get("steps", [])
    codes = [s["code"] for s in steps]
    current = dossier.step()
    if current is None:
        return steps[0] if steps else None
    allowed = [c for c in current.get("next") or [] if c]
    if to_step:
        if to_step not in codes:
            raise ActionNotAllowed(f"Quy trình không có bước “{to_step}”.")
        if allowed and to_step not in allowed and to_step != current.get("back"):
            raise ActionNotAllowed(f"Từ bước “{current['name']}” không chuyển sang “{to_step}” được.")
        return steps[codes.index(to_step)]
    if allowed:
        return (
            None if allowed[0] == "END" else steps[codes.index(allowed[0])] if allowed[0] in codes else None
        )
    index = codes.index(current["code"])
    return steps[index + 1] if index + 1 < len(steps) else None


def enter(dossier: Dossier, step: dict | None, now: dt.datetime) -> Change:
    """Move into a step (or past the end): the status, the step's due time, a pause when it waits outside."""
    leaving = dossier.step() or {}
    close = bool(leaving.get("pauses_clock")) and dossier.paused_at is not None
    fields = {
        "step_code": step["code"] if step else "",
        "step_started_at": now,
        "step_due_at": step_due(now, step),
        # A new step belongs to its group: whoever was assigned to the previous one no longer holds it.
        "assignee": None,
        **step_scope(step),
    }
    if step is None or step["kind"] == StepKind.RETURN:
        fields["finished_at"] = now
        return Change(fields, S.DONE, fields["step_code"], close_pause=close)
    status = S.FINANCIAL if step["kind"] == StepKind.FINANCIAL else S.PROCESSING
    if step["kind"] == StepKind.FORK:
        # The dossier waits at the fork; each listed step starts now as a branch with its own budget.
        by_code = {s["code"]: s for s in dossier.workflow_snapshot.get("steps", [])}
        fields["step_due_at"] = None
        branches = [
            {
                "fork": step["code"],
                "first_step": code,
                "step_code": code,
                "step_agency": by_code[code].get("agency") or "",
                "started_at": now,
                "step_started_at": now,
                "step_due_at": step_due(now, by_code[code]),
            }
            for code in step.get("next") or []
            if code in by_code
        ]
        return Change(fields, status, step["code"], close_pause=close, branches=branches)
    segment = None
    if step.get("pauses_clock"):
        fields["paused_at"] = now
        segment = {"kind": ClockSegment.Kind.PAUSE, "start": now, "reason": f"Chờ: {step['name']}"}
    return Change(fields, status, step["code"], segment=segment, close_pause=close)


def check_assignee(dossier: Dossier, assignee, step_fields: dict) -> None:
    """An assignee must be an officer who could act on the step they are given."""
    group = step_fields.get("step_group", dossier.step_group)
    agency = step_fields.get("step_agency", dossier.step_agency)
    if not eligible_assignees(dossier, group=group, agency=agency).filter(pk=assignee.pk).exists():
        raise ActionNotAllowed(
            f"Không phân công được cho {actor_name(assignee)}: cán bộ này không thuộc nhóm, "
            "cơ quan xử lý bước này."
        )


def finish(dossier: Dossier, target: int, now: dt.datetime) -> Change:
    """Close the dossier in a final status (refused, withdrawn, stopped), ending any pause."""
    return Change({"finished_at": now}, target, dossier.step_code, close_pause=dossier.paused_at is not None)

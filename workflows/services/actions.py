"""Dossier actions: a small state machine whose every write is a conditional update (state + version).

Two officers acting on the same dossier at once: exactly one UPDATE matches the version it read, the other
matches nothing and gets `Conflict`; on SQLite (no select_for_update) as on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from workflows.models import ClockSegment, Dossier, DossierEvent, DossierStatus
from workflows.models.dossiers import OPEN_STATUSES
from workflows.permissions import denial_reason, eligible_assignees

from .deadlines import classify, recompute_due, step_due
from .reception import _actor_name, start_clock, step_scope

S = DossierStatus
IN_PROGRESS = {S.RECEIVED, S.PROCESSING, S.FINANCIAL}


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


def _steps(dossier: Dossier) -> list[dict]:
    return dossier.workflow_snapshot.get("steps", [])


def _next_step(dossier: Dossier, to_step: str | None) -> dict | None:
    """The step after the current one: the one asked for (if the definition allows it), else the first
    listed next step, else the next in order. None means the workflow ends here."""
    steps = _steps(dossier)
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


def _enter(dossier: Dossier, step: dict | None, now: dt.datetime) -> Change:
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
    if step is None or step["kind"] == "return":
        fields["finished_at"] = now
        return Change(fields, S.DONE, fields["step_code"], close_pause=close)
    status = S.FINANCIAL if step["kind"] == "financial" else S.PROCESSING
    segment = None
    if step.get("pauses_clock"):
        fields["paused_at"] = now
        segment = {"kind": ClockSegment.Kind.PAUSE, "start": now, "reason": f"Chờ: {step['name']}"}
    return Change(fields, status, step["code"], segment=segment, close_pause=close)


def _check_assignee(dossier: Dossier, assignee, step_fields: dict) -> None:
    """An assignee must be an officer who could act on the step they are given."""
    group = step_fields.get("step_group", dossier.step_group)
    agency = step_fields.get("step_agency", dossier.step_agency)
    if not eligible_assignees(dossier, group=group, agency=agency).filter(pk=assignee.pk).exists():
        raise ActionNotAllowed(
            f"Không phân công được cho {_actor_name(assignee)}: cán bộ này không thuộc nhóm, "
            "cơ quan xử lý bước này."
        )


def _require(dossier: Dossier, statuses: set, action_label: str) -> None:
    if dossier.status not in statuses:
        raise ActionNotAllowed(
            f"Không thể {action_label} khi hồ sơ đang ở trạng thái “{S(dossier.status).label}”."
        )


def _plan(dossier: Dossier, action: str, now: dt.datetime, params: dict) -> Change:
    step = dossier.step() or {}
    kind = step.get("kind")
    if action == "receive":
        _require(dossier, {S.NEW}, "tiếp nhận")
        start_clock(dossier, now)
        return Change(
            {
                f: getattr(dossier, f)
                for f in (
                    "received_at",
                    "received_quarter",
                    "due_at",
                    "due_explanation",
                    "step_code",
                    "step_started_at",
                    "step_due_at",
                    "step_group",
                    "step_agency",
                )
            },
            S.RECEIVED,
            dossier.step_code,
        )
    if action in ("transfer", "appraise"):
        _require(dossier, IN_PROGRESS, "chuyển bước")
        if action == "appraise" and kind not in (
            "appraisal",
            "assignment",
            "custom",
            "inter_agency",
            "financial",
        ):
            raise ActionNotAllowed("Bước hiện tại không phải bước thẩm định.")
        if kind == "approval":
            raise ActionNotAllowed("Bước phê duyệt cần lãnh đạo phê duyệt, không chuyển tiếp được.")
        change = _enter(dossier, _next_step(dossier, params.get("to_step")), now)
        if params.get("assignee") is not None:
            _check_assignee(dossier, params["assignee"], change.fields)
            change.fields["assignee"] = params["assignee"]
            change.data = {"assignee": _actor_name(params["assignee"])}
        return change
    if action == "assign":
        _require(dossier, IN_PROGRESS | {S.SUPPLEMENT}, "phân công")
        assignee = params.get("assignee")
        if assignee is None:
            raise ActionNotAllowed("Cần chọn cán bộ được phân công.")
        if assignee.pk == dossier.assignee_id:
            raise ActionNotAllowed("Cán bộ này đang được phân công xử lý hồ sơ.")
        _check_assignee(dossier, assignee, {})
        return Change(
            {"assignee": assignee},
            dossier.status,
            dossier.step_code,
            data={"assignee": _actor_name(assignee)},
        )
    if action == "approve":
        _require(dossier, IN_PROGRESS, "phê duyệt")
        if kind != "approval":
            raise ActionNotAllowed("Hồ sơ chưa đến bước phê duyệt.")
        return _enter(dossier, _next_step(dossier, params.get("to_step")), now)
    if action == "send_back":
        _require(dossier, IN_PROGRESS, "trả lại bước trước")
        back = step.get("back")
        if not back:
            raise ActionNotAllowed("Bước hiện tại không có bước trả lại.")
        return _enter(dossier, _next_step(dossier, back), now)
    if action == "return_result":
        if dossier.status != S.DONE:
            raise ActionNotAllowed("Hồ sơ chưa có kết quả để trả.")
        finished = dossier.finished_at or now
        return Change(
            {"returned_at": now, "timeliness": classify(finished, dossier.due_at), "overdue": False},
            S.RETURNED,
            dossier.step_code,
        )
    if action == "request_supplement":
        _require(dossier, {S.RECEIVED, S.PROCESSING}, "yêu cầu bổ sung")
        if not params.get("note"):
            raise ActionNotAllowed("Cần ghi rõ nội dung yêu cầu bổ sung, hoàn thiện hồ sơ.")
        return Change(
            {"paused_at": now},
            S.SUPPLEMENT,
            dossier.step_code,
            segment={
                "kind": ClockSegment.Kind.PAUSE,
                "start": now,
                "reason": params["note"],
                "legal_basis": "Khoản 2 Điều 18 Nghị định 61/2018/NĐ-CP",
            },
        )
    if action == "supplement_received":
        _require(dossier, {S.SUPPLEMENT}, "nhận hồ sơ bổ sung")
        return Change({}, S.PROCESSING, dossier.step_code, close_pause=True)
    if action == "refuse":
        _require(dossier, {S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT}, "từ chối")
        if not params.get("note"):
            raise ActionNotAllowed("Cần nêu rõ lý do từ chối.")
        target = S.NOT_RECEIVED if dossier.status == S.NEW else S.STOPPED
        return Change(
            {"finished_at": now}, target, dossier.step_code, close_pause=dossier.paused_at is not None
        )
    if action == "reschedule":
        _require(dossier, IN_PROGRESS | {S.SUPPLEMENT}, "hẹn lại ngày trả kết quả")
        if dossier.rescheduled:
            raise ActionNotAllowed("Hồ sơ đã được hẹn lại một lần; không được hẹn lại lần nữa.")
        if dossier.due_at and now > dossier.due_at:
            raise ActionNotAllowed("Phải xin lỗi và hẹn lại trước khi hết hạn giải quyết.")
        new_due = params.get("new_due")
        if not isinstance(new_due, dt.datetime) or (dossier.due_at and new_due <= dossier.due_at):
            raise ActionNotAllowed("Ngày hẹn mới phải sau ngày hẹn trả hiện tại.")
        if not params.get("note"):
            raise ActionNotAllowed("Cần nêu lý do chậm trễ trong phiếu xin lỗi.")
        return Change(
            {
                "due_at": new_due,
                "rescheduled": True,
                "due_explanation": [
                    *dossier.due_explanation,
                    f"Xin lỗi và hẹn lại ngày trả kết quả: {timezone.localtime(new_due):%H:%M %d/%m/%Y}"
                    f" ({params['note']})",
                ],
            },
            dossier.status,
            dossier.step_code,
            segment={
                "kind": ClockSegment.Kind.RESCHEDULE,
                "start": now,
                "end": now,
                "reason": params["note"],
                "new_due_at": new_due,
            },
        )
    if action in ("withdraw", "stop"):
        _require(
            dossier, set(OPEN_STATUSES) - {S.DONE}, "rút hồ sơ" if action == "withdraw" else "dừng xử lý"
        )
        target = S.WITHDRAWN if action == "withdraw" else S.STOPPED
        return Change(
            {"finished_at": now}, target, dossier.step_code, close_pause=dossier.paused_at is not None
        )
    raise ActionNotAllowed(f"Thao tác “{action}” không tồn tại.")


ACTIONS = (
    "receive",
    "assign",
    "transfer",
    "appraise",
    "approve",
    "send_back",
    "return_result",
    "request_supplement",
    "supplement_received",
    "refuse",
    "reschedule",
    "withdraw",
    "stop",
)


def perform_action(
    dossier: Dossier, action: str, user=None, *, note: str = "", now: dt.datetime | None = None, **params: Any
) -> Dossier:
    """Apply one action to a dossier as the user, or raise and change nothing."""
    if action not in ACTIONS:
        raise ActionNotAllowed(f"Thao tác “{action}” không tồn tại.")
    reason = denial_reason(user, dossier, action)
    if reason:
        raise ActionNotAllowed(reason, forbidden=True)
    now = now or timezone.now()
    params["note"] = note
    before_status, before_step, version = dossier.status, dossier.step_code, dossier.version
    change = _plan(dossier, action, now, params)
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
        if change.segment:
            ClockSegment.objects.create(dossier=dossier, actor=user, **change.segment)
        event = DossierEvent.objects.create(
            dossier=dossier,
            at=now,
            actor=user,
            actor_name=_actor_name(user),
            action=action,
            from_status=before_status,
            to_status=change.to_status,
            from_step=before_step,
            to_step=change.to_step,
            step_due_at=fields.get("step_due_at"),
            note=note,
            data=change.data or {},
        )
        _notify_on_commit(event)
    # The row now holds exactly what was written: apply it to the object instead of reading it back.
    for field, value in fields.items():
        setattr(dossier, field, value)
    return dossier


def _notify_on_commit(event: DossierEvent) -> None:
    """Tell the applicant after the action is committed (never for an action that rolled back)."""
    from workflows.tasks import NOTICES, notify_applicant

    if event.action in NOTICES:
        transaction.on_commit(lambda: notify_applicant(event.pk))

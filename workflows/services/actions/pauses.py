"""Actions on the dossier's clock: a supplement request pauses it, the supplement resumes it, an apology
moves the due date once."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.models import ClockSegment, Dossier
from workflows.permissions import Role
from workflows.registry import actions

from .base import IN_PROGRESS, Action, ActionNotAllowed, Change, S, require_note
from .intake import HANDLED


@actions.register
class RequestSupplement(Action):
    name = "request_supplement"
    label = _("Yêu cầu bổ sung, hoàn thiện hồ sơ")
    verb = "yêu cầu bổ sung"
    statuses = frozenset({S.RECEIVED, S.PROCESSING})
    note_required = True
    notice = "Hồ sơ {code} cần bổ sung, hoàn thiện: {note}"
    position = 70

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        require_note(params, "Cần ghi rõ nội dung yêu cầu bổ sung, hoàn thiện hồ sơ.")
        now = params["now"]
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


@actions.register
class SupplementReceived(Action):
    name = "supplement_received"
    label = _("Đã nhận hồ sơ bổ sung")
    verb = "nhận hồ sơ bổ sung"
    statuses = frozenset({S.SUPPLEMENT})
    position = 15

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        return Change({}, S.PROCESSING, dossier.step_code, close_pause=True)


@actions.register
class Reschedule(Action):
    """The apology and new appointment: once, before the due date, to a later date."""

    name = "reschedule"
    label = _("Xin lỗi và hẹn lại ngày trả")
    verb = "hẹn lại ngày trả kết quả"
    statuses = IN_PROGRESS | {S.SUPPLEMENT}
    offered_in = HANDLED
    role = Role.LEADER
    note_required = True
    notice = "Xin lỗi ông/bà: hồ sơ {code} được hẹn lại ngày trả kết quả: {due}. Lý do: {note}"
    fields = required_fields = ("new_due",)
    position = 90

    def offered(self, dossier: Dossier) -> bool:
        return super().offered(dossier) and not dossier.rescheduled

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        now = params["now"]
        if dossier.rescheduled:
            raise ActionNotAllowed("Hồ sơ đã được hẹn lại một lần; không được hẹn lại lần nữa.")
        if dossier.due_at and now > dossier.due_at:
            raise ActionNotAllowed("Phải xin lỗi và hẹn lại trước khi hết hạn giải quyết.")
        new_due = params.get("new_due")
        if not isinstance(new_due, dt.datetime) or (dossier.due_at and new_due <= dossier.due_at):
            raise ActionNotAllowed("Ngày hẹn mới phải sau ngày hẹn trả hiện tại.")
        require_note(params, "Cần nêu lý do chậm trễ trong phiếu xin lỗi.")
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

"""Actions on the dossier's clock: a supplement request pauses it, the supplement resumes it, an apology
moves the due date once."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.calendar.rules import rule_set_by_key
from workflows.models import ClockSegment, Dossier
from workflows.permissions import Role
from workflows.registry import actions

from .base import IN_PROGRESS, Action, ActionNotAllowed, Change, S, require_note
from .intake import HANDLED


def missing_components(params: dict) -> list[str]:
    """The component names the officer ticked as missing, cleaned (order kept, no blanks, no repeats)."""
    names = [" ".join(str(n).split())[:255] for n in params.get("missing") or []]
    return list(dict.fromkeys(n for n in names if n))


@actions.register
class RequestSupplement(Action):
    """Ask the applicant to supplement the dossier: at reception (status 1, before the clock starts: nothing to
    pause) or while it is handled (the clock pauses until the supplement arrives, Decree 61/2018 art. 18)."""

    name = "request_supplement"
    label = _("Yêu cầu bổ sung, hoàn thiện hồ sơ")
    verb = "yêu cầu bổ sung"
    statuses = frozenset({S.NEW, S.RECEIVED, S.PROCESSING})
    note_required = True
    notice = "Hồ sơ {code} cần bổ sung, hoàn thiện: {note}{missing}\nBổ sung trực tuyến tại: {link}"
    # The documents to add, ticked from the dossier's checklist (Mẫu 02's table); the note is the reason.
    fields = required_fields = ("missing",)
    position = 70

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        require_note(params, "Cần ghi rõ lý do yêu cầu bổ sung, hoàn thiện hồ sơ.")
        missing = [str(m).strip() for m in params.get("missing") or () if str(m).strip()]
        if not missing:
            raise ActionNotAllowed("Cần chọn ít nhất một giấy tờ phải bổ sung, hoàn thiện.")
        now = params["now"]
        data = {"missing": missing_components(params)}
        if dossier.received_at is None:
            # Not received yet: the clock has not started, so there is no pause to open.
            return Change({}, S.SUPPLEMENT, dossier.step_code, data={**data, "at_reception": True})
        return Change(
            {"paused_at": now},
            S.SUPPLEMENT,
            dossier.step_code,
            segment={
                "kind": ClockSegment.Kind.PAUSE,
                "start": now,
                "reason": params["note"],
                "legal_basis": rule_set_by_key(dossier.rule_set).cite("supplement"),
            },
            data=data,
        )


def resume(dossier: Dossier, data: dict | None = None) -> Change:
    """Back from a supplement: to reception when it was asked for there, else to handling with the pause
    closed (the due date moves by the working time the pause took)."""
    if dossier.received_at is None:
        return Change({}, S.NEW, dossier.step_code, data=data)
    return Change({}, S.PROCESSING, dossier.step_code, close_pause=True, data=data)


@actions.register
class SupplementReceived(Action):
    """The officer records a supplement brought to the desk (or sent by post)."""

    name = "supplement_received"
    label = _("Đã nhận hồ sơ bổ sung")
    verb = "nhận hồ sơ bổ sung"
    statuses = frozenset({S.SUPPLEMENT})
    position = 15

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        return resume(dossier)


@actions.register
class SupplementSubmitted(Action):
    """The applicant supplements online from the status page (performed on their behalf, with no officer);
    the files are already in the dossier's store (source "supplement") and named in the event."""

    name = "supplement_submitted"
    label = _("Người nộp đã bổ sung trực tuyến")
    verb = "bổ sung hồ sơ"
    statuses = frozenset({S.SUPPLEMENT})
    notice = "Đã nhận hồ sơ bổ sung của ông/bà cho hồ sơ {code}; hồ sơ được chuyển lại cán bộ xử lý."
    by_applicant = True
    position = 16

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        if not params.get("files"):
            raise ActionNotAllowed("Cần đính kèm ít nhất một giấy tờ bổ sung.")
        return resume(dossier, {"files": [int(pk) for pk in params["files"]]})


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
        rule_set = rule_set_by_key(dossier.rule_set)
        # At the latest one day before the due date (Decree 61/2018 art. 18, see the rule set's citation
        # and its `unverified` note): the local date of the apology is before the due date's eve.
        if dossier.due_at and timezone.localdate(now) > timezone.localdate(dossier.due_at) - dt.timedelta(1):
            raise ActionNotAllowed(
                "Phải xin lỗi và hẹn lại chậm nhất 01 ngày trước ngày hết hạn giải quyết "
                f"({timezone.localtime(dossier.due_at):%d/%m/%Y}); căn cứ: {rule_set.cite('apology')}."
            )
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
                "legal_basis": rule_set.cite("apology"),
                "new_due_at": new_due,
            },
            data={"previous_due": dossier.due_at.isoformat() if dossier.due_at else ""},
        )

"""Actions that move a dossier along its workflow's steps, hand it to an officer, or give back the result."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workflows.models import Dossier, StepKind
from workflows.permissions import Role
from workflows.registry import actions

from ..clock import actor_name
from ..deadlines import classify
from .base import IN_PROGRESS, Action, ActionNotAllowed, Change, S, check_assignee, enter, next_step

# The kinds of step whose work is an appraisal, finished by "appraise".
APPRAISAL_KINDS = frozenset(
    {StepKind.APPRAISAL, StepKind.ASSIGNMENT, StepKind.CUSTOM, StepKind.INTER_AGENCY, StepKind.FINANCIAL}
)


@actions.register
class Assign(Action):
    name = "assign"
    label = _("Phân công")
    verb = "phân công"
    statuses = IN_PROGRESS | {S.SUPPLEMENT}
    role = Role.STEP_GROUP_OR_LEADER
    fields = required_fields = ("assignee",)
    position = 20

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        assignee = params.get("assignee")
        if assignee is None:
            raise ActionNotAllowed("Cần chọn cán bộ được phân công.")
        if assignee.pk == dossier.assignee_id:
            raise ActionNotAllowed("Cán bộ này đang được phân công xử lý hồ sơ.")
        check_assignee(dossier, assignee, {})
        return Change(
            {"assignee": assignee},
            dossier.status,
            dossier.step_code,
            data={"assignee": actor_name(assignee)},
        )


@actions.register
class Transfer(Action):
    """Hand the dossier to the next step (an approval step waits for a leader's "approve" instead)."""

    name = "transfer"
    label = _("Chuyển bước tiếp theo")
    verb = "chuyển bước"
    statuses = IN_PROGRESS
    role = Role.STEP_GROUP
    fields = ("to_step",)
    position = 30

    def offered(self, dossier: Dossier) -> bool:
        kind = (dossier.step() or {}).get("kind")
        return super().offered(dossier) and kind not in (StepKind.APPROVAL, StepKind.FORK)

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        if (dossier.step() or {}).get("kind") == StepKind.APPROVAL:
            raise ActionNotAllowed("Bước phê duyệt cần lãnh đạo phê duyệt, không chuyển tiếp được.")
        if (dossier.step() or {}).get("kind") == StepKind.FORK:
            # The dossier leaves a fork only when its last branch reaches the join ("finish_branch").
            raise ActionNotAllowed("Hồ sơ đang chờ kết quả của các nhánh liên thông song song.")
        change = enter(dossier, next_step(dossier, params.get("to_step")), params["now"])
        if params.get("assignee") is not None:
            check_assignee(dossier, params["assignee"], change.fields)
            change.fields["assignee"] = params["assignee"]
            change.data = {"assignee": actor_name(params["assignee"])}
        return change


@actions.register
class Appraise(Transfer):
    name = "appraise"
    label = _("Thẩm định xong, chuyển tiếp")
    step_kinds = APPRAISAL_KINDS
    wrong_step = "Bước hiện tại không phải bước thẩm định."
    position = 40


@actions.register
class Approve(Action):
    name = "approve"
    label = _("Phê duyệt")
    verb = "phê duyệt"
    statuses = IN_PROGRESS
    # A financial step is never an approval: the button shows only where the approval can be.
    offered_in = frozenset({S.RECEIVED, S.PROCESSING})
    step_kinds = frozenset({StepKind.APPROVAL})
    wrong_step = "Hồ sơ chưa đến bước phê duyệt."
    role = Role.LEADER
    notice = "Hồ sơ {code} đã có kết quả, mời ông/bà nhận theo giấy hẹn hoặc xem tại: {link}"
    fields = ("to_step",)
    position = 50

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        return enter(dossier, next_step(dossier, params.get("to_step")), params["now"])


@actions.register
class SendBack(Action):
    name = "send_back"
    label = _("Trả lại bước trước")
    verb = "trả lại bước trước"
    statuses = IN_PROGRESS
    role = Role.STEP_GROUP
    position = 60

    def offered(self, dossier: Dossier) -> bool:
        return super().offered(dossier) and bool((dossier.step() or {}).get("back"))

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        back = (dossier.step() or {}).get("back")
        if not back:
            raise ActionNotAllowed("Bước hiện tại không có bước trả lại.")
        return enter(dossier, next_step(dossier, back), params["now"])


@actions.register
class ReturnResult(Action):
    name = "return_result"
    label = _("Trả kết quả")
    statuses = frozenset({S.DONE})
    role = Role.STEP_GROUP
    notice = "Hồ sơ {code} đã có kết quả và đã được trả."
    position = 80

    def check(self, dossier: Dossier) -> None:
        if dossier.status != S.DONE:
            raise ActionNotAllowed("Hồ sơ chưa có kết quả để trả.")

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        now = params["now"]
        finished = dossier.finished_at or now
        return Change(
            {"returned_at": now, "timeliness": classify(finished, dossier.due_at), "overdue": False},
            S.RETURNED,
            dossier.step_code,
        )


@actions.register
class AttachResult(Action):
    """The signed electronic result joins the dossier (`services.results.attach_result` signs and stores it,
    then performs this action, which records it); the status does not change."""

    name = "attach_result"
    label = _("Đính kèm kết quả điện tử (đã ký số)")
    verb = "đính kèm kết quả"
    # Once approved (the result exists), before or after it is handed back.
    statuses = frozenset({S.DONE, S.RETURNED})
    role = Role.STEP_GROUP_OR_LEADER
    notice = "Kết quả điện tử của hồ sơ {code} đã sẵn sàng, ông/bà tải về tại: {link}"
    fields = required_fields = ("result_file",)
    position = 85

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        if not params.get("file"):
            raise ActionNotAllowed("Cần tệp kết quả đã ký số.")
        return Change({}, dossier.status, dossier.step_code, data={"file": int(params["file"])})

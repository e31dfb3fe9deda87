"""What the payment gateway's word does to a dossier that waits for its fee (issue 13, item 4).

An online dossier whose procedure asks a fee is submitted into status 6 ("Yêu cầu thực hiện nghĩa vụ tài
chính") without being received: its clock has not started (Decree 61/2018 art. 18 counts from reception) and
no officer can handle it. A verified payment moves it to status 1, where reception takes it as any other
online submission; an unsuccessful attempt is only written in the history. Both are performed on the
applicant's behalf by `workflows.services.payments.apply_notification`, never from an officer's button.

A citizen may also pay at the desk instead (cash or card, against a paper receipt, as most still do): the
reception officer records the receipt's number (`payment_at_desk`, through
`workflows.services.payments.record_desk_payment`, which keeps it as a paid `Payment` too) and the dossier goes
to reception the same way.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workflows.models import Dossier
from workflows.permissions import Role
from workflows.registry import actions

from .base import Action, ActionNotAllowed, Change, S, require_note


def awaiting_fee(dossier: Dossier) -> bool:
    """Submitted online, its fee unpaid: in status 6 and not received yet."""
    return dossier.status == S.FINANCIAL and dossier.received_at is None


class PaymentAction(Action):
    statuses = frozenset({S.FINANCIAL})
    by_applicant = True
    # The payment actions apply before reception, where the other status-6 actions do not.
    before_reception = True

    def check(self, dossier: Dossier) -> None:
        super().check(dossier)
        if not awaiting_fee(dossier):
            raise ActionNotAllowed("Hồ sơ không chờ thanh toán phí, lệ phí khi nộp trực tuyến.")


@actions.register
class PaymentReceived(PaymentAction):
    name = "payment_received"
    label = _("Đã thanh toán phí, lệ phí trực tuyến")
    verb = "ghi nhận thanh toán"
    notice = "Đã nhận {note} cho hồ sơ {code}. Hồ sơ được chuyển tới bộ phận tiếp nhận. Xem tại: {link}"
    position = 5

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        return Change({}, S.NEW, dossier.step_code, data=params.get("payment") or {})


@actions.register
class PaymentNotCompleted(PaymentAction):
    name = "payment_not_completed"
    label = _("Thanh toán trực tuyến không thành công")
    verb = "ghi nhận thanh toán"
    position = 6

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        return Change({}, S.FINANCIAL, dossier.step_code, data=params.get("payment") or {})


@actions.register
class PaymentAtDesk(PaymentAction):
    name = "payment_at_desk"
    label = _("Thu phí, lệ phí tại quầy")
    verb = "ghi nhận thu phí, lệ phí tại quầy"
    by_applicant = False
    role = Role.STEP_GROUP
    note_required = True
    notice = "Bộ phận một cửa đã thu phí, lệ phí của hồ sơ {code} ({note}). Hồ sơ được chuyển tới bộ phận tiếp nhận."
    position = 7

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        require_note(params, "Cần ghi số biên lai thu phí, lệ phí.")
        if not params.get("payment"):
            # Only with the paid Payment `record_desk_payment` writes beside it: never a fee marked paid bare.
            raise ActionNotAllowed("Thu phí tại quầy được ghi cùng biên lai (record_desk_payment).")
        return Change({}, S.NEW, dossier.step_code, data=params["payment"])

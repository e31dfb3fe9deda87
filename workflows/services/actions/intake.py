"""Actions that open or close a dossier: receiving an online submission, refusing, withdrawing, stopping."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workflows.models import Dossier
from workflows.models.dossiers import OPEN_STATUSES
from workflows.permissions import Role
from workflows.registry import actions

from ..clock import start_clock
from .base import Action, Change, S, finish, require_note

# While a dossier is being handled, it can always be refused, withdrawn or stopped (Decree 61/2018 art. 18).
HANDLED = frozenset({S.RECEIVED, S.PROCESSING, S.FINANCIAL, S.SUPPLEMENT})


@actions.register
class Submit(Action):
    """An online submission: written by `receive_dossier` into the history, never performed by an officer."""

    name = "submit"
    label = _("Nộp trực tuyến")
    performable = False


@actions.register
class Receive(Action):
    """An officer receives an online submission: the clock starts now."""

    name = "receive"
    label = _("Tiếp nhận hồ sơ")
    verb = "tiếp nhận"
    statuses = frozenset({S.NEW})
    role = Role.STEP_GROUP
    notice = "Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: {due}."
    position = 10

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        start_clock(dossier, params["now"])
        received = (
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
        return Change({f: getattr(dossier, f) for f in received}, S.RECEIVED, dossier.step_code)


@actions.register
class Refuse(Action):
    """Not received (from status 1) or stopped with reasons (once received)."""

    name = "refuse"
    label = _("Từ chối")
    verb = "từ chối"
    statuses = frozenset({S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT})
    offered_in = HANDLED | {S.NEW}
    note_required = True
    notice = "Hồ sơ {code} bị từ chối.{reason} Ông/bà xem chi tiết tại: {link}"
    position = 100

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        require_note(params, "Cần nêu rõ lý do từ chối.")
        return finish(dossier, S.NOT_RECEIVED if dossier.status == S.NEW else S.STOPPED, params["now"])


@actions.register
class Withdraw(Action):
    name = "withdraw"
    label = _("Rút hồ sơ theo đề nghị")
    verb = "rút hồ sơ"
    statuses = frozenset(OPEN_STATUSES) - {S.DONE}
    offered_in = HANDLED
    notice = "Hồ sơ {code} đã được rút theo đề nghị của ông/bà.{reason}"
    position = 110
    target = S.WITHDRAWN

    def plan(self, dossier: Dossier, params: dict) -> Change:
        self.check(dossier)
        return finish(dossier, self.target, params["now"])


@actions.register
class Stop(Withdraw):
    name = "stop"
    label = _("Dừng xử lý")
    verb = "dừng xử lý"
    notice = "Hồ sơ {code} đã dừng xử lý.{reason} Ông/bà xem chi tiết tại: {link}"
    position = 120
    target = S.STOPPED

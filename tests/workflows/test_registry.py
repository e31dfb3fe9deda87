"""The registry of dossier actions: one declaration per action, read by every part that used its own table."""

import pytest
from django.utils.translation import gettext_lazy as _

from tests.workflows.conftest import at, new_dossier
from workflows.admin_views import available_actions
from workflows.checks import check_actions, check_registry
from workflows.models import DossierEvent, DossierStatus
from workflows.permissions import Role
from workflows.registry import Registry, actions
from workflows.services import ACTIONS, ActionNotAllowed, perform_action, receive_dossier
from workflows.services.actions import Action, Change


def names(dossier, user):
    return [a["name"] for a in available_actions(dossier, user)]


def test_registering_a_taken_name_is_refused_and_keeps_the_first():
    first = actions["transfer"]

    class Impostor(Action):
        name = "transfer"
        label = _("Giả mạo")

    with pytest.raises(ValueError, match="already registered"):
        actions.register(Impostor)
    assert actions["transfer"] is first
    with pytest.raises(ValueError, match="no name"):
        Registry().register(type("Nameless", (Action,), {}))


def test_the_system_check_passes_for_the_registry_and_names_each_fault_of_a_bad_entry():
    assert check_actions() == []
    bad = Registry()

    @bad.register
    class Sloppy(Action):
        name = "sloppy"
        label = "Không dịch được"
        statuses = frozenset({42})
        step_kinds = frozenset({"teleport"})
        fields = ("colour",)
        required_fields = ("note",)
        notice = "Hồ sơ {code}: {whatever}"

    messages = [m.msg for m in check_registry(bad)]
    for fault in (
        "translatable",
        "unknown statuses [42]",
        "unknown step kinds ['teleport']",
        "no wrong_step message",
        "unknown form fields ['colour']",
        "a required field",
        "unknown placeholders ['whatever']",
        "no verb",
        "does not implement plan()",
    ):
        assert any(fault in m for m in messages), fault
    assert {m.id for m in check_registry(bad)} == {"workflows.E001"}

    @bad.register
    class Recorded(Action):
        name = "recorded"
        label = _("Ghi nhận")
        performable = False
        notice = "Hồ sơ {code}"

    assert any("history-only" in m.msg for m in check_registry(bad) if m.obj is Recorded)


def test_history_choices_and_the_performable_names_come_from_the_registry():
    choices = dict(DossierEvent._meta.get_field("action").choices)
    assert choices == dict(actions.choices())
    assert choices["submit"] == "Nộp trực tuyến" and choices["reschedule"] == "Xin lỗi và hẹn lại ngày trả"
    assert "submit" not in ACTIONS and set(ACTIONS) == {a.name for a in actions if a.performable}
    assert actions["approve"].role is Role.LEADER and actions["assign"].role is Role.STEP_GROUP_OR_LEADER
    assert {a.name for a in actions if a.notice} == {
        "receive",
        "request_supplement",
        "supplement_submitted",
        "return_result",
        "approve",
        "reschedule",
        # Issue 13: every outcome is told, and the electronic result.
        "attach_result",
        "refuse",
        "withdraw",
        "stop",
        # Issue 13, fees paid online: the payment received, online or at the desk.
        "payment_received",
        "payment_at_desk",
    }


def test_a_history_only_action_cannot_be_performed(desk):
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0))
    with pytest.raises(ActionNotAllowed, match="không tồn tại"):
        perform_action(dossier, "submit", desk["leader"])


def test_a_subclass_plan_returns_a_change_the_writer_applies(desk):
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0))
    change = actions["supplement_received"]
    with pytest.raises(ActionNotAllowed, match="nhận hồ sơ bổ sung"):
        change.plan(dossier, {"now": at(2026, 3, 2, 10, 0), "note": ""})
    planned = actions["transfer"].plan(dossier, {"now": at(2026, 3, 2, 10, 0), "note": ""})
    assert isinstance(planned, Change) and planned.to_step == "tham-dinh"
    dossier.refresh_from_db()
    assert dossier.step_code == "tiep-nhan"  # planning writes nothing


def test_buttons_follow_the_status_and_the_step_as_before(desk):
    closing = ["reschedule", "refuse", "withdraw", "stop"]
    online = receive_dossier(
        procedure=desk["procedure"],
        center=desk["center"],
        channel="online",
        applicant={"name": "Lê Văn Cường", "phone": "0987654321"},
        submitted_online=True,
        received_at=at(2026, 3, 2, 8, 0),
    )
    assert online.status == DossierStatus.NEW
    # Issue 13: a supplement can be asked for at reception, before the clock starts.
    assert names(online, desk["desk"]) == ["receive", "request_supplement", "refuse"]

    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0))
    assert names(dossier, desk["desk"]) == ["assign", "transfer", "request_supplement", *closing]
    dossier = perform_action(dossier, "transfer", desk["desk"], now=at(2026, 3, 2, 10, 0))
    assert names(dossier, desk["specialist"]) == [
        "assign",
        "transfer",
        "appraise",
        "request_supplement",
        *closing,
    ]
    denied = {a["name"]: a["denied"] for a in available_actions(dossier, desk["desk"])}
    assert "Chuyên viên" in denied["appraise"] and denied["refuse"] is None
    dossier = perform_action(
        dossier,
        "request_supplement",
        desk["specialist"],
        note="Thiếu",
        missing=["Tờ khai"],
        now=at(2026, 3, 2, 11, 0),
    )
    assert names(dossier, desk["specialist"]) == ["supplement_received", "assign", *closing]
    dossier = perform_action(dossier, "supplement_received", desk["desk"], now=at(2026, 3, 3, 9, 0))
    dossier = perform_action(dossier, "appraise", desk["specialist"], now=at(2026, 3, 3, 10, 0))
    assert names(dossier, desk["leader"]) == [
        "assign",
        "approve",
        "send_back",
        "request_supplement",
        *closing,
    ]
    denied = {a["name"]: a["denied"] for a in available_actions(dossier, desk["specialist"])}
    assert "lãnh đạo" in denied["approve"] and "lãnh đạo" in denied["reschedule"]
    dossier = perform_action(dossier, "approve", desk["leader"], now=at(2026, 3, 4, 10, 0))
    assert dossier.status == DossierStatus.DONE
    # Issue 13: the signed electronic result is attached once the dossier is approved.
    assert names(dossier, desk["desk"]) == ["return_result", "attach_result"]

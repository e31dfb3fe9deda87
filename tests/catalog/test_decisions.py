"""Decisions go through Wagtail's own moderation workflow and apply their items atomically at the effective date."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow

from catalog.models import Decision, DecisionItem, Procedure, ProcedureEvent
from catalog.services import ProcedureRecordError, apply_decision, due_decisions
from tests.factories import AgencyFactory, DecisionFactory, ProcedureFactory, UserFactory


@pytest.fixture
def decision_workflow(db):
    return Workflow.objects.get(name="Duyệt quyết định công bố TTHC")


def make_decision(**kwargs) -> Decision:
    decision = DecisionFactory(**kwargs)
    old = ProcedureFactory(code="1.000001", name="Thủ tục cũ bị bãi bỏ")
    ProcedureFactory(code="1.000002", name="Thủ tục được sửa đổi")
    decision.items = [
        DecisionItem(
            kind="new",
            code="1.000003",
            name="Thủ tục mới ban hành",
            data={
                "channels": [{"channel": "direct", "processing_time": "10 ngày làm việc", "fees": "Miễn phí"}]
            },
        ),
        DecisionItem(kind="amended", code="1.000002", data={"name": "Thủ tục được sửa đổi (tên mới)"}),
        DecisionItem(kind="abolished", code=old.code),
    ]
    decision.save()
    return decision


def test_the_seeding_migration_gives_decisions_a_review_then_approval_workflow(decision_workflow):
    tasks = [t.specific for t in decision_workflow.tasks.all()]
    assert [t.name for t in tasks] == ["Rà soát của Tổ kiểm soát TTHC", "Phê duyệt của Lãnh đạo"]
    assert [list(t.groups.values_list("name", flat=True)) for t in tasks] == [
        ["Tổ kiểm soát TTHC"],
        ["Lãnh đạo"],
    ]
    assert Decision.get_default_workflow() == decision_workflow


def test_a_decision_approved_through_both_tasks_is_published_and_applied(decision_workflow):
    decision = make_decision(effective=dt.date(2026, 1, 5))
    editor = UserFactory(groups=["Tổ kiểm soát TTHC"])
    leader = UserFactory(groups=["Lãnh đạo"])
    decision.save_revision(user=editor)
    state = decision_workflow.start(decision, editor)
    state.current_task_state.task.specific.on_action(state.current_task_state, editor, "approve")
    state.refresh_from_db()
    assert not Procedure.objects.filter(code="1.000003").exists(), "nothing applies before the last approval"
    state.current_task_state.task.specific.on_action(state.current_task_state, leader, "approve")
    decision.refresh_from_db()
    assert decision.live and decision.applied_at is not None
    assert Procedure.objects.get(code="1.000003").processing_time_value == 10
    assert Procedure.objects.get(code="1.000002").name == "Thủ tục được sửa đổi (tên mới)"
    abolished = Procedure.objects.get(code="1.000001")
    assert abolished.status == Procedure.Status.ABOLISHED and abolished.effective_to == dt.date(2026, 1, 5)
    assert ProcedureEvent.objects.filter(procedure=abolished, decision=decision, kind="abolished").exists()


def test_only_leaders_may_publish_a_decision(decision_workflow):
    decision = make_decision()
    editor = UserFactory(groups=["Tổ kiểm soát TTHC"])
    leader = UserFactory(groups=["Lãnh đạo"])
    from wagtail.permission_policies.base import ModelPermissionPolicy

    policy = ModelPermissionPolicy(Decision)
    assert not policy.user_has_permission(editor, "publish")
    assert policy.user_has_permission(leader, "publish")
    assert Group.objects.get(name="Tổ kiểm soát TTHC").permissions.filter(codename="change_decision").exists()
    assert decision.pk


def test_a_future_decision_waits_for_its_effective_date(db):
    decision = make_decision(effective=dt.date(2099, 1, 1))
    decision.save_revision().publish()
    decision.refresh_from_db()
    assert decision.live and decision.applied_at is None
    assert not Procedure.objects.filter(code="1.000003").exists()
    assert list(due_decisions(today=dt.date(2099, 1, 1))) == [decision]
    assert apply_decision(decision) == 3
    assert apply_decision(decision) == 0, "applying twice changes nothing"


def test_a_decision_that_cannot_apply_writes_nothing(db):
    decision = DecisionFactory()
    ProcedureFactory(code="1.000010")
    decision.items = [
        DecisionItem(kind="abolished", code="1.000010"),
        DecisionItem(kind="amended", code="1.999999"),  # not in the catalog
    ]
    decision.save()
    with pytest.raises(ProcedureRecordError, match=r"1\.999999"):
        apply_decision(decision)
    assert Procedure.objects.get(code="1.000010").status == Procedure.Status.ACTIVE


def test_an_abolished_procedure_leaves_the_catalog_but_its_page_says_by_which_decision(client, db):
    decision = make_decision(number="77/QĐ-UBND")
    decision.save_revision().publish()
    listing = client.get("/thu-tuc/").content.decode()
    assert "Thủ tục cũ bị bãi bỏ" not in listing
    page = client.get("/thu-tuc/1.000001/").content.decode()
    assert "đã bãi bỏ" in page and "77/QĐ-UBND" in page
    assert AgencyFactory  # the issuer came from the factory

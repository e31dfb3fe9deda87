"""The workflow checker, on its own and on the admin form, and the diagram on the workflow's page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import CenterFactory, DossierFactory, ProcedureFactory, UserFactory
from workflows.diagram import workflow_svg
from workflows.models import Workflow
from workflows.services import default_workflow_for
from workflows.services.checker import LegalLimit, check_steps, check_workflow, longest_path_days


def step(code, kind="appraisal", budget="1", nxt=(), back="", pauses=False, unit="working_day", group="G"):
    return {
        "code": code,
        "name": f"Bước {code}",
        "kind": kind,
        "group": group,
        "budget_value": budget,
        "budget_unit": unit,
        "next": list(nxt),
        "back": back,
        "pauses_clock": pauses,
        "decides": False,
    }


FIVE_DAYS = [LegalLimit("direct", Decimal("5"), "working_day", "05 ngày làm việc")]


def messages(findings, errors_only=True):
    return [f.message for f in findings if f.is_error or not errors_only]


def test_a_straight_workflow_within_its_time_passes():
    steps = [
        step("a", "reception", "0"),
        step("b", budget="3"),
        step("c", "approval", "1"),
        step("d", "return", "0"),
    ]
    assert messages(check_steps(steps, limits=FIVE_DAYS)) == []


def test_budgets_over_the_legal_time_are_reported_in_vietnamese():
    steps = [step("a", "reception", "1"), step("b", budget="4.5"), step("c", "return", "0")]
    found = messages(check_steps(steps, limits=FIVE_DAYS))
    assert found == [
        "Tổng thời gian các bước (5,5 ngày làm việc) vượt thời hạn giải quyết theo quy định của cách thức "
        "trực tiếp: 05 ngày làm việc."
    ]


def test_hours_count_against_working_days_and_paused_steps_do_not_count():
    steps = [step("a", budget="16", unit="hour"), step("b", budget="10", pauses=True), step("c", budget="3")]
    assert longest_path_days(steps) == Decimal(5)
    assert messages(check_steps(steps, limits=FIVE_DAYS)) == []


def test_the_longest_branch_is_the_one_measured():
    steps = [
        step("a", nxt=["quick", "slow"], budget="0"),
        step("quick", budget="1", nxt=["end"]),
        step("slow", budget="6", nxt=["end"]),
        step("end", "return", "0"),
    ]
    assert longest_path_days(steps) == Decimal(6)
    assert len(messages(check_steps(steps, limits=FIVE_DAYS))) == 1


def test_unreachable_steps_dangling_codes_and_dead_ends_are_errors():
    steps = [
        step("a", nxt=["c"]),
        step("orphan", nxt=["c"]),
        step("c", nxt=["loop"], back="nowhere"),
        step("loop", nxt=["c", "ghost"]),
    ]
    found = messages(check_steps(steps))
    assert "Bước “Bước loop” chuyển đến bước “ghost” không có trong quy trình." in found
    assert "Bước “Bước c” trả lại bước “nowhere” không có trong quy trình." in found
    assert "Bước “Bước orphan” không thể đến được từ bước đầu tiên." in found
    assert "Từ bước “Bước c” không có đường đến kết thúc quy trình." in found


def test_duplicate_codes_stop_the_check_with_one_clear_error():
    found = messages(check_steps([step("a"), step("a")]))
    assert found == ["Mã bước “a” bị trùng; mỗi bước cần một mã riêng."]


def test_a_steps_only_reachable_through_a_send_back_still_count_as_reachable():
    steps = [step("a", "reception", "0", nxt=["END"]), step("b", back="a")]
    found = messages(check_steps(steps))
    assert found == ["Bước “Bước b” không thể đến được từ bước đầu tiên."]


def test_the_standard_workflow_of_a_procedure_passes(db):
    procedure = ProcedureFactory(code="1.009994")
    assert messages(check_workflow(default_workflow_for(procedure))) == []


def test_the_diagram_draws_every_step_and_escapes_names():
    steps = [step("a", "reception", nxt=["b", "END"]), step("b", back="a"), step("c", "return")]
    steps[0]["name"] = "<script>x</script>"
    svg = str(workflow_svg(steps, check_steps(steps)))
    assert svg.startswith("<svg") and "Kết thúc" in svg and "<script>" not in svg
    assert svg.count("<rect") == 4 and "stroke-dasharray" in svg


@pytest.fixture
def editor(client, db):
    user = UserFactory(username="bientap", superuser=True)
    client.force_login(user)
    return client


def _post(workflow, steps, active=True):
    """The editor replaces every step: the existing ones go with DELETE, as the inline panel posts them."""
    existing = [
        {
            "id": s.pk,
            "code": s.code,
            "name": s.name,
            "kind": s.kind,
            "budget_value": s.budget_value,
            "budget_unit": s.budget_unit,
            "ORDER": i,
            "DELETE": "on",
        }
        for i, s in enumerate(workflow.steps.all())
    ]
    return nested_form_data(
        {
            "name": workflow.name,
            "procedure": workflow.procedure_id,
            "channel": "",
            "case": "",
            "active": "on" if active else "",
            "source": "",
            "steps": inline_formset(
                existing
                + [
                    {
                        "code": s["code"],
                        "name": s["name"],
                        "kind": s["kind"],
                        "group": "",
                        "agency": "",
                        "role": "",
                        "budget_value": s["budget_value"],
                        "budget_unit": "working_day",
                        "next_steps": ",".join(s["next"]),
                        "back_step": s["back"],
                        "ORDER": len(existing) + i,
                    }
                    for i, s in enumerate(steps)
                ],
                initial=len(existing),
            ),
        }
    )


def test_the_admin_refuses_an_active_workflow_that_fails_the_check(editor):
    workflow = default_workflow_for(ProcedureFactory(code="1.009995"))
    url = reverse("wagtailsnippets_workflows_workflow:edit", args=(workflow.pk,))
    version = workflow.version
    bad = [step("a", "reception", "0"), step("b", budget="9"), step("c", "return", "0")]
    response = editor.post(url, _post(workflow, bad))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "vượt thời hạn giải quyết theo quy định" in html
        and "Quy trình đang áp dụng phải qua được kiểm tra" in html
    )
    workflow.refresh_from_db()
    assert workflow.version == version and workflow.steps.count() == 4


def test_an_inactive_draft_saves_and_its_page_shows_the_errors_and_the_diagram(editor):
    workflow = default_workflow_for(ProcedureFactory(code="1.009996"))
    url = reverse("wagtailsnippets_workflows_workflow:edit", args=(workflow.pk,))
    bad = [step("a", "reception", "0"), step("b", budget="9"), step("c", "return", "0")]
    response = editor.post(url, _post(workflow, bad, active=False))
    assert response.status_code == 302
    workflow = Workflow.objects.get(pk=workflow.pk)
    assert not workflow.active and [s.code for s in workflow.steps.all()] == ["a", "b", "c"]
    html = editor.get(url).content.decode()
    assert "<svg" in html and "Lỗi: Tổng thời gian các bước (9 ngày làm việc)" in html


def test_a_valid_edit_bumps_the_version_and_running_dossiers_keep_theirs(editor):
    procedure = ProcedureFactory(code="1.009997")
    workflow = default_workflow_for(procedure)
    dossier = DossierFactory(
        procedure=procedure,
        center=CenterFactory(agency=procedure.agency),
        applicant={"name": "Lý Thị Mai", "phone": "0900111222"},
    )
    good = [step("a", "reception", "0"), step("b", budget="4"), step("c", "return", "0")]
    url = reverse("wagtailsnippets_workflows_workflow:edit", args=(workflow.pk,))
    assert editor.post(url, _post(workflow, good)).status_code == 302
    workflow.refresh_from_db()
    dossier.refresh_from_db()
    assert workflow.version == dossier.workflow_version + 1
    assert [s["code"] for s in dossier.workflow_snapshot["steps"]] == [
        "tiep-nhan",
        "tham-dinh",
        "phe-duyet",
        "tra-ket-qua",
    ]


def test_an_approval_cannot_be_automatic():
    steps = [
        step("a", "reception", "0"),
        {**step("b", "approval"), "automatic": True},
        step("c", "return", "0"),
    ]
    assert messages(check_steps(steps)) == [
        "Bước “Bước b” không thể tự động chuyển tiếp: tiếp nhận, phê duyệt và trả kết quả cần cán bộ thực hiện."
    ]

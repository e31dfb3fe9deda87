"""Reorganising units (catalog.services.apply_reorganisation + workflows' remap): merge, split, dry run, history."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from catalog.models import Agency, AgencyLevel, Center, Procedure
from catalog.services import PlanError, apply_reorganisation, read_plan
from tests.factories import (
    AgencyFactory,
    AgencyLevelFactory,
    CenterFactory,
    DossierFactory,
    OfficerFactory,
    ProcedureFactory,
    UserFactory,
)
from tests.workflows.conftest import new_dossier
from workflows.models import Dossier, DossierEvent, DossierStatus, Officer, WorkflowStep
from workflows.services import perform_action
from workflows.services.setup import default_workflow_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    top = AgencyFactory(
        identifier="000.00.00.H22", name="UBND tỉnh", level=AgencyLevelFactory(code="province")
    )
    finance = AgencyFactory(identifier="000.00.11.H22", name="Sở Tài chính", parent=top, level=top.level)
    planning = AgencyFactory(
        identifier="000.00.14.H22", name="Sở Kế hoạch và Đầu tư", parent=top, level=top.level
    )
    center = CenterFactory(code="ttpvhcc", agency=top)
    center.agencies.add(top, finance, planning)
    invest = ProcedureFactory(code="1.009645", name="Cấp Giấy chứng nhận đăng ký đầu tư", agency=planning)
    budget = ProcedureFactory(
        code="1.005396", name="Cấp mã số đơn vị có quan hệ với ngân sách", agency=finance
    )
    return {
        "top": top,
        "finance": finance,
        "planning": planning,
        "center": center,
        "invest": invest,
        "budget": budget,
    }


def merge_plan(**extra):
    return read_plan(
        {
            "name": "Quyết định 123/QĐ-UBND",
            "effective": "2025-03-01",
            "merges": [{"into": "000.00.11.H22", "from": ["000.00.14.H22"]}],
            **extra,
        }
    )


def dossier_for(p, procedure, agency):
    return DossierFactory(procedure=procedure, center=p["center"], agency=agency)


def test_merge_moves_open_dossiers_procedures_steps_and_officers_and_keeps_closed_ones(province):
    p = province
    open_one = dossier_for(p, p["invest"], p["planning"])
    closed = dossier_for(p, p["invest"], p["planning"])
    perform_action(closed, "withdraw", None, note="Rút hồ sơ")
    step = WorkflowStep.objects.filter(workflow=default_workflow_for(p["invest"])).first()
    WorkflowStep.objects.filter(pk=step.pk).update(agency=p["planning"])
    officer = OfficerFactory(user=UserFactory(username="khdt"), agency=p["planning"])

    result = apply_reorganisation(merge_plan())

    planning = Agency.objects.get(pk=p["planning"].pk)
    assert (planning.active, planning.merged_into, planning.merged_on) == (
        False,
        p["finance"],
        dt.date(2025, 3, 1),
    )
    assert planning.name == "Sở Kế hoạch và Đầu tư"  # the row and its name stay for history
    assert Procedure.objects.get(pk=p["invest"].pk).agency == p["finance"]
    open_one.refresh_from_db()
    closed.refresh_from_db()
    assert open_one.agency == p["finance"] and open_one.version == 2
    assert closed.agency == p["planning"] and closed.status == DossierStatus.WITHDRAWN
    event = open_one.events.get(action="reorganise")
    assert event.data["agency"] == ["000.00.14.H22", "000.00.11.H22"]
    assert "Sở Kế hoạch và Đầu tư → Sở Tài chính" in event.note and "123/QĐ-UBND" in event.note
    assert not closed.events.filter(action="reorganise").exists()
    assert WorkflowStep.objects.get(pk=step.pk).agency == p["finance"]
    assert Officer.objects.get(pk=officer.pk).agency == p["finance"]
    assert set(p["center"].agencies.all()) == {p["top"], p["finance"]}
    assert result.counts["dossiers_remapped"] == 1 and result.counts["procedures_moved"] == 1
    assert result.counts["officers_remapped"] == 1
    assert (
        result.counts["workflow_steps_remapped"]
        == WorkflowStep.objects.filter(agency=p["finance"]).count()
        > 0
    )
    assert not WorkflowStep.objects.filter(agency=p["planning"]).exists()


def test_applying_a_plan_twice_changes_nothing_the_second_time(province):
    dossier_for(province, province["invest"], province["planning"])
    apply_reorganisation(merge_plan())
    again = apply_reorganisation(merge_plan())
    assert again.lines == [] and sum(again.counts.values()) == 0
    assert DossierEvent.objects.filter(action="reorganise").count() == 1


def test_dry_run_reports_the_same_changes_and_writes_nothing(province):
    p = province
    dossier = dossier_for(p, p["invest"], p["planning"])
    events = DossierEvent.objects.count()
    dry = apply_reorganisation(merge_plan(), dry_run=True)
    assert dry.dry_run and dry.counts["dossiers_remapped"] == 1 and dry.counts["agencies_retired"] == 1
    assert any("Sở Kế hoạch và Đầu tư" in line for line in dry.lines)
    dossier.refresh_from_db()
    assert dossier.agency == p["planning"] and DossierEvent.objects.count() == events
    assert Agency.objects.get(pk=p["planning"].pk).active
    real = apply_reorganisation(merge_plan())
    assert real.lines == dry.lines and real.counts == dry.counts


def test_split_routes_each_procedure_and_its_open_dossiers_to_its_successor(province):
    p = province
    commune = AgencyLevelFactory(code="commune")
    district = AgencyFactory(
        identifier="000.00.21.H22", name="UBND TP Hạ Long", parent=p["top"], level=commune
    )
    birth = ProcedureFactory(code="1.001193", name="Đăng ký khai sinh", agency=district)
    permit = ProcedureFactory(code="1.009994", name="Cấp giấy phép xây dựng", agency=district)
    desk = CenterFactory(code="tthcc-halong", kind=Center.Kind.DISTRICT_DESK, agency=district)
    on_birth = new_dossier({"procedure": birth, "center": desk})
    on_permit = new_dossier({"procedure": permit, "center": desk})
    plan = read_plan(
        {
            "name": "Nghị quyết 1679/NQ-UBTVQH15",
            "effective": "2025-07-01",
            "agencies": [
                {
                    "identifier": "000.00.61.H22",
                    "name": "UBND phường Hạ Long",
                    "level": "commune",
                    "parent": "000.00.00.H22",
                    "kind": "people_committee",
                },
            ],
            "centers": [
                {
                    "code": "ttpvhcc-halong",
                    "name": "Trung tâm PVHCC phường Hạ Long",
                    "agency": "000.00.61.H22",
                },
            ],
            "splits": [
                {
                    "from": "000.00.21.H22",
                    "default": "000.00.61.H22",
                    "procedures": {"000.00.00.H22": ["1.009994"]},
                },
            ],
            "close_centers": [{"code": "tthcc-halong", "successor": "ttpvhcc-halong"}],
        }
    )
    apply_reorganisation(plan)
    ward = Agency.objects.get(identifier="000.00.61.H22")
    new_center = Center.objects.get(code="ttpvhcc-halong")
    assert Procedure.objects.get(pk=birth.pk).agency == ward
    assert Procedure.objects.get(pk=permit.pk).agency == p["top"]
    on_birth.refresh_from_db()
    on_permit.refresh_from_db()
    assert (on_birth.agency, on_birth.center) == (ward, new_center)
    assert (on_permit.agency, on_permit.center) == (p["top"], new_center)
    old_desk = Center.objects.get(pk=desk.pk)
    assert old_desk.closed_on == dt.date(2025, 7, 1) and old_desk.successor == new_center
    assert old_desk not in Center.objects.open_on(dt.date(2026, 1, 5))
    assert old_desk in Center.objects.open_on(dt.date(2025, 6, 30))
    assert Agency.objects.get(pk=district.pk).merged_into == ward


def test_a_plan_naming_unknown_units_is_refused_whole(province):
    plan = read_plan(
        {
            "name": "P",
            "effective": "2025-07-01",
            "merges": [{"into": "000.00.11.H22", "from": ["000.00.14.H22", "000.00.99.H22"]}],
            "close_levels": ["district"],
        }
    )
    with pytest.raises(PlanError) as error:
        apply_reorganisation(plan)
    assert "Không có cơ quan mã định danh 000.00.99.H22." in error.value.messages
    assert "Không có cấp hành chính mã district." in error.value.messages
    assert Agency.objects.get(pk=province["planning"].pk).active


def test_read_plan_lists_every_shape_problem_in_vietnamese():
    with pytest.raises(PlanError) as error:
        read_plan({"effective": "1/7/2025", "merges": [{"into": "A", "from": "B"}]})
    assert error.value.messages == [
        "Phương án: thiếu “name”.",
        "Phương án: “effective” phải là ngày dạng YYYY-MM-DD.",
        "Hợp nhất thứ 1: “from” phải là danh sách mã định danh cơ quan.",
    ]


def test_command_dry_run_prints_what_would_change_then_applies(province, tmp_path, capsys):
    dossier_for(province, province["invest"], province["planning"])
    path = tmp_path / "plan.json"
    path.write_text(
        json.dumps(
            {
                "name": "QĐ 123",
                "effective": "2025-03-01",
                "close_levels": ["province"],
                "merges": [{"into": "000.00.11.H22", "from": ["000.00.14.H22"]}],
            }
        )
    )
    call_command("reorganise", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "chạy thử" in out and "Hợp nhất Sở Kế hoạch và Đầu tư (000.00.14.H22) vào Sở Tài chính" in out
    assert "Chuyển 1 hồ sơ đang giải quyết" in out
    assert Agency.objects.get(pk=province["planning"].pk).active
    call_command("reorganise", str(path), "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["dossiers_remapped"] == 1 and report["dry_run"] is False
    assert AgencyLevel.objects.get(code="province").closed_on == dt.date(2025, 3, 1)
    assert Dossier.objects.get().agency == province["finance"]


def test_admin_page_previews_then_applies_the_plan_and_refuses_a_bad_one(province, client):
    dossier = dossier_for(province, province["invest"], province["planning"])
    editor = UserFactory(username="bientap", perms=["catalog.change_agency", "wagtailadmin.access_admin"])
    client.force_login(editor)
    text = json.dumps(
        {
            "name": "QĐ 123",
            "effective": "2025-03-01",
            "merges": [{"into": "000.00.11.H22", "from": ["000.00.14.H22"]}],
        }
    )
    page = client.post("/admin/sap-xep-don-vi/", {"plan": text, "apply": "0"}).content.decode()
    assert "chưa ghi gì" in page and "Chuyển 1 hồ sơ đang giải quyết" in page and 'value="1"' in page
    assert Agency.objects.get(pk=province["planning"].pk).active
    response = client.post("/admin/sap-xep-don-vi/", {"plan": text, "apply": "1"})
    assert response.status_code == 302
    assert "Đã áp dụng: QĐ 123" in client.get(response.url).content.decode()
    dossier.refresh_from_db()
    assert dossier.agency == province["finance"]
    bad = client.post("/admin/sap-xep-don-vi/", {"plan": "{", "apply": "1"}).content.decode()
    assert "Phương án không phải JSON hợp lệ" in bad
    client.force_login(UserFactory(username="khach", perms=["wagtailadmin.access_admin"]))
    denied = client.get("/admin/sap-xep-don-vi/")  # Wagtail turns PermissionDenied into a redirect home
    assert (denied.status_code, denied.url) == (302, "/admin/")

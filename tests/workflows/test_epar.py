"""The E-PAR loader: the real 114 workflows load, and a TN02 dossier runs through its hops and its tax pause."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import defusedxml.ElementTree as ET
import pytest
from django.core.management import call_command

from tests.factories import AgencyFactory, CenterFactory, OfficerFactory, ProcedureFactory, UserFactory
from tests.workflows.conftest import PERMS, at, new_dossier
from workflows.models import ClockSegment, DossierStatus, Workflow
from workflows.services import perform_action
from workflows.services.deadlines import working_minutes_between
from workflows.services.epar import GROUP_NAMES, load_process, parse_process, step_specs

SMALL = """\ufeff<?xml version="1.0"?>\r
<process code="XX01" name="Thủ tục thử có thuế" totaltime="6" version="1" fee="50.000">\r
  <step order="1" group="BP_MOT_CUA" name="Tiếp nhận hồ sơ" time="1" role="TIEP_NHAN">\r
    <task code="XX01::TIEP_NHAN" name="Tiếp nhận hồ sơ" time="0" next="XX01::THU_LY" />\r
  </step>\r
  <step order="2" group="PHONG_TU_PHAP" name="Phòng Tư pháp" time="2" role="XU_LY">\r
    <task code="XX01::THU_LY" name="Thụ lý" time="5" next="XX01::NOP_THUE" />\r
  </step>\r
  <step order="3" group="BP_THUE" name="Thuế" time="2">\r
    <task code="XX01::NOP_THUE" name="Chuyển cơ quan thuế" time="2" next="XX99::TRA_THONG_BAO" />\r
  </step>\r
  <step order="4" group="BP_MOT_CUA" name="Trả thông báo thuế" time="1">\r
    <task code="XX01::TRA_THONG_BAO" name="Trả thông báo thuế" time="1" pause="true" next="XX01::NHAN_BIEN_LAI" />\r
    <task code="XX01::NHAN_BIEN_LAI" name="Nhận biên lai" time="0" unpause="true" next="XX01::TRA_KET_QUA" />\r
  </step>\r
  <step order="5" group="BP_MOT_CUA" name="Trả kết quả" time="0" role="TRA_KET_QUA">\r
    <task code="XX01::TRA_KET_QUA" name="Trả kết quả" time="0" next="NULL" />\r
  </step>\r
</process>\r
"""


def test_a_small_file_with_bom_crlf_a_hop_a_pause_and_a_slip_becomes_steps(tmp_path):
    path = tmp_path / "XX01_workflow.xml"
    path.write_bytes(SMALL.encode("utf-8"))
    process = parse_process(path, "XX01")
    specs = step_specs(process)
    assert [s["code"] for s in specs] == [
        "TIEP_NHAN",
        "THU_LY",
        "NOP_THUE",
        "TRA_THONG_BAO",
        "NHAN_BIEN_LAI",
        "TRA_KET_QUA",
    ]
    by_code = {s["code"]: s for s in specs}
    assert by_code["TIEP_NHAN"]["kind"] == "reception" and by_code["TRA_KET_QUA"]["next"] == ["END"]
    # The stage of 2 days shares it with its one task of 5: scaled down to the stage.
    assert by_code["THU_LY"]["budget_value"] == Decimal("2.00")
    assert by_code["NOP_THUE"]["kind"] == "inter_agency" and by_code["NOP_THUE"]["group_code"] == "BP_THUE"
    assert by_code["NHAN_BIEN_LAI"]["pauses_clock"] and by_code["NHAN_BIEN_LAI"]["kind"] == "financial"
    assert not by_code["TRA_THONG_BAO"]["pauses_clock"]
    # The copy-paste slip "XX99::TRA_THONG_BAO" is repaired to the task of the same name, with a warning.
    assert by_code["NOP_THUE"]["next"] == ["TRA_THONG_BAO"]
    assert any("XX99::TRA_THONG_BAO" in w for w in process.warnings)


def _stage_sum_exceeds_total(path):
    root = ET.parse(path).getroot()
    total = Decimal(root.get("totaltime"))
    stages = sum(max(Decimal(s.get("time")), Decimal(0)) for s in root.findall("step"))
    return total >= 0 and stages > total


@pytest.mark.slow
def test_all_114_epar_workflows_load_and_a_second_run_changes_nothing(shared_data, db):
    directory = shared_data / "epar" / "xml-config"
    out = StringIO()
    call_command("load_epar_workflows", str(directory), stdout=out)
    assert "114 quy trình: 114 mới" in out.getvalue()
    workflows = Workflow.objects.filter(source__startswith="E-PAR ")
    assert workflows.count() == 114
    assert all(w.steps.count() >= 2 for w in workflows)
    over = {
        p.parent.name if p.parent.name != "common" else "TN00"
        for p in directory.rglob("*_workflow.xml")
        if _stage_sum_exceeds_total(p)
    }
    inactive = {w.source.removeprefix("E-PAR ") for w in workflows.filter(active=False)}
    assert inactive == over and len(over) == 10
    versions = dict(workflows.values_list("pk", "version"))
    again = StringIO()
    call_command("load_epar_workflows", str(directory), stdout=again)
    assert "114 không đổi" in again.getvalue()
    assert dict(Workflow.objects.filter(source__startswith="E-PAR ").values_list("pk", "version")) == versions


@pytest.fixture
def tn02(shared_data, db):
    """TN02 in a catalog that has it (matched by name), with an officer for each group it goes through."""
    city = AgencyFactory(identifier="000.00.41.H22", name="UBND thành phố")
    commune = AgencyFactory(identifier="000.41.01.H22", name="UBND phường")
    tax = AgencyFactory(identifier="000.00.99.H22", name="Chi cục Thuế")
    center = CenterFactory(code="bpmc-thanh-pho", agency=city)
    procedure = ProcedureFactory(
        code="1.004227",
        name="Chuyển mục đích sử dụng đất với trường hợp phải xin phép",
        agency=city,
        processing_time_text="32 ngày làm việc",
        processing_time_value=Decimal("32"),
    )
    path = shared_data / "epar" / "xml-config" / "TN02" / "TN02_workflow.xml"
    result = load_process(
        parse_process(path, "TN02"), agency=city, hop_agencies={"BP_THUE": tax, "DIA_CHINH_CAP_XA": commune}
    )
    assert result.workflow.procedure == procedure and result.workflow.active

    def officer(code, agency, extra=()):
        user = UserFactory(username=code.lower(), groups=[GROUP_NAMES[code]], perms=[*PERMS, *extra])
        OfficerFactory(user=user, agency=agency, center=center if agency == city else None)
        return user

    people = {
        "BP_MOT_CUA": officer("BP_MOT_CUA", city),
        "VAN_PHONG_DANG_KY_QSD_DAT": officer("VAN_PHONG_DANG_KY_QSD_DAT", city),
        "DIA_CHINH_CAP_XA": officer("DIA_CHINH_CAP_XA", commune),
        "PHONG_TAI_NGUYEN_MOI_TRUONG": officer("PHONG_TAI_NGUYEN_MOI_TRUONG", city),
        "LANH_DAO_DON_VI": officer("LANH_DAO_DON_VI", city, ["workflows.approve_dossier"]),
        "BP_THUE": officer("BP_THUE", tax),
    }
    return {"procedure": procedure, "center": center, "people": people, "workflow": result.workflow}


GROUP_OF = {name: code for code, name in GROUP_NAMES.items()}


def test_a_tn02_dossier_runs_end_to_end_through_its_hops_and_the_tax_pause(tn02):
    # Received Monday 6 April 2026: 32 working days run over the 30/4 and 1/5 holidays.
    dossier = new_dossier(
        tn02,
        at(2026, 4, 6, 8, 0),
        user=tn02["people"]["BP_MOT_CUA"],
        name="Đặng Văn Phúc",
        id_number="022080005555",
        phone="0903555777",
    )
    due_at_receipt = dossier.due_at
    assert working_minutes_between(dossier.received_at, due_at_receipt) == 32 * 480
    assert any("30/04/2026" in line or "01/05/2026" in line for line in dossier.due_explanation)
    now = at(2026, 4, 6, 9, 0)
    visited, statuses, pause = [], [], None
    while dossier.status not in (DossierStatus.DONE, DossierStatus.RETURNED):
        step = dossier.step()
        visited.append(step["code"])
        actor = tn02["people"][GROUP_OF[step["group"]]]
        action = "approve" if step["kind"] == "approval" else "transfer"
        if step["pauses_clock"]:
            # The applicant pays the tax: five working days outside the agency's clock.
            assert dossier.status == DossierStatus.FINANCIAL and dossier.paused_at is not None
            pause = (dossier.paused_at, at(2026, 4, 20, 9, 0))
            now = pause[1]
        dossier = perform_action(dossier, action, actor, now=now)
        statuses.append(dossier.status)
        now += dt.timedelta(hours=2)
    assert visited[0] == "TIEP_NHAN" and visited[-1] == "SAU_THUE--XET_DUYET" and len(visited) == 16
    assert {"XAC_NHAN_LIEN_THONG", "NOP_HO_SO_SANG_CHI_CUC_THUE", "KY_DUYET"} <= set(visited)
    assert dossier.step_code == "TRA_KET_QUA" and dossier.status == DossierStatus.DONE
    segment = ClockSegment.objects.get(dossier=dossier, kind="pause")
    assert (segment.start, segment.end) == pause
    paused = working_minutes_between(*pause)
    # Two weekends and the working hours in between, not the calendar time.
    assert 0 < paused < (pause[1] - pause[0]).total_seconds() / 60 - 2 * 2 * 24 * 60
    # The due date moved by exactly the working time the dossier waited for the tax receipt.
    assert working_minutes_between(due_at_receipt, dossier.due_at) == paused
    dossier = perform_action(dossier, "return_result", tn02["people"]["BP_MOT_CUA"], now=now)
    assert dossier.status == DossierStatus.RETURNED and dossier.timeliness == "early"
    actions = list(dossier.events.values_list("action", flat=True))
    assert actions[0] == "receive" and actions.count("approve") == 1 and actions[-1] == "return_result"


def test_the_tax_office_sees_the_dossier_only_while_it_waits_on_them(tn02):
    from workflows.permissions import visible_dossiers

    dossier = new_dossier(tn02, at(2026, 4, 6, 8, 0), name="Mai Văn Quý", phone="0903111222")
    tax = tn02["people"]["BP_THUE"]
    assert not visible_dossiers(tax).filter(pk=dossier.pk).exists()
    moment = at(2026, 4, 6, 9)
    while dossier.step_code != "NOP_HO_SO_SANG_CHI_CUC_THUE":
        action = "approve" if dossier.step()["kind"] == "approval" else "transfer"
        dossier = perform_action(dossier, action, None, now=moment)  # the system moves it along
        moment += dt.timedelta(minutes=30)
        if dossier.step_code != "NOP_HO_SO_SANG_CHI_CUC_THUE":
            assert not visible_dossiers(tax).filter(pk=dossier.pk).exists(), dossier.step_code
    assert dossier.step_code == "NOP_HO_SO_SANG_CHI_CUC_THUE" and dossier.step_agency == "000.00.99.H22"
    assert visible_dossiers(tax).filter(pk=dossier.pk).exists()
    dossier = perform_action(dossier, "transfer", tax, now=at(2026, 4, 7, 10))
    assert dossier.step_code == "NHAN_THONG_BAO_CUA_CHI_CUC_THUE"

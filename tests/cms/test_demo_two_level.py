"""The demo is today's two-level Quảng Ninh, reached from the pre-2025 structure by the reorganisation tool."""

import datetime as dt
import json

from catalog.models import Agency, Center, Procedure
from catalog.services import apply_reorganisation, procedure_statistics, read_plan
from cms.demo.loader import DATA, PLANS
from workflows.models import Dossier, DossierStatus


def test_departments_are_merged_keeping_the_old_rows(demo):
    merged = {
        "000.00.14.H22": "Sở Tài chính",  # Kế hoạch và Đầu tư
        "000.00.07.H22": "Sở Xây dựng",  # Giao thông vận tải
        "000.00.16.H22": "Sở Nông nghiệp và Môi trường",  # Tài nguyên và Môi trường
        "000.00.13.H22": "Sở Nội vụ",  # Lao động - Thương binh và Xã hội
        "000.00.05.H22": "Sở Khoa học và Công nghệ",  # Thông tin và Truyền thông
    }
    for identifier, successor in merged.items():
        old = Agency.objects.get(identifier=identifier)
        assert (old.active, old.merged_into.name, old.merged_on) == (False, successor, dt.date(2025, 3, 1))
        assert not Procedure.objects.filter(agency=old).exists()
    assert Agency.objects.get(identifier="000.00.16.H22").name == "Sở Tài nguyên và Môi trường"


def test_centers_are_the_province_and_commune_service_centers(demo):
    kinds = set(Center.objects.open_on().values_list("kind", flat=True))
    assert kinds == {Center.Kind.PROVINCE_CENTER, Center.Kind.COMMUNE_CENTER}
    assert {"TTPVHCC-HALONG", "TTPVHCC-BAICHAY", "TTPVHCC-VANDON"} <= set(
        Center.objects.open_on().values_list("code", flat=True)
    )
    # Current statistics count today's centers only: no district desk, no "cấp huyện" target.
    rows = procedure_statistics()["centers"]
    assert {r["kind"] for r in rows} <= {Center.Kind.PROVINCE_CENTER, Center.Kind.COMMUNE_CENTER}
    assert "TTHCC-HALONG" not in {r["code"] for r in rows}
    old = Center.objects.get(code="TTHCC-HALONG")
    assert (old.kind, old.closed_on, old.successor.code) == (
        Center.Kind.DISTRICT_DESK,
        dt.date(2025, 7, 1),
        "TTPVHCC-HALONG",
    )
    district = Agency.objects.get(identifier="000.00.21.H22")
    assert not district.active and district.merged_into.name == "Ủy ban nhân dân phường Hạ Long"
    # A split: the district's groundwater licence went to the province's department, the rest to the ward.
    assert Procedure.objects.get(code="1.001662").agency.name == "Sở Nông nghiệp và Môi trường"
    assert Procedure.objects.get(code="1.001612").agency.identifier == "000.00.61.H22"


def test_old_dossiers_closed_keep_their_units_open_ones_moved_with_a_history_line(demo):
    closed = Dossier.objects.get(applicant_name="Lương Thị Hạnh")
    assert closed.status == DossierStatus.RETURNED
    assert (closed.center.code, closed.agency.identifier) == ("BPMC-BAICHAY", "000.01.21.H22")
    assert not closed.events.filter(action="reorganise").exists()
    moved = Dossier.objects.get(applicant_name="Nguyễn Hoàng Anh")
    assert (moved.center.code, moved.agency.identifier) == ("TTPVHCC-HALONG", "000.00.61.H22")
    assert moved.code.startswith("000.00.21.H22-250623-")  # its code stays the one on the receipt
    event = moved.events.get(action="reorganise")
    assert event.data["agency"] == ["000.00.21.H22", "000.00.61.H22"]
    assert event.data["center"] == ["TTHCC-HALONG", "TTPVHCC-HALONG"]
    # Phường Hồng Hải was merged with Hồng Hà into the new phường Hạ Long (Nghị quyết 1679/NQ-UBTVQH15, see
    # test_the_wards_follow_resolution_1679): its open dossier moved there, not to phường Hồng Gai.
    supplement = Dossier.objects.get(applicant_name="Phan Thị Ngọc")
    assert supplement.status == DossierStatus.SUPPLEMENT
    assert (supplement.center.code, supplement.agency.name) == (
        "TTPVHCC-HALONG",
        "Ủy ban nhân dân phường Hạ Long",
    )


def test_the_wards_follow_resolution_1679(demo):
    """Each pre-merger ward or commune of the demo goes to the unit Nghị quyết 1679/NQ-UBTVQH15 (16/6/2025)
    formed from it. Sources (stored public pages, checked when this was written):
    - phường Hạ Long = Hồng Hà + Hồng Hải: https://news.laodong.vn/thoi-su/ngam-nhung-bien-hieu-ten-moi-cua-phuong-xa-dac-khu-o-quang-ninh-1526438.ldo
    - phường Bãi Cháy = Bãi Cháy + Hùng Thắng: https://news.laodong.vn/xa-hoi/ngay-dau-van-hanh-thu-nghiem-chinh-quyen-hai-cap-tai-quang-ninh-1524869.ldo
    - xã Thống Nhất = Vũ Oai, Hòa Bình, Thống Nhất + part of Đồng Lâm (Điều 1 khoản 2):
      https://soha.vn/chi-tiet-don-vi-hanh-chinh-cap-xa-cua-tinh-quang-ninh-198250630094607186.htm
    - the resolution's number, date and the 54 units (30 wards, 22 communes, 2 special zones):
      https://thuviennhadat.vn/vbpl/nghi-quyet-1679-nq-ubtvqh15-2025-sap-xép-cac-don-vi-hanh-chinh-cap-xa-quang-ninh-661115.html
    """
    successors = {
        "Ủy ban nhân dân phường Hồng Hải": "Ủy ban nhân dân phường Hạ Long",
        "Ủy ban nhân dân phường Bãi Cháy": "Ủy ban nhân dân phường Bãi Cháy",
        "Ủy ban nhân dân xã Thống Nhất": "Ủy ban nhân dân xã Thống Nhất",
    }
    for old, new in successors.items():
        unit = Agency.objects.get(name=old, active=False)
        assert (unit.merged_into.name, unit.merged_on) == (new, dt.date(2025, 7, 1))
    desks = {"BPMC-HONGHAI": "TTPVHCC-HALONG", "BPMC-BAICHAY": "TTPVHCC-BAICHAY"}
    for old, new in desks.items():
        assert Center.objects.get(code=old).successor.code == new


def test_a_center_receives_for_another_commune(demo):
    dossier = Dossier.objects.get(procedure__code="1.004873", received_at__year=2026)
    assert dossier.center.code == "TTPVHCC-HALONG"
    assert dossier.agency.name == "Ủy ban nhân dân phường Bãi Cháy"


def test_the_shipped_plans_are_applied_and_change_nothing_again(demo):
    for name in PLANS:
        again = apply_reorganisation(read_plan(json.loads((DATA / name).read_text("utf-8"))), dry_run=True)
        assert again.lines == [] and sum(again.counts.values()) == 0


def test_a_procedure_page_lists_only_the_offices_open_today(demo, client):
    from catalog.models import Center

    closed = Center.objects.closed_on_or_before().filter(procedures__status="active").first()
    assert closed is not None, "the demo closes the old desks that received procedures"
    procedure = closed.procedures.filter(status="active").first()
    html = client.get(f"/thu-tuc/{procedure.code}/").content.decode()
    assert closed.name not in html
    for center in procedure.centers.open_on():
        assert center.name in html


def test_online_submission_offers_only_the_offices_open_today(demo, client):
    from catalog.models import Center

    closed = Center.objects.closed_on_or_before().filter(procedures__status="active").first()
    procedure = closed.procedures.filter(status="active").first()
    page = client.get(f"/nop-truc-tuyen/{procedure.code}/")
    assert closed.name not in page.content.decode()

"""The seeds' tables, typed into .xlsx, imported through the command as their text says."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from openpyxl import load_workbook

from importers.models import AgencyStat, Plan, PlanTask
from tests.factories import AgencyFactory
from tests.reading.seed_tables import SEED_000, SEED_001, SEED_002, SEED_004_PL1, SEED_004_PL2, build_workbook

PLAN_KEYS = {"number", "section", "content", "output", "lead_agencies", "cooperating_agencies", "deadline_text",
             "deadlines", "recurring"}  # fmt: skip


def test_phu_luc_1_stores_the_20_departments_figures_per_agency_and_date(tmp_path, province, run_command):
    status, report = run_command(build_workbook(tmp_path / "pl1.xlsx", SEED_004_PL1))
    assert status == 0 and report["profile"] == "agency-stats"
    assert (report["data_rows"], report["created"], report["errors"], report["warnings"]) == (20, 20, [], [])
    # "TRƯỚC 30/4/2017" in the title is the date the figures are for.
    assert set(AgencyStat.objects.values_list("as_of", flat=True)) == {dt.date(2017, 4, 30)}
    transport = AgencyStat.objects.get(agency_name="Sở Giao thông vận tải")
    assert [transport.c3, transport.c4, transport.c5, transport.c6, transport.c7, transport.c8] == [
        124, 16, 108, 28, 19, 47,
    ]  # fmt: skip
    construction = AgencyStat.objects.get(agency_name="Sở Xây dựng")
    assert construction.agency == province["construction"]  # matched to the catalog's agency by name
    record = next(r for r in report["records"] if r["data"]["agency"] == "Sở Y tế")
    assert {k: record["data"][k] for k in ("c3", "c4", "c5", "c6", "c7", "c8")} == {
        "c3": 120, "c4": 29, "c5": 91, "c6": 87, "c7": 0, "c8": 87,
    }  # fmt: skip


def test_phu_luc_2_warns_about_ha_long_naming_its_row_and_agency(tmp_path, province, run_command):
    status, report = run_command(build_workbook(tmp_path / "pl2.xlsx", SEED_004_PL2))
    assert status == 0 and report["created"] == 14
    (warning,) = report["warnings"]
    assert (warning["row"], warning["column"]) == (8, "E")
    assert warning["message"] == "Dòng 8 (Thành phố Hạ Long): cột 5 (250) khác cột 3 − cột 4 (256 − 5 = 251)."
    assert AgencyStat.objects.count() == 14  # a warning does not stop the import


def test_a_total_row_that_does_not_add_up_is_a_warning_on_that_row(tmp_path, province, run_command):
    wrong = dataclasses.replace(SEED_004_PL1, total=(None, "Tổng số", 1210, 91, 1118, 578, 100, 679))
    status, report = run_command(build_workbook(tmp_path / "pl1.xlsx", wrong))
    assert status == 0
    found = [(w["row"], w["column"], w["message"]) for w in report["warnings"]]
    assert found == [
        (28, "C", "Dòng “Tổng số”: cột 3 ghi 1210 nhưng tổng các dòng là 1209."),
        (28, "H", "Dòng “Tổng số”: cột 8 ghi 679 nhưng tổng các dòng là 678."),
        (28, "E", "Dòng 28 (“Tổng số”): cột 5 (1118) khác cột 3 − cột 4 (1210 − 91 = 1119)."),
        (28, "H", "Dòng 28 (“Tổng số”): cột 8 (679) khác cột 6 + cột 7 (578 + 100 = 678)."),
    ]


def test_the_same_figures_imported_again_change_nothing(tmp_path, province, run_command):
    path = build_workbook(tmp_path / "pl2.xlsx", SEED_004_PL2)
    run_command(path)
    before = list(AgencyStat.objects.values_list("pk", "source_id"))
    status, report = run_command(path)
    assert status == 0 and (report["created"], report["updated"], report["unchanged"]) == (0, 0, 14)
    assert list(AgencyStat.objects.values_list("pk", "source_id")) == before  # not even the source rewritten


@pytest.fixture
def ict(db):
    return AgencyFactory(
        identifier="000.00.20.H22", name="Sở Thông tin và Truyền thông", short_name="Sở TT&TT"
    )


def test_quang_binh_plan_sections_continuations_and_deadlines(tmp_path, province, ict, run_command):
    status, report = run_command(build_workbook(tmp_path / "qb.xlsx", SEED_000))
    assert status == 0 and report["errors"] == []
    plan = Plan.objects.get()
    assert (plan.key, plan.issued, plan.issuer) == (
        "Kế hoạch 1655/KH-UBND",
        dt.date(2018, 10, 3),
        "UBND tỉnh Quảng Bình",
    )
    assert [s["label"][:20] for s in report["sections"]] == [
        "XÂY DỰNG, BAN HÀNH V", "THÀNH LẬP, KIỆN TOÀN", "TRIỂN KHAI ỨNG DỤNG ", "TỔ CHỨC TẬP HUẤN, TU",
    ]  # fmt: skip
    assert all(set(r["data"]) >= PLAN_KEYS for r in report["records"])
    tasks = {t.number: t for t in PlanTask.objects.all()}
    # Numbering restarts in each section: II.2 and IV.2 are different tasks.
    assert list(tasks) == ["I.1", "I.2", "I.3", "II.2", "II.6", "III.1", "III.2", "IV.1", "IV.2"]
    assert tasks["I.1"].due == dt.date(2018, 9, 30) and tasks["I.1"].section.startswith("XÂY DỰNG")
    # "- Sở TT&TT chủ trì tham mưu; - Các sở, ban, ngành phối hợp." in one "Cơ quan thực hiện" cell.
    assert (tasks["I.2"].lead_agencies, tasks["I.2"].cooperating_agencies) == (
        ["Sở TT&TT"],
        ["Các sở, ban, ngành"],
    )
    assert list(tasks["I.2"].lead.all()) == [ict]
    # III.1 goes on over four rows with an empty STT: their text and deadlines belong to it.
    iii1 = tasks["III.1"]
    assert "Nâng cấp năng lực hạ tầng công nghệ thông tin" in iii1.content
    assert [d["date"] for d in iii1.deadlines] == ["2018-09-30", "2018-12-31"]
    assert iii1.deadlines[1]["scope"] == "Trình UBND tỉnh ban hành Kế hoạch"
    assert iii1.recurring and "Theo lộ trình của Văn phòng Chính phủ" in iii1.deadline_text
    assert iii1.lead_agencies.count("Sở TT&TT") == 1
    # "Thường xuyên hàng năm": recurring, no date.
    assert (tasks["II.6"].deadlines, tasks["II.6"].recurring, tasks["II.6"].due) == ([], True, None)


def test_thanh_hoa_scoped_deadlines_and_agency_lists(tmp_path, province, ict, run_command):
    status, _report = run_command(build_workbook(tmp_path / "th.xlsx", SEED_001))
    assert status == 0
    assert Plan.objects.get().key == "Quyết định 3342/QĐ-UBND"
    renovation = PlanTask.objects.get(content__startswith="Nâng cấp, cải tạo trụ sở")
    assert renovation.deadlines == [
        {"date": "2018-12-31", "scope": "cấp tỉnh"},
        {"date": "2019-03-31", "scope": "Cấp huyện thuộc đô thị loại III trở lên"},
        {"date": "2019-09-30", "scope": "Cấp huyện chưa đạt đô thị loại III và cấp xã"},
        {"date": "2020-09-30", "scope": "Cấp huyện, cấp xã vùng sâu, vùng xa vùng dân tộc thiểu số, vùng biên "
                                        "giới, hải đảo, vùng đặc biệt khó khăn"},
    ]  # fmt: skip
    assert renovation.due == dt.date(2018, 12, 31)
    connect = PlanTask.objects.get(number="III.5")
    assert connect.cooperating_agencies == [
        "Sở Kế hoạch và Đầu tư", "Công an tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh Thanh Hóa",
    ]  # fmt: skip
    assert list(connect.lead.all()) == [ict]
    assert PlanTask.objects.get(number="II.4").recurring  # "Quý I/2019 và hàng năm."


def test_bac_giang_yearly_sections_keep_deadlines_without_a_date_as_text(tmp_path, province, run_command):
    status, report = run_command(build_workbook(tmp_path / "bg.xlsx", SEED_002))
    assert status == 0
    assert [(s["label"], s["kind"]) for s in report["sections"]] == [
        ("Năm 2021", "year"), ("Năm 2022", "year"), ("Năm 2023-2025", "year"),
    ]  # fmt: skip
    first = PlanTask.objects.get(number="I.1")
    assert (first.deadline_text, first.deadlines, first.due, first.recurring) == (
        "Theo hướng dẫn của Sở TT&TT", [], None, False,
    )  # fmt: skip
    assert PlanTask.objects.get(number="III.2").due == dt.date(2025, 12, 31)
    assert PlanTask.objects.filter(section="Năm 2022").count() == 2


def test_a_plan_imported_again_keeps_the_status_its_lead_agency_set(tmp_path, province, run_command):
    path = build_workbook(tmp_path / "bg.xlsx", SEED_002)
    run_command(path)
    PlanTask.objects.filter(number="I.1").update(status=PlanTask.Status.DONE)
    status, report = run_command(path)
    assert status == 0 and (report["created"], report["updated"], report["unchanged"]) == (0, 0, 8)
    assert PlanTask.objects.get(number="I.1").status == PlanTask.Status.DONE
    assert Plan.objects.count() == 1


def test_the_table_is_found_behind_a_cover_sheet_that_is_the_active_one(tmp_path, province, run_command):
    # django-import-export alone reads only the active sheet; a province's workbook opens on its cover.
    path = build_workbook(tmp_path / "qn.xlsx", SEED_004_PL1, SEED_004_PL2, cover="KẾ HOẠCH 239/KH-UBND")
    assert load_workbook(path).active.title == "Bìa"
    status, report = run_command(path, "--profile", "agency-stats")
    assert status == 0 and (report["sheet"], report["created"]) == ("Phụ lục 1", 20)

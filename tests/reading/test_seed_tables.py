"""The seeds' appendix tables, written as the provinces publish them, read back with their figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from importers.reading.deadlines import parse_deadline, split_agencies
from importers.reading.profiles_spec import AGENCY_STATS, PLAN_TASKS
from importers.reading.safety import open_workbook
from importers.reading.table import find_table

from .seed_tables import SEED_000, SEED_001, SEED_002, SEED_004_PL1, SEED_004_PL2, build_workbook

FIGURES = ["total", "not_in_center", "in_center", "on_site_before", "on_site_added", "on_site_after"]


def test_seed_004_both_appendices_in_one_workbook(tmp_path: Path) -> None:
    workbook = open_workbook(build_workbook(tmp_path / "qn.xlsx", SEED_004_PL1, SEED_004_PL2))
    pl1 = find_table(workbook, AGENCY_STATS)
    assert pl1.sheet_name == "Phụ lục 1"  # both match; the first best one wins
    data = pl1.read()
    assert [r.values["stt"] for r in data.records] == list(range(1, 21))
    assert data.records[6].values == {
        "stt": 7, "unit": "Sở Giao thông vận tải", "total": 124, "not_in_center": 16, "in_center": 108,
        "on_site_before": 28, "on_site_added": 19, "on_site_after": 47,
    }  # fmt: skip
    (total,) = data.totals
    # The published total row agrees with the 20 departments, column by column.
    for key in FIGURES:
        assert sum(r.values[key] for r in data.records) == total.values[key], key


def test_seed_004_districts(tmp_path: Path) -> None:
    workbook = open_workbook(build_workbook(tmp_path / "pl2.xlsx", SEED_004_PL2))
    table = find_table(workbook, AGENCY_STATS)
    assert table.columns["unit"].header == "Địa phương"
    data = table.read()
    assert len(data.records) == 14 and data.totals == []
    assert data.records[0].values["unit"] == "Thành phố Hạ Long"
    assert all(r.values["total"] == 256 for r in data.records)
    # Columns 4 + 5 should make column 3; the published table has one slip the importer must flag.
    mismatched = [
        r.values["unit"]
        for r in data.records
        if r.values["not_in_center"] + r.values["in_center"] != r.values["total"]
    ]
    assert mismatched == ["Thành phố Hạ Long"]  # 5 + 250 != 256 in seed 004
    assert data.notes[0].text == "*Ghi chú:"


def test_seed_000_plan_tasks(tmp_path: Path) -> None:
    data = find_table(open_workbook(build_workbook(tmp_path / "qb.xlsx", SEED_000)), PLAN_TASKS).read()
    first = data.records[0]
    assert first.values["task"].startswith("Xây dựng Kế hoạch triển khai")
    assert parse_deadline(first.values["deadline"]).first == dt.date(2018, 9, 30)
    second = data.records[1]
    assert split_agencies(second.values["lead"], strip_roles=True) == ["Sở TT&TT", "Các sở, ban, ngành"]
    cells = [r.values["deadline"] for r in data.records] + [
        c.values["deadline"] for r in data.records for c in r.continuations
    ]
    deadlines = [parse_deadline(text) for text in cells if text]
    assert sum(d.recurring for d in deadlines) >= 2
    assert any(not d.has_date and not d.recurring for d in deadlines)  # "Theo lộ trình…" kept as text


def test_seed_001_scoped_deadlines_and_agencies(tmp_path: Path) -> None:
    data = find_table(open_workbook(build_workbook(tmp_path / "th.xlsx", SEED_001)), PLAN_TASKS).read()
    assert set(find_table(open_workbook(tmp_path / "th.xlsx"), PLAN_TASKS).columns) == {
        "stt", "task", "lead", "partners", "deadline", "output",
    }  # fmt: skip
    renovation = next(r for r in data.records if r.values["task"].startswith("Nâng cấp, cải tạo"))
    parsed = parse_deadline(renovation.values["deadline"])
    assert [d for d, _ in parsed.deadlines] == [
        dt.date(2018, 12, 31), dt.date(2019, 3, 31), dt.date(2019, 9, 30), dt.date(2020, 9, 30),
    ]  # fmt: skip
    assert parsed.deadlines[0][1] == "cấp tỉnh"
    assert parsed.deadlines[1][1] == "Cấp huyện thuộc đô thị loại III trở lên"
    connect = data.records[-1]
    assert split_agencies(connect.values["partners"]) == [
        "Sở Kế hoạch và Đầu tư", "Công an tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh Thanh Hóa",
    ]  # fmt: skip


def test_seed_002_yearly_sections(tmp_path: Path) -> None:
    data = find_table(open_workbook(build_workbook(tmp_path / "bg.xlsx", SEED_002)), PLAN_TASKS).read()
    assert [(s.label, s.kind) for s in data.sections] == [
        ("Năm 2021", "year"), ("Năm 2022", "year"), ("Năm 2023-2025", "year"),
    ]  # fmt: skip
    assert [len([r for r in data.records if r.section("year") is s]) for s in data.sections] == [4, 2, 2]
    last = data.records[-1]
    assert parse_deadline(last.values["deadline"]).first == dt.date(2025, 12, 31)
    assert data.records[2].values["deadline"] is None

"""Finding the table and classifying its rows, one trap per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from importers.reading.errors import TableNotFound
from importers.reading.profiles_spec import AGENCY_STATS, CATALOG, PLAN_TASKS, ColumnSpec, ProfileSpec
from importers.reading.safety import open_workbook
from importers.reading.table import Record, Section, TotalRow, detect_profile, find_table

from . import factory
from .seed_tables import SEED_000, SEED_001, SEED_002, SEED_004_PL1, build_workbook

CATALOG_HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện"]


def _catalog(tmp_path: Path, rows: list[list[object]], *, merges: list[str] = (), name: str = "c.xlsx"):
    path = factory.write_rows(tmp_path / name, rows, merges=merges)
    return find_table(open_workbook(path), CATALOG)


def test_cover_sheet_first_is_skipped(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "cover.xlsx", SEED_004_PL1, cover="KẾ HOẠCH số 239/KH-UBND")
    table = find_table(open_workbook(path), AGENCY_STATS)
    assert table.sheet_name == "Phụ lục 1"


def test_title_lines_above_the_header_are_skipped(tmp_path: Path) -> None:
    rows = [
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["DANH MỤC THỦ TỤC HÀNH CHÍNH"],
        ["(Kèm theo Quyết định số 1655/QĐ-UBND)"],
        [],
        CATALOG_HEADER,
        [1, "1.001234", "Cấp phép xây dựng", "Xây dựng", "Sở Xây dựng"],
    ]
    table = _catalog(tmp_path, rows, merges=["A1:E1", "A2:E2"])
    assert table.header_rows == (5,)
    assert [r.row for r in table.read().records] == [6]


def test_two_row_merged_header_with_plain_number_row(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "pl1.xlsx", SEED_004_PL1)
    table = find_table(open_workbook(path), AGENCY_STATS)
    assert table.header_rows == (5, 6)
    assert table.number_row == 7
    assert {k: m.letter for k, m in table.columns.items()} == {
        "stt": "A",
        "unit": "B",
        "total": "C",
        "not_in_center": "D",
        "in_center": "E",
        "on_site_before": "F",
        "on_site_added": "G",
        "on_site_after": "H",
    }
    assert table.columns["on_site_before"].header.startswith(
        "Tổng số TTHC đưa vào Trung tâm HCC tỉnh đến trước 30/4/2017 | Số TTHC đã"
    )
    assert table.read().records[0].row == 8


def test_number_row_in_parentheses_is_skipped(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "pl1.xlsx", SEED_004_PL1, number_style="paren")
    table = find_table(open_workbook(path), AGENCY_STATS)
    assert table.number_row == 7
    assert table.read().records[0].values["unit"] == "Sở Giáo dục và Đào tạo"


def test_columns_in_another_order_and_spelling(tmp_path: Path) -> None:
    rows = [
        ["Tên TTHC", "CƠ QUAN THỰC HIỆN", "Ma so TTHC", "Số TT", "Phí, lệ phí", "Thời hạn giải quyết"],
        ["Cấp phép", "Sở Xây dựng", "1.001234", 1, "Miễn phí", "05 ngày làm việc"],
    ]
    table = _catalog(tmp_path, rows)
    assert {k: m.letter for k, m in table.columns.items()} == {
        "name": "A",
        "agency": "B",
        "code": "C",
        "stt": "D",
        "fee": "E",
        "processing_time": "F",
    }
    record = table.read().records[0]
    assert record.values["code"] == "1.001234" and table.cell_ref("code", record.row) == "C2"


def test_roman_sections_with_title_merged_across_the_row(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "qb.xlsx", SEED_000)
    data = find_table(open_workbook(path), PLAN_TASKS).read()
    assert [(s.number, s.kind) for s in data.sections] == [
        ("I", "section"),
        ("II", "section"),
        ("III", "section"),
        ("IV", "section"),
    ]
    assert data.sections[0].label == "XÂY DỰNG, BAN HÀNH VĂN BẢN CHỈ ĐẠO, ĐIỀU HÀNH"
    assert data.records[0].sections == (data.sections[0],)
    assert data.records[-1].section("section").number == "IV"


def test_roman_sections_with_title_repeated_in_each_cell(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "th.xlsx", SEED_001, merge_section_titles=False)
    data = find_table(open_workbook(path), PLAN_TASKS).read()
    assert [s.number for s in data.sections] == ["I", "II", "III"]
    assert data.sections[1].label == "KIỆN TOÀN TỔ CHỨC, NHIỆM VỤ, QUYỀN HẠN VÀ TRỤ SỞ CỦA BỘ PHẬN MỘT CỬA"
    assert len(data.records) == 5


def test_continuation_rows_attach_to_the_task_above(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "qb.xlsx", SEED_000)
    data = find_table(open_workbook(path), PLAN_TASKS).read()
    task = next(r for r in data.records if r.section("section").number == "III" and r.values["stt"] == 1)
    assert len(task.continuations) == 4
    assert task.continuations[0].values["deadline"] == "Trình UBND tỉnh ban hành Kế hoạch trong Quý IV/2018"
    assert task.text("task").count("\n") == 4
    assert task.rows == [task.row, task.row + 1, task.row + 2, task.row + 3, task.row + 4]
    # Section IV's task 1 continues with a row that has no task text, only an output and a deadline.
    iv = next(r for r in data.records if r.section("section").number == "IV" and r.values["stt"] == 1)
    assert [c.values["deadline"] for c in iv.continuations] == ["Khi có yêu cầu"]


def test_section_labels_without_roman_numerals(tmp_path: Path) -> None:
    rows = [
        CATALOG_HEADER,
        ["PHẦN I. THỦ TỤC HÀNH CHÍNH CẤP TỈNH"],
        ["A. Thủ tục hành chính cấp tỉnh"],
        [None, None, "Lĩnh vực Xây dựng"],
        [1, "1.001234", "Cấp phép xây dựng", "Xây dựng", "Sở Xây dựng"],
        [None, "Năm 2022"],
        [2, "1.001235", "Cấp lại", "Xây dựng", "Sở Xây dựng"],
    ]
    data = _catalog(tmp_path, rows, merges=["A2:E2", "A3:E3"]).read()
    assert [(s.kind, s.number) for s in data.sections] == [
        ("part", "I"),
        ("level", "A"),
        ("field", None),
        ("year", None),
    ]
    # "A." names a level, so it nests under "PHẦN I"; a year outranks a field and a level, closing both.
    assert [s.label for s in data.records[0].sections] == [
        "PHẦN I. THỦ TỤC HÀNH CHÍNH CẤP TỈNH",
        "Thủ tục hành chính cấp tỉnh",
        "Lĩnh vực Xây dựng",
    ]
    assert [s.kind for s in data.records[1].sections] == ["part", "year"]


def test_decision_parts_contain_lettered_levels_and_fields(tmp_path: Path) -> None:
    rows = [
        CATALOG_HEADER,
        ["I. DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"],
        ["A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH"],
        ["I", "Lĩnh vực Xây dựng"],
        [1, "1.009994", "Cấp giấy phép xây dựng", "Xây dựng", "Sở Xây dựng"],
        ["II. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ"],
        [1, "1.000123", "Thủ tục cũ", None, "Sở Xây dựng"],
    ]
    data = _catalog(tmp_path, rows, merges=["A2:E2", "A3:E3", "A6:E6"]).read()
    assert [(s.kind, s.number) for s in data.records[0].sections] == [
        ("part", "I"),
        ("level", "A"),
        ("field", "I"),
    ]
    # A new part closes the levels and fields of the previous one.
    assert [(s.kind, s.label) for s in data.records[1].sections] == [
        ("part", "DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ")
    ]


def test_numbered_field_label_in_one_merged_cell(tmp_path: Path) -> None:
    rows = [CATALOG_HEADER, ["I. Lĩnh vực Đất đai"], [1, "1.001234", "Đăng ký đất đai", None, "Sở TN&MT"]]
    (section,) = _catalog(tmp_path, rows, merges=["A2:E2"]).read().sections
    assert (section.number, section.label, section.kind) == ("I", "Lĩnh vực Đất đai", "field")


def test_level_section_is_recognised(tmp_path: Path) -> None:
    rows = [
        CATALOG_HEADER,
        ["II", "THỦ TỤC HÀNH CHÍNH CẤP HUYỆN"],
        [1, "2.000889", "Đăng ký kết hôn", "Hộ tịch", "UBND"],
    ]
    data = _catalog(tmp_path, rows).read()
    assert data.sections[0].kind == "level" and data.records[0].section("level").number == "II"


def test_total_rows_are_kept_apart_with_cached_values(tmp_path: Path) -> None:
    src = build_workbook(tmp_path / "pl1.xlsx", SEED_004_PL1)
    data = find_table(open_workbook(src), AGENCY_STATS).read()
    assert len(data.records) == 20
    (total,) = data.totals
    assert total.row == 28 and total.label == "Tổng số"
    assert total.values["total"] == 1209 and total.uncached == ()


def _stats_with_formula_total(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Đơn vị", "Tổng số TTHC"])
    sheet.append([1, "Sở Y tế", 120])
    sheet.append([2, "Sở Tư pháp", 125])
    sheet.append([None, "Tổng cộng", "=SUM(C2:C3)"])
    book.save(tmp_path / "f.xlsx")
    return tmp_path / "f.xlsx"


def test_total_row_with_formula_without_cached_value_is_reported(tmp_path: Path) -> None:
    table = find_table(open_workbook(_stats_with_formula_total(tmp_path)), AGENCY_STATS)
    (total,) = table.read().totals
    assert total.values["total"] is None
    assert total.uncached == ("total",)


def test_total_row_with_formula_and_cached_value(tmp_path: Path) -> None:
    path = factory.with_cached_values(_stats_with_formula_total(tmp_path), tmp_path / "c.xlsx", {"C4": 245})
    (total,) = find_table(open_workbook(path), AGENCY_STATS).read().totals
    assert total.values["total"] == 245 and total.uncached == ()


def test_notes_end_the_table(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "pl1.xlsx", SEED_004_PL1)
    data = find_table(open_workbook(path), AGENCY_STATS).read()
    assert data.last_row == 28
    assert data.notes[0].text.startswith("*Ghi chú: Cột 7")


@pytest.mark.parametrize(
    "closing", ["Nơi nhận:", "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "Ghi chú: số liệu tạm tính"]
)
def test_signature_blocks_and_notes_end_the_table(tmp_path: Path, closing: str) -> None:
    rows = [
        CATALOG_HEADER,
        [1, "1.001234", "Cấp phép", "Xây dựng", "Sở Xây dựng"],
        [],
        [None, None, None, closing],
        [None, None, None, "PHÓ CHỦ TỊCH"],
        [None, None, None, "Nguyễn Văn A"],
    ]
    data = _catalog(tmp_path, rows).read()
    assert len(data.records) == 1
    assert [n.text for n in data.notes] == [closing, "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]


def test_blank_rows_inside_the_table_are_skipped(tmp_path: Path) -> None:
    rows = [CATALOG_HEADER, [1, "1.1", "A"], [], [], [2, "1.2", "B"]]
    assert [r.row for r in _catalog(tmp_path, rows).read().records] == [2, 5]


def test_header_repeated_at_a_page_break_is_skipped(tmp_path: Path) -> None:
    rows = [
        CATALOG_HEADER,
        [1, 2, 3, 4, 5],
        [1, "1.1", "A"],
        CATALOG_HEADER,
        [1, 2, 3, 4, 5],
        [2, "1.2", "B"],
    ]
    assert [r.values["code"] for r in _catalog(tmp_path, rows).read().records] == ["1.1", "1.2"]


def test_catalog_without_stt_column_reads_every_row(tmp_path: Path) -> None:
    rows = [["Mã số", "Tên", "Lĩnh vực"], ["1.1", "A", "X"], ["1.2", "B", None]]
    data = _catalog(tmp_path, rows).read()
    assert [r.values["name"] for r in data.records] == ["A", "B"]


def test_missing_required_columns_are_named_in_vietnamese(tmp_path: Path) -> None:
    rows = [["STT", "Tên thủ tục hành chính", "Lĩnh vực"], [1, "A", "X"]]
    with pytest.raises(TableNotFound) as caught:
        _catalog(tmp_path, rows)
    assert caught.value.code == "missing_columns"
    assert caught.value.missing == ("Mã số TTHC",)
    assert "thiếu cột bắt buộc: Mã số TTHC" in caught.value.message_vi
    assert "dòng tiêu đề 1" in caught.value.message_vi


def test_no_recognisable_header(tmp_path: Path) -> None:
    path = factory.write_rows(tmp_path / "x.xlsx", [["Họ tên", "Tuổi"], ["An", 30]])
    with pytest.raises(TableNotFound) as caught:
        find_table(open_workbook(path), CATALOG)
    assert caught.value.code == "no_header"
    assert "Mã số TTHC" in caught.value.message_vi
    with pytest.raises(TableNotFound):
        detect_profile(open_workbook(path))


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (SEED_004_PL1, "agency-stats"),
        (SEED_000, "plan-tasks"),
        (SEED_001, "plan-tasks"),
        (SEED_002, "plan-tasks"),
    ],
)
def test_detect_profile(tmp_path: Path, table: object, expected: str) -> None:
    assert detect_profile(open_workbook(build_workbook(tmp_path / "t.xlsx", table))).name == expected


def test_custom_profile_spec_is_plain_data(tmp_path: Path) -> None:
    spec = ProfileSpec("x", {"stt": ColumnSpec(["STT"]), "who": ColumnSpec(["Người nhận"], required=True)})
    path = factory.write_rows(tmp_path / "x.xlsx", [["STT", "Người nhận"], [1, "An"]])
    assert [r.values for r in find_table(open_workbook(path), spec).read().records] == [
        {"stt": 1, "who": "An"}
    ]


def test_items_come_in_worksheet_order(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "bg.xlsx", SEED_002)
    items = list(find_table(open_workbook(path), PLAN_TASKS).iter_items())
    assert isinstance(items[0], Section) and isinstance(items[1], Record)
    rows = [item.row for item in items]
    assert rows == sorted(rows)
    assert not any(isinstance(item, TotalRow) for item in items)


def test_place_and_date_line_opens_the_signature_block(tmp_path: Path) -> None:
    rows = [
        CATALOG_HEADER,
        [1, "1.1", "Cấp phép theo Quyết định 3638/QĐ-UBND, ngày 26 tháng 9 năm 2017 của UBND tỉnh"],
        [None, None, "Ghi nhận thêm, ngày 05 tháng 9 năm 2018 đã sửa đổi"],  # continuation, not a signature
        [2, "1.2", "B"],
        [None, None, None, "Quảng Ninh, ngày 10 tháng 4 năm 2017"],
        [None, None, None, "KT. CHỦ TỊCH"],
    ]
    data = _catalog(tmp_path, rows).read()
    assert [r.values["code"] for r in data.records] == ["1.1", "1.2"]
    assert len(data.records[0].continuations) == 1
    assert data.notes[0].text == "Quảng Ninh, ngày 10 tháng 4 năm 2017"

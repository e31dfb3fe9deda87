"""A decision appendix as provinces sign it (issue 16): three parts, each with its own header row, and one bad
row that must not block the rest (the signed file cannot be "fixed" by the editor)."""

from __future__ import annotations

from catalog.models import Decision
from tests.factories import ProcedureFactory
from tests.reading.factory import write_rows

from .test_catalog_import import DECISION_HEADER as HEADER_I

HEADER_II = [*HEADER_I[:5], "Tên VBQPPL quy định nội dung sửa đổi, bổ sung"]
HEADER_III = [
    "STT",
    "Mã số TTHC",
    "Tên thủ tục hành chính",
    "Tên VBQPPL quy định việc bãi bỏ thủ tục hành chính",
]
NUMBERS = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]

APPENDIX = [
    ["PHỤ LỤC"],
    ["DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH, ĐƯỢC SỬA ĐỔI, BỔ SUNG, BỊ BÃI BỎ"],
    ["(Kèm theo Quyết định số 2345/QĐ-UBND ngày 20/11/2026 của Chủ tịch UBND tỉnh Quảng Ninh)"],
    ["PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"],
    HEADER_I,
    NUMBERS,
    ["I", "Lĩnh vực Xây dựng"],
    [1, "1.009994", "Cấp giấy phép xây dựng mới", "15 ngày làm việc", "Lệ phí: 75.000 đồng", "Luật Xây dựng 2014"],
    [2, "1.00x", "Thủ tục có mã gõ sai", "10 ngày làm việc", "", "Luật Xây dựng 2014"],
    [3, "1.001193", "Đăng ký khai sinh", "Trong ngày", "Miễn lệ phí", "Luật Hộ tịch 2014"],
    ["PHẦN II. DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG"],
    HEADER_II,
    NUMBERS,
    [1, "2.000889", "Cấp lại giấy phép xây dựng", "05 ngày làm việc", "", "Nghị định 175/2024/NĐ-CP"],
    ["PHẦN III. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ"],
    HEADER_III,
    NUMBERS[:4],
    [1, "1.000123", "Thủ tục cũ", "Quyết định 1234/QĐ-BXD"],
]  # fmt: skip


def _file(tmp_path):
    merges = [f"A{i}:F{i}" for i, row in enumerate(APPENDIX, start=1) if len(row) == 1]
    return write_rows(tmp_path / "qd-2345.xlsx", APPENDIX, merges=merges)


def test_a_three_part_appendix_with_a_header_per_part_becomes_one_draft_decision(
    tmp_path, province, run_command
):
    ProcedureFactory(code="2.000889", name="Cấp lại giấy phép xây dựng")
    ProcedureFactory(code="1.000123", name="Thủ tục cũ")
    status, report = run_command(_file(tmp_path))
    assert status == 0, "\n".join(f"{e['row']} {e['message']}" for e in report["errors"] + report["warnings"])
    assert report["errors"] == []
    decision = Decision.objects.get()
    assert decision.number == "2345/QĐ-UBND"
    kinds = {i.code: i.kind for i in decision.items.all()}
    # The repeated header rows of parts II and III are not items; the bad row is left out, not the file.
    assert kinds == {"1.009994": "new", "1.001193": "new", "2.000889": "amended", "1.000123": "abolished"}
    bad = [w for w in report["warnings"] if w["row"] == 9]
    assert bad and "1.00x" in bad[0]["message"] and "không đưa vào dự thảo" in bad[0]["message"]
    assert not any("Mã thủ tục" in w["message"] and w["row"] in (12, 16) for w in report["warnings"])


def test_outside_a_decision_a_bad_code_still_refuses_the_list(tmp_path, province, run_command):
    rows = [HEADER_I, [1, "1.009994", "Cấp giấy phép xây dựng mới", "15 ngày làm việc", "", ""]]
    rows.append([2, "1.00x", "Thủ tục có mã gõ sai", "10 ngày làm việc", "", ""])
    status, report = run_command(write_rows(tmp_path / "list.xlsx", rows))
    assert status != 0 and any("1.00x" in e["message"] for e in report["errors"])

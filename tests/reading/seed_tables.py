"""The seeds' appendix tables (shared/seeds/*.txt) typed as Python data, and an openpyxl writer.

Other tests import these to build real-shaped workbooks: merged multi-row headers, number rows,
Roman-numeral sections, continuation rows, totals and notes, as the provinces publish them.

* seed 004 (Quảng Ninh): Phụ lục 1 (20 departments, with its ``Tổng số`` row) and Phụ lục 2 (14 districts).
* seed 000 (Quảng Bình): part of the plan-task table, sections I-IV, with continuation rows.
* seed 001 (Thanh Hóa): part of the plan-task table, section titles repeated across merged cells.
* seed 002 (Bắc Giang): the yearly task table (Năm 2021, Năm 2022, Năm 2023-2025).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class Sec:
    """A section row: its STT (Roman numeral) and title."""

    stt: str
    title: str


Row = tuple | Sec


@dataclass(frozen=True)
class SeedTable:
    sheet: str
    titles: list[str]
    #: One or two header rows; None under a cell that is merged with the one above it.
    header: list[list[str | None]]
    #: Merged header areas, relative to the first header row ("A1:A2" = column A over both rows).
    header_merges: list[str]
    rows: list[Row]
    number_row: list[int] | None = None
    total: tuple | None = None
    notes: list[str] = field(default_factory=list)


_PL1_FIGURES = [
    ("Sở Giáo dục và Đào tạo", 28, 0, 28, 2, 26, 28),
    ("Sở Khoa học và Công nghệ", 58, 0, 58, 46, 0, 46),
    ("Sở Công Thương", 119, 0, 119, 99, 0, 99),
    ("Sở Nông nghiệp và PTNT", 86, 5, 81, 41, 0, 41),
    ("Sở Thông tin và Truyền thông", 42, 0, 42, 42, 0, 42),
    ("Sở Tư pháp", 125, 28, 97, 76, 0, 76),
    ("Sở Giao thông vận tải", 124, 16, 108, 28, 19, 47),
    ("Sở Du lịch", 18, 0, 18, 16, 0, 16),
    ("Sở Văn hóa và Thể thao", 76, 0, 76, 8, 4, 12),
    ("Sở Ngoại vụ", 7, 0, 7, 0, 1, 1),
    ("Sở Tài chính", 43, 10, 33, 4, 0, 4),
    ("Sở Y tế", 120, 29, 91, 87, 0, 87),
    ("Sở LĐ-TB và Xã hội", 70, 3, 67, 0, 10, 10),
    ("Sở Kế hoạch và Đầu tư", 93, 0, 93, 49, 19, 68),
    ("Sở Nội vụ", 45, 0, 45, 2, 15, 17),
    ("Sở Tài nguyên và Môi trường", 83, 0, 83, 50, 0, 50),
    ("Sở Xây dựng", 21, 0, 21, 8, 3, 11),
    ("Ban Quản lý Khu kinh tế", 47, 0, 47, 18, 3, 21),
    ("Ban Xúc tiến, hỗ trợ & đầu tư", 2, 0, 2, 0, 0, 0),
    ("Ban Dân tộc", 2, 0, 2, 2, 0, 2),
]
_PL2_FIGURES = [
    ("Thành phố Hạ Long", 256, 5, 250, 165, 85, 250),
    ("Thành phố Uông Bí", 256, 0, 256, 180, 76, 256),
    ("Thành phố Cẩm Phả", 256, 0, 256, 180, 76, 256),
    ("Thành phố Móng Cái", 256, 0, 256, 104, 152, 256),
    ("Thị xã Quảng Yên", 256, 0, 256, 110, 146, 256),
    ("Thị xã Đông Triều", 256, 1, 255, 240, 15, 255),
    ("Huyện Tiên Yên", 256, 0, 256, 252, 4, 256),
    ("Huyện Văn Đồn", 256, 0, 256, 58, 198, 256),
    ("Huyện Bình Liêu", 256, 0, 256, 60, 196, 256),
    ("Huyện Cô Tô", 256, 0, 256, 87, 169, 256),
    ("Huyện Hoành Bồ", 256, 0, 256, 137, 119, 256),
    ("Huyện Hải Hà", 256, 0, 256, 50, 206, 256),
    ("Huyện Đầm Hà", 256, 0, 256, 135, 121, 256),
    ("Huyện Ba Chẽ", 256, 0, 256, 131, 125, 256),
]
_STATS_MERGES = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:G1", "H1:H2"]


def _stats_header(
    unit: str, not_in: str, group: str, before: str, added: str, after: str
) -> list[list[str | None]]:
    return [
        ["STT", unit, "Tổng số TTHC", not_in, group, None, None, after],
        [None, None, None, None, "Tổng số", before, added, None],
    ]


SEED_004_PL1 = SeedTable(
    sheet="Phụ lục 1",
    titles=[
        "Phụ lục 1",
        "BIỂU TỔNG HỢP TIỀN ĐỘ THỰC HIỆN TIẾP NHẬN, THẨM ĐỊNH, PHÊ DUYỆT, TRẢ KẾT QUẢ GIẢI QUYẾT THỦ TỤC "
        "HÀNH CHÍNH TẠI TRUNG TÂM HÀNH CHÍNH CÔNG TỈNH TRƯỚC 30/4/2017",
        "(Kèm theo Kế hoạch số 239/KH-UBND ngày 10/4/2017 của Ủy ban nhân dân Tỉnh)",
    ],
    header=_stats_header(
        "Đơn vị (Sở/ ngành)",
        "TTHC không đưa vào Trung tâm HCC",
        "Tổng số TTHC đưa vào Trung tâm HCC tỉnh đến trước 30/4/2017",
        "Số TTHC đã tiếp nhận, thẩm định, phê duyệt, trả kết quả tại TT HCC đến tháng 3/2017",
        "Số TTHC tiếp tục tiếp nhận, thẩm định, phê duyệt trả kết quả tại TT HCC tỉnh đến trước 30/4/2017",
        "Tổng số TTHC tiếp nhận thẩm định, phê duyệt, trả kết quả tại TT HCC sau 30/4/2017",
    ),
    header_merges=_STATS_MERGES,
    number_row=[1, 2, 3, 4, 5, 6, 7, 8],
    rows=[(i, *figures) for i, figures in enumerate(_PL1_FIGURES, start=1)],
    total=(None, "Tổng số", 1209, 91, 1118, 578, 100, 678),
    notes=[
        "*Ghi chú: Cột 7 là số TTHC thực hiện tiếp nhận, thẩm định và phê duyệt, trả kết quả tại Trung tâm HCC "
        "tăng sau khi thực hiện các giải pháp."
    ],
)

SEED_004_PL2 = SeedTable(
    sheet="Phụ lục 2",
    titles=[
        "Phụ lục 2",
        "BIỂU TỔNG HỢP TIẾN ĐỘ THỰC HIỆN TIẾP NHẬN, THẨM ĐỊNH, PHÊ DUYỆT, TRẢ KẾT QUẢ GIẢI QUYẾT TTHC TẠI CÁC "
        "TRUNG TÂM HÀNH CHÍNH CÔNG CẤP HUYỆN TRƯỚC 30/6/2017",
        "(Kèm theo Kế hoạch số 2391/KH-UBND ngày 10/4/2017 của Ủy ban nhân dân Tỉnh)",
    ],
    header=_stats_header(
        "Địa phương",
        "TTHC không đưa vào Trung tâm HCC cấp huyện",
        "Tổng số TTHC đưa vào các Trung tâm HCC cấp huyện đến trước 30/6/2017",
        "Số TTHC đã tiếp nhận, thẩm định, phê duyệt, trả kết quả tại TT HCC cấp huyện đến tháng 3/2017",
        "TTHC tiếp tục tiếp nhận, thẩm định, phê duyệt, trả kết quả tại TT HCC cấp huyện đến trước 30/6/2017",
        "Tổng số TTHC tiếp nhận, thẩm định, phê duyệt trả kết quả tại Trung tâm HCC sau 30/6/2017",
    ),
    header_merges=_STATS_MERGES,
    number_row=[1, 2, 3, 4, 5, 6, 7, 8],
    rows=[(i, *figures) for i, figures in enumerate(_PL2_FIGURES, start=1)],
    notes=[
        "*Ghi chú:",
        "- Cột 4 là số TTHC không đưa vào Trung tâm HCC là thủ tục không phát sinh trên địa bàn do đặc thù "
        "của đơn vị hành chính;",
        "- Cột 7 là số TTHC thực hiện tiếp nhận, thẩm định và phê duyệt tại Trung tâm HCC tăng sau khi thực "
        "hiện các giải pháp.",
    ],
)


def write_table(
    ws: Worksheet,
    table: SeedTable,
    *,
    start_row: int = 1,
    merge_section_titles: bool = True,
    number_style: str = "plain",
    with_total: bool = True,
    with_notes: bool = True,
) -> dict[str, int]:
    """Write ``table`` into ``ws``; return the 1-based rows of its parts (``header``, ``first_data``…).

    ``merge_section_titles`` merges a section's title over the remaining columns; False repeats the
    title in each cell instead (as in a flattened copy of a merged row). ``number_style`` is
    ``"plain"`` (1 2 3) or ``"paren"`` ((1) (2) (3)) for the number row.
    """
    width = len(table.header[0])
    last = get_column_letter(width)
    row = start_row
    for title in table.titles:
        ws.cell(row, 1, title).font = Font(bold=True)
        ws.merge_cells(f"A{row}:{last}{row}")
        row += 1
    row += 1  # a blank line between the titles and the table, as in the documents
    parts = {"header": row}
    for offset, header_row in enumerate(table.header):
        for col, text in enumerate(header_row, start=1):
            if text is not None:
                ws.cell(row + offset, col, text).alignment = Alignment(wrap_text=True)
    for ref in table.header_merges:
        first, second = ref.split(":")
        shift = row - 1
        ws.merge_cells(f"{first[0]}{int(first[1:]) + shift}:{second[0]}{int(second[1:]) + shift}")
    row += len(table.header)
    if table.number_row:
        parts["number_row"] = row
        for col, number in enumerate(table.number_row, start=1):
            ws.cell(row, col, number if number_style == "plain" else f"({number})")
        row += 1
    parts["first_data"] = row
    for item in table.rows:
        if isinstance(item, Sec):
            ws.cell(row, 1, item.stt)
            if merge_section_titles:
                ws.cell(row, 2, item.title)
                ws.merge_cells(f"B{row}:{last}{row}")
            else:
                for col in range(2, width + 1):
                    ws.cell(row, col, item.title)
        else:
            for col, value in enumerate(item, start=1):
                if value is not None:
                    ws.cell(row, col, value)
        row += 1
    if table.total and with_total:
        parts["total"] = row
        for col, value in enumerate(table.total, start=1):
            if value is not None:
                ws.cell(row, col, value)
        row += 1
    if table.notes and with_notes:
        parts["notes"] = row
        for note in table.notes:
            ws.cell(row, 1, note)
            row += 1
    parts["end"] = row - 1
    return parts


def build_workbook(path: Path, *tables: SeedTable, cover: str | None = None, **options: object) -> Path:
    """One sheet per table (after an optional cover sheet holding only text)."""
    book = Workbook()
    first = book.active
    if cover:
        first.title = "Bìa"
        first["A1"] = cover
        first["A3"] = "Kèm theo các phụ lục"
    else:
        book.remove(first)
    for table in tables:
        write_table(book.create_sheet(table.sheet[:31]), table, **options)  # type: ignore[arg-type]
    book.save(path)
    return path


# Imported last: the plan tables are built from the classes defined above.
from .seed_plans import SEED_000, SEED_001, SEED_002  # noqa: E402

__all__ = [
    "SEED_000",
    "SEED_001",
    "SEED_002",
    "SEED_004_PL1",
    "SEED_004_PL2",
    "Sec",
    "SeedTable",
    "build_workbook",
    "write_table",
]

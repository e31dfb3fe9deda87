"""The periodic report as .xlsx in its printed layout: title block, a two-row grouped header, the column
numbers row, one row per agency and the total row, as the appendix tables of the seeds are laid out."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from reports.services import LABELS, DossierReport

GROUPS = (
    ("Số hồ sơ nhận giải quyết", ("received", "carried_over", "new_online", "new_paper")),
    ("Số hồ sơ đã giải quyết", ("resolved", "early", "on_time", "late")),
    ("Số hồ sơ đang giải quyết", ("in_progress", "in_time", "overdue")),
    ("Trả lại, rút, từ chối", ("returned", "withdrawn", "refused")),
    ("Xin lỗi", ("apologies",)),
)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(horizontal="center", vertical="center", wrap_text=True)


def report_xlsx(report: DossierReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = report.period.label
    keys = [k for _, ks in GROUPS for k in ks]
    last = get_column_letter(2 + len(keys))
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG"
    ws.merge_cells(f"A2:{last}2")
    ws["A2"] = f"Kỳ báo cáo: {report.period.title} — Phạm vi: {report.scope_title}"
    ws.merge_cells(f"A3:{last}3")
    ws["A3"] = f"Số liệu tính đến {report.measured_at.astimezone(report.period.start.tzinfo):%H:%M %d/%m/%Y}"
    for cell in ("A1", "A2", "A3"):
        ws[cell].alignment = Alignment(horizontal="center")
    ws["A1"].font = Font(bold=True, size=12)
    # Header: row 5 groups, row 6 columns, row 7 column numbers.
    ws.merge_cells("A5:A6")
    ws["A5"] = "STT"
    ws.merge_cells("B5:B6")
    ws["B5"] = "Cơ quan"
    col = 3
    for title, members in GROUPS:
        start = col
        for key in members:
            ws.cell(
                row=6,
                column=col,
                value="Tổng số" if key in ("received", "resolved", "in_progress") else LABELS[key],
            )
            col += 1
        if len(members) > 1:
            ws.merge_cells(start_row=5, start_column=start, end_row=5, end_column=col - 1)
            ws.cell(row=5, column=start, value=title)
        else:
            ws.merge_cells(start_row=5, start_column=start, end_row=6, end_column=start)
            ws.cell(row=5, column=start, value=LABELS[members[0]])
    for i in range(1, 3 + len(keys)):
        ws.cell(row=7, column=i, value=i)
    rows = [(str(n), r.agency, r.figures) for n, r in enumerate(report.rows, 1)]
    rows.append(("", "Tổng cộng", report.total.figures))
    for offset, (number, name, figures) in enumerate(rows):
        r = 8 + offset
        ws.cell(row=r, column=1, value=number)
        ws.cell(row=r, column=2, value=name)
        for i, key in enumerate(keys):
            ws.cell(row=r, column=3 + i, value=figures[key])
    bottom = 7 + len(rows)
    for row in ws.iter_rows(min_row=5, max_row=bottom, max_col=2 + len(keys)):
        for cell in row:
            cell.border = BOX
            if cell.row <= 7:
                cell.alignment = WRAP
                cell.font = Font(bold=True)
    for cell in ws[bottom]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 40
    for i in range(len(keys)):
        ws.column_dimensions[get_column_letter(3 + i)].width = 11
    ws.row_dimensions[6].height = 45
    ws.freeze_panes = "C8"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

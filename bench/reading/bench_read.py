"""Time and memory of the table reader on a generated 100,000-row catalog and on the real files.

Run: ``python bench/reading/bench_read.py [ROWS]``. The generated workbook is cached in the system
temp directory (writing it takes longer than reading it); the real files are read from ../shared/data
when present.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from importers.reading import CATALOG, find_table, open_workbook  # noqa: E402

SHARED = Path(os.environ.get("MOTCUA_SHARED_DATA", ROOT.parent / "shared" / "data"))


def generate(rows: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"motcua-bench-catalog-{rows}.xlsx"
    if path.exists():
        return path
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh mục")
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
    sheet.append(["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện", "Cấp thực hiện",
                  "Thời hạn giải quyết", "Phí, lệ phí"])  # fmt: skip
    for i in range(1, rows + 1):
        if i % 500 == 1:
            sheet.append([f"{'I' * (1 + i // 500 % 3)}", f"Lĩnh vực số {i // 500}"])
        sheet.append([i, f"1.{i:06d}", f"Thủ tục hành chính số {i} về cấp giấy phép", "Xây dựng",
                      "Sở Xây dựng\nUBND cấp huyện", "Cấp tỉnh", "05 ngày làm việc", float(i % 7) * 1000.0])  # fmt: skip
    book.save(path)
    return path


def measure(label: str, path: Path) -> None:
    started = time.perf_counter()
    workbook = open_workbook(path, max_bytes=50 * 1024 * 1024)
    opened = time.perf_counter()
    data = find_table(workbook, CATALOG).read()
    done = time.perf_counter()
    print(
        f"{label:32} {len(data.records):>7} records {len(data.sections):>4} sections  "
        f"open {opened - started:5.2f}s  table {done - opened:5.2f}s  total {done - started:5.2f}s  "
        f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:6.0f} MB"
    )


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    if (SHARED / "phutho").is_dir():
        measure("phutho/PTO theo don vi.xls", SHARED / "phutho" / "PTO theo don vi.xls")
        measure("national/BoTaiChinh.xlsx", SHARED / "national" / "danh-sach-tthc-BoTaiChinh.xlsx")
    path = generate(rows)
    print(f"generated {path.name}: {path.stat().st_size / 1e6:.1f} MB")
    measure(f"generated {rows} rows", path)


if __name__ == "__main__":
    main()

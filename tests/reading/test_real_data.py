"""The reader on the real public files in ../shared/data (skipped when absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from importers.reading.profiles_spec import CATALOG
from importers.reading.safety import UnreadableFile, open_workbook
from importers.reading.table import detect_profile, find_table
from importers.reading.values import normalize_code

NATIONAL = [
    "danh-sach-tthc-BoCongAn.xlsx",
    "danh-sach-tthc-BoTaiChinh.xlsx",
    "danh-sach-tthc-BoTuPhap.xlsx",
    "danh-sach-tthc-BoXayDung.xlsx",
    "danh-sach-tthc-NganhangNhanuocVietNam.xlsx",
    "danh-sach-tthc-NongNghiepvaMoiTruong.xlsx",
    "toa-an-nhan-dan.xlsx",
]
NATIONAL_CODE = re.compile(r"^\d\.\d{6}$")


@pytest.mark.parametrize("name", NATIONAL)
def test_national_exports_find_their_table(shared_data: Path, name: str) -> None:
    workbook = open_workbook(shared_data / "national" / name)
    assert detect_profile(workbook).name == "catalog"
    table = find_table(workbook, CATALOG)
    assert table.header_rows == (2,)  # under the merged "CỘNG HÒA XÃ HỘI…" title
    assert (table.column_letter("code"), table.column_letter("name")) == ("A", "B")
    records = table.read().records
    assert records and all(NATIONAL_CODE.match(r.values["code"]) for r in records)
    assert all(r.values["name"] for r in records)


def test_national_exports_total_2642_procedures(shared_data: Path) -> None:
    total = sum(
        len(find_table(open_workbook(shared_data / "national" / name), CATALOG).read().records)
        for name in NATIONAL
    )
    assert total == 2642


def test_phutho_by_agency_xls_reads_8096_rows_with_integer_ids(shared_data: Path) -> None:
    workbook = open_workbook(shared_data / "phutho" / "PTO theo don vi.xls")
    assert workbook.kind == "xls"
    table = find_table(workbook, CATALOG)
    records = table.read().records
    assert len(records) == 8096
    assert all(isinstance(r.values["code"], int) for r in records)  # 843, never 843.0
    assert all(isinstance(r.values["stt"], int) for r in records)
    assert records[0].values["local_code"] == "2020STTTT_PTTT06"
    trailing = [r.values["local_code"] for r in records if str(r.values["local_code"]).endswith(".")]
    assert trailing  # the quirk is there …
    assert all(not normalize_code(code).endswith(".") for code in trailing)  # … and the helper trims it


def test_phutho_xls_truncated_is_a_clean_error(shared_data: Path) -> None:
    data = (shared_data / "phutho" / "PTO.xls").read_bytes()
    with pytest.raises(UnreadableFile) as caught:
        open_workbook(data[: len(data) // 3], "PTO.xls")
    assert caught.value.code == "corrupt"


def test_ketqua_csv_joins_broken_records(shared_data: Path) -> None:
    workbook = open_workbook(shared_data / "phutho" / "ketqua.csv")
    sheet = workbook.sheets[0]
    assert workbook.kind == "csv"
    assert sheet.height == 8096  # 8,279 physical lines, 166 records broken over 2 or 3 of them
    assert all(len(row) <= 9 for row in sheet.rows)
    assert all(isinstance(row[1], str) and row[1].isdigit() for row in sheet.rows)
    broken = [row for row in sheet.rows if row[0] == "Sở Y tế" and row[1] == "24613"]
    assert broken and broken[0][6] == "185" and broken[0][7] == "1.003876.000.00.00.H44"

"""Grids of normalised values: coordinates, merges, trimming, value quirks, CSV and ODS."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from importers.reading.csvread import read_delimited, sniff_delimiter
from importers.reading.safety import UnreadableFile, open_workbook
from importers.reading.values import (
    column_index,
    column_letter,
    fold,
    normalize_code,
    normalize_text,
    normalize_value,
)

from . import factory


def test_data_starting_at_c3_keeps_coordinates(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["C3"], sheet["D3"], sheet["C4"] = "STT", "Tên", 1
    book.save(tmp_path / "c3.xlsx")
    grid = open_workbook(tmp_path / "c3.xlsx").sheets[0]
    assert grid.row(3) == (None, None, "STT", "Tên")
    assert grid.value(4, column_index("C")) == 1
    assert grid.row(1) == () and grid.height == 4


def test_merged_cells_are_filled_and_copies_known(tmp_path: Path) -> None:
    path = factory.write_rows(
        tmp_path / "m.xlsx", [["Tiêu đề", None, None], ["a", "b", "c"]], merges=["A1:C1"]
    )
    grid = open_workbook(path).sheets[0]
    assert grid.row(1) == ("Tiêu đề", "Tiêu đề", "Tiêu đề")
    assert grid.merge_anchor(1, 2) == (1, 0)
    assert grid.merge_anchor(1, 0) is None  # the anchor itself is typed, not a copy
    assert [m.ref for m in grid.merged] == ["A1:C1"]


def test_under_reported_dimension_does_not_truncate(tmp_path: Path) -> None:
    rows = [["STT", "Tên"]] + [[i, f"Thủ tục {i}"] for i in range(1, 51)]
    src = factory.write_rows(tmp_path / "full.xlsx", rows)
    path = factory.with_dimension(src, tmp_path / "dim.xlsx", "A1:B2")
    grid = open_workbook(path).sheets[0]
    assert grid.height == 51
    assert grid.row(51) == (50, "Thủ tục 50")


def test_million_formatted_empty_rows_do_not_become_rows(tmp_path: Path) -> None:
    src = factory.write_rows(tmp_path / "small.xlsx", [["STT", "Tên"], [1, "a"], [2, "b"]])
    path = factory.with_empty_styled_rows(src, tmp_path / "million.xlsx", last_row=1_000_000, columns=1)
    grid = open_workbook(path).sheets[0]
    # How long this takes is bench/reading's business (timed assertions fail on a busy machine, not on a bug).
    assert grid.height == 3 and len(grid.rows) == 3


def test_empty_string_cells_far_below_are_trimmed(tmp_path: Path) -> None:
    src = factory.write_rows(tmp_path / "s.xlsx", [["STT", "Tên"], [1, "a"]])
    far = b'<row r="200000"><c r="A200000" t="inlineStr"><is><t> </t></is></c></row></sheetData>'
    path = factory.edit_sheet_xml(src, tmp_path / "far.xlsx", lambda xml: xml.replace(b"</sheetData>", far))
    assert open_workbook(path).sheets[0].height == 2


def test_values_are_normalised(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Cấp giấy phép")
    date_cell = dt.date(2017, 4, 30)
    path = factory.write_rows(
        tmp_path / "v.xlsx",
        [
            [nfd, "Sở\u00a0Tư  pháp", 23604.0, "023", date_cell, 1.5, "- UBND cấp huyện;\r\n- UBND cấp xã. "],
        ],
    )
    row = open_workbook(path).sheets[0].row(1)
    assert row[0] == "Cấp giấy phép" and unicodedata.is_normalized("NFC", row[0])
    assert row[1] == "Sở Tư pháp"
    assert row[2] == 23604 and isinstance(row[2], int)
    assert row[3] == "023"  # a number stored as text stays text
    assert row[4] == date_cell  # a date cell's serial becomes a date
    assert row[5] == 1.5
    assert row[6] == "- UBND cấp huyện;\n- UBND cấp xã."


def test_date_serial_in_a_plain_number_cell_stays_a_number(tmp_path: Path) -> None:
    path = factory.write_rows(tmp_path / "n.xlsx", [[42855]])
    assert open_workbook(path).sheets[0].row(1) == (42855,)


def test_normalize_helpers() -> None:
    assert normalize_value(23604.0) == 23604
    assert normalize_value("  ") is None
    assert normalize_text("a\u200bb &#40;x&#41;") == "ab (x)"
    assert normalize_code("BHXH.TBHXH.02. ") == "BHXH.TBHXH.02"
    assert normalize_code("1.001234.") == "1.001234"
    assert normalize_code(23604.0) == "23604"
    assert normalize_code(1.00045) == "1.000450"
    assert fold("Mã số  TTHC") == fold("MA_SO_TTHC") == fold("mã số tthc") == "ma so tthc"
    assert fold("Đơn vị (Sở/ ngành)") == "don vi so nganh"
    assert column_letter(0) == "A" and column_letter(27) == "AB" and column_index("AB") == 27


def test_csv_semicolon_bom_and_quoted_newline() -> None:
    data = '\ufeffSTT;Tên thủ tục;Ghi chú\n1;"Cấp phép\nxây dựng";x\n2;Đăng ký;\n'.encode()
    grid = open_workbook(data, "a.csv").sheets[0]
    assert grid.row(1) == ("STT", "Tên thủ tục", "Ghi chú")
    assert grid.row(2) == ("1", "Cấp phép\nxây dựng", "x")
    assert grid.row(3) == ("2", "Đăng ký")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiters_are_sniffed(delimiter: str) -> None:
    text = "\n".join(
        delimiter.join(["STT", "Tên, đầy đủ" if delimiter != "," else "Tên", "Mã"]) for _ in range(5)
    )
    assert sniff_delimiter(text) == delimiter


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps base letters (ơ, ư, â…) precomposed and tones as combining marks."""
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        for keep in (len(decomposed), 2, 1):
            candidate = unicodedata.normalize("NFC", decomposed[:keep]) + decomposed[keep:]
            try:
                out.append(candidate.encode("cp1258"))
                break
            except UnicodeEncodeError:
                continue
    return b"".join(out)


def test_csv_in_windows_vietnamese_code_page() -> None:
    data = _to_cp1258("STT,Tên\n1,Sở Tư pháp\n")
    assert open_workbook(data, "a.csv").sheets[0].row(2) == ("1", "Sở Tư pháp")


def test_pipe_file_with_records_broken_by_bare_newlines() -> None:
    text = (
        "Sở Y tế|1|A.01|Mở|Đã map|Tên một|1|1.000001|Tên QG\n"
        "Sở Y tế|2|A.02|Mở|Đã map|Tên bị\n"
        "ngắt dòng|2|1.000002|Tên QG 2\n"
        "Sở TC|3|A.03|Mở|Chưa map|Mua hóa đơn.\n"
        "\n"
        "|3||\n"
        "Sở TC|4|A.04|Mở|Đã map|Tên bốn|4|1.000004|Tên QG 4\n"
    )
    records = read_delimited(text)
    assert [len(r) for r in records] == [9, 9, 9, 9]
    assert records[1][5] == "Tên bị\nngắt dòng"
    assert records[2][5] == "Mua hóa đơn.\n\n" and records[2][6] == "3"


def test_ods_merges_are_filled(tmp_path: Path) -> None:
    body = (
        '<table:table table:name="Bảng">'
        f"<table:table-row>{factory.ods_cell('Tiêu đề', span=3)}<table:covered-table-cell/><table:covered-table-cell/></table:table-row>"
        f"<table:table-row>{factory.ods_cell('STT')}{factory.ods_cell('Tên')}{factory.ods_cell('Mã')}</table:table-row>"
        f"<table:table-row>{factory.ods_cell(number=1)}{factory.ods_cell('Cấp phép')}{factory.ods_cell('1.001234')}</table:table-row>"
        "</table:table>"
    )
    workbook = open_workbook(factory.ods_bytes(body), "a.ods")
    assert workbook.kind == "ods"
    grid = workbook.sheets[0]
    assert grid.row(1) == ("Tiêu đề", "Tiêu đề", "Tiêu đề")
    assert grid.row(3) == (1, "Cấp phép", "1.001234")


def test_ods_repeated_value_cells_over_a_huge_area_are_refused() -> None:
    body = (
        '<table:table table:name="Bomb"><table:table-row table:number-rows-repeated="1000000">'
        f"{factory.ods_cell('x', repeat=16384)}</table:table-row></table:table>"
    )
    with pytest.raises(UnreadableFile) as caught:
        open_workbook(factory.ods_bytes(body), "bomb.ods")
    assert caught.value.code == "too_many_cells"


def test_ods_trailing_repeated_empty_rows_are_fine() -> None:
    body = (
        '<table:table table:name="T">'
        f"<table:table-row>{factory.ods_cell('STT')}{factory.ods_cell('Tên')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/>'
        "</table:table-row></table:table>"
    )
    assert open_workbook(factory.ods_bytes(body), "t.ods").sheets[0].height == 1

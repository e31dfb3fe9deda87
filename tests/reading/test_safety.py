"""Every kind of bad upload is refused before parsing, with a code and a Vietnamese message."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from importers.reading import ole
from importers.reading.containers import Limits
from importers.reading.safety import UnreadableFile, detect_kind, open_workbook

from . import factory


@pytest.fixture
def good_xlsx(tmp_path: Path) -> Path:
    return factory.write_rows(
        tmp_path / "good.xlsx", [["STT", "Mã số TTHC", "Tên thủ tục"], [1, "1.001234", "Cấp phép"]]
    )


def _refused(source: object, filename: str = "", **kwargs: object) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        open_workbook(source, filename, **kwargs)  # type: ignore[arg-type]
    assert caught.value.message_vi  # always something to show the user
    return caught.value


def test_good_xlsx_is_read(good_xlsx: Path) -> None:
    workbook = open_workbook(good_xlsx)
    assert workbook.kind == "xlsx"
    assert workbook.sheets[0].row(2) == (1, "1.001234", "Cấp phép")


def test_bytes_and_stream_sources_are_accepted(good_xlsx: Path) -> None:
    data = good_xlsx.read_bytes()
    assert open_workbook(data, "x.xlsx").sheets[0].height == 2
    assert open_workbook(io.BytesIO(data), "x.xlsx").sheets[0].height == 2


def test_text_named_xlsx_is_refused_not_guessed() -> None:
    error = _refused(b"STT,Ten thu tuc\n1,Cap phep\n", "danh-muc.xlsx")
    assert error.code == "not_spreadsheet"
    assert "Tệp không phải là bảng tính Excel hợp lệ" in error.message_vi


def test_same_text_named_csv_is_read_as_csv() -> None:
    workbook = open_workbook(b"STT,Ten thu tuc\n1,Cap phep\n", "danh-muc.csv")
    assert workbook.kind == "csv"
    assert workbook.sheets[0].row(2) == ("1", "Cap phep")


def test_html_table_saved_as_xls_gets_its_own_message() -> None:
    error = _refused(b"<html><body><table><tr><td>STT</td></tr></table></body></html>", "export.xls")
    assert error.code == "html_disguised"
    assert ".xlsx" in error.message_vi


def test_real_xlsx_named_csv_is_read_by_content(good_xlsx: Path) -> None:
    assert open_workbook(good_xlsx.read_bytes(), "misnamed.csv").kind == "xlsx"


def test_truncated_xlsx_is_corrupt(good_xlsx: Path) -> None:
    data = good_xlsx.read_bytes()
    assert _refused(data[: len(data) // 2], "cut.xlsx").code == "corrupt"


def test_corrupt_zip_member_is_corrupt(good_xlsx: Path) -> None:
    data = bytearray(good_xlsx.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(factory.SHEET1)
    # Damage the compressed bytes of the sheet part (after its 30-byte local header and name).
    start = info.header_offset + 30 + len(info.filename) + 5
    data[start : start + 20] = b"\x00" * 20
    assert _refused(bytes(data), "bad.xlsx").code == "corrupt"


def test_random_binary_is_not_a_spreadsheet() -> None:
    assert _refused(bytes(range(256)) * 10, "x.xlsx").code == "not_spreadsheet"


def test_password_protected_ooxml_container_is_refused() -> None:
    data = factory.ole_container(["EncryptionInfo", "EncryptedPackage"])
    assert ole.stream_names(data) == {"Root Entry", "EncryptionInfo", "EncryptedPackage"}
    error = _refused(data, "secret.xlsx")
    assert error.code == "password"
    assert error.message_vi == "Tệp được bảo vệ bằng mật khẩu."


def test_xls_with_vba_storage_is_refused_as_macro() -> None:
    assert _refused(factory.ole_container(["Workbook", "_VBA_PROJECT_CUR"]), "m.xls").code == "macro"


def test_ole_file_that_is_not_a_workbook_is_refused() -> None:
    assert _refused(factory.ole_container(["WordDocument"]), "doc.xls").code == "not_spreadsheet"


def test_truncated_ole_container_is_corrupt() -> None:
    assert _refused(factory.ole_container(["Workbook"])[:700], "cut.xls").code == "corrupt"


def test_xlsm_with_vba_project_is_refused(good_xlsx: Path, tmp_path: Path) -> None:
    path = factory.with_macro(good_xlsx, tmp_path / "macro.xlsm")
    error = _refused(path)
    assert error.code == "macro"
    assert "macro" in error.message_vi


def test_macro_enabled_content_type_alone_is_refused(good_xlsx: Path, tmp_path: Path) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
        return data

    assert _refused(factory.rewrite_zip(good_xlsx, tmp_path / "m.xlsx", edit)).code == "macro"


def test_empty_file_and_empty_workbook_are_refused(tmp_path: Path) -> None:
    assert _refused(b"", "x.xlsx").code == "empty"
    path = factory.write_rows(tmp_path / "empty.xlsx", [])
    error = _refused(path)
    assert error.code == "empty"
    assert "không có dữ liệu" in error.message_vi


def test_over_size_is_refused_before_reading(good_xlsx: Path) -> None:
    error = _refused(good_xlsx, max_bytes=1000)
    assert error.code == "too_large"
    assert "1000" not in error.message_vi  # the limit is shown in MB
    assert "MB" in error.message_vi
    assert _refused(io.BytesIO(b"x" * 5000), "big.csv", max_bytes=1000).code == "too_large"


def test_default_size_limit_message_says_20_mb() -> None:
    error = _refused(b"\x00" * (20 * 1024 * 1024 + 1), "big.xlsx")
    assert error.message_vi == "Tệp vượt quá dung lượng cho phép (20 MB)."


def test_zip_bomb_is_refused_from_the_central_directory(tmp_path: Path) -> None:
    path = factory.zip_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 200_000
    assert _refused(path).code == "zip_bomb"


def test_zip_with_too_many_entries_is_refused(good_xlsx: Path, tmp_path: Path) -> None:
    extra = {f"xl/media/x{i}.xml": b"<a/>" for i in range(30)}
    path = factory.rewrite_zip(good_xlsx, tmp_path / "many.xlsx", lambda n, d: d, extra=extra)
    assert _refused(path, limits=Limits(max_entries=20)).code == "zip_bomb"


def test_doctype_and_entities_are_refused(good_xlsx: Path, tmp_path: Path) -> None:
    error = _refused(factory.with_doctype(good_xlsx, tmp_path / "xxe.xlsx"))
    assert error.code == "xml_entities"
    assert "DOCTYPE" in error.message_vi


def test_one_value_in_the_last_cell_of_the_sheet_is_refused(good_xlsx: Path, tmp_path: Path) -> None:
    # calamine would allocate a dense 1,048,576 x 16,384 grid for this one cell.
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    path = factory.edit_sheet_xml(
        good_xlsx, tmp_path / "far.xlsx", lambda xml: xml.replace(b"</sheetData>", far)
    )
    assert _refused(path).code == "too_many_cells"


def test_xlsb_is_refused_with_advice(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x00")
    assert _refused(buffer.getvalue(), "x.xlsb").code == "xlsb"


def test_detect_kind_uses_magic_bytes_not_names() -> None:
    assert detect_kind(b"PK\x03\x04rest", "a.csv") == "zip"
    assert detect_kind(ole.OLE_MAGIC + b"\x00" * 100, "a.xlsx") == "ole"
    assert detect_kind("STT;Tên\n".encode(), "a.csv") == "csv"
    assert detect_kind("\ufeffSTT;Tên\n".encode("utf-16"), "a.txt") == "csv"


def test_formula_without_cached_value_is_reported(tmp_path: Path) -> None:
    path = factory.write_rows(tmp_path / "f.xlsx", [["a", "b"], [1, 2], ["Tổng", "=B2*2"]])
    workbook = open_workbook(path)
    sheet = workbook.sheets[0]
    assert sheet.row(3) == ("Tổng",)  # never evaluated: the formula reads as empty
    assert sheet.uncached_formulas == ("B3",)
    assert any("B3" in warning for warning in workbook.warnings)


def test_formula_with_cached_value_reads_the_cached_value(tmp_path: Path) -> None:
    path = factory.write_rows(tmp_path / "f.xlsx", [["a", "b"], [1, 2], ["Tổng", "=B2*2"]])
    cached = factory.with_cached_values(path, tmp_path / "cached.xlsx", {"B3": 4})
    workbook = open_workbook(cached)
    assert workbook.sheets[0].row(3) == ("Tổng", 4)
    assert workbook.warnings == []


def test_many_small_highly_compressed_parts_are_refused_overall(tmp_path: Path) -> None:
    # Each part stays under the per-entry floor; together they inflate ~1000:1.
    extra = {f"xl/media/pad{i}.xml": b" " * (1024 * 1024) for i in range(12)}
    path = factory.rewrite_zip(factory.write_rows(tmp_path / "a.xlsx", [["a", "b"]]), tmp_path / "b.xlsx",
                               lambda n, d: d, extra=extra)  # fmt: skip
    assert _refused(path).code == "zip_bomb"

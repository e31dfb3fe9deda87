"""Every kind of bad file, through `manage.py import_appendix`: exit status 2 (1 for row errors), a clear
Vietnamese message, and nothing written anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from catalog.models import Decision, Procedure
from importers.models import AgencyStat, ImportRun, Plan, PlanTask
from tests.reading import factory
from tests.reading.seed_tables import SEED_004_PL1, build_workbook

HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện"]


def nothing_written() -> bool:
    return not (
        Procedure.objects.exists()
        or Decision.objects.exists()
        or AgencyStat.objects.exists()
        or Plan.objects.exists()
        or PlanTask.objects.exists()
    )


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return factory.write_rows(
        tmp_path / "good.xlsx", [HEADER, [1, "1.001234", "Cấp phép xây dựng", "Xây dựng"]]
    )


def _bad_files(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    text = tmp_path / "danh-muc.xlsx"
    text.write_text("STT;Mã số TTHC\n1;1.001234\n", encoding="utf-8")
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    password = tmp_path / "secret.xlsx"
    password.write_bytes(factory.ole_container(["EncryptionInfo", "EncryptedPackage"]))
    empty = factory.write_rows(tmp_path / "empty.xlsx", [])
    no_header = factory.write_rows(tmp_path / "no-header.xlsx", [["Danh sách"], ["a", "b", "c"], [1, 2, 3]])
    return {
        "text named .xlsx": (text, "không phải là bảng tính Excel"),
        "truncated workbook": (truncated, "bị hỏng hoặc không đầy đủ"),
        "password": (password, "bảo vệ bằng mật khẩu"),
        "macro .xlsm": (factory.with_macro(good, tmp_path / "macro.xlsm"), "macro"),
        "empty workbook": (empty, "không có dữ liệu"),
        "no recognisable header": (no_header, "không thấy dòng tiêu đề"),
        "zip bomb": (factory.zip_bomb(tmp_path / "bomb.xlsx"), "nghi là tệp độc hại"),
        "XML entities": (factory.with_doctype(good, tmp_path / "entities.xlsx"), "DOCTYPE/ENTITY"),
    }


KINDS = [
    "text named .xlsx",
    "truncated workbook",
    "password",
    "macro .xlsm",
    "empty workbook",
    "no recognisable header",
    "zip bomb",
    "XML entities",
]


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_file_exits_2_with_a_vietnamese_message_and_writes_nothing(
    kind, tmp_path, good, province, run_command
):
    path, expected = _bad_files(tmp_path, good)[kind]
    status, report = run_command(path)
    assert status == 2
    (error,) = report["errors"]
    assert expected in error["message"]
    assert report["created"] == 0 and report["records"] == []
    assert nothing_written()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and run.message == error["message"]


def test_a_file_over_the_configured_limit_is_refused_before_reading(settings, good, province, run_command):
    settings.IMPORT_MAX_BYTES = 1024
    status, report = run_command(good)
    assert status == 2
    assert report["errors"][0]["message"] == "Tệp vượt quá dung lượng cho phép (1 KB)."
    assert nothing_written() and not ImportRun.objects.exists()


def test_the_default_limit_is_20_mb(settings):
    assert settings.IMPORT_MAX_BYTES == 20 * 1024 * 1024


def test_a_header_the_profile_does_not_know_names_the_missing_columns(good, province, run_command):
    status, report = run_command(good, "--profile", "agency-stats")
    assert status == 2
    message = report["errors"][0]["message"]
    assert "Đơn vị / Địa phương" in message and "Tổng số TTHC" in message
    assert nothing_written()


def test_rows_with_errors_exit_1_and_nothing_is_written(tmp_path, province, run_command):
    path = factory.write_rows(
        tmp_path / "rows.xlsx",
        [HEADER, [1, "1.001234", "Cấp phép xây dựng"], [2, "1.23", "Mã sai"], [3, "2.000889", ""]],
    )
    status, report = run_command(path)
    assert status == 1
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(3, "B"), (4, "C")]
    assert "Mã thủ tục “1.23” không đúng dạng" in report["errors"][0]["message"]
    assert report["errors"][1]["message"] == "Thiếu tên thủ tục."
    assert nothing_written()


def test_formulas_are_never_evaluated_cached_values_are_used(tmp_path, province, run_command):
    src = build_workbook(tmp_path / "pl1.xlsx", SEED_004_PL1)
    # The total row as Excel saves it: formulas with their cached results; the reader must take the
    # results and never run the formulas (a generator that saves no cached value gets a warning instead).
    formulas = {f"{col}28": f"=SUM({col}8:{col}27)" for col in "CDEFGH"}
    sums = {"C28": 1209, "D28": 91, "E28": 1118, "F28": 578, "G28": 100, "H28": 678}
    book = load_workbook(src)
    sheet = book["Phụ lục 1"]
    assert sheet["B28"].value == "Tổng số"
    for ref, formula in formulas.items():
        sheet[ref] = formula
    book.save(src)
    cached = factory.with_cached_values(src, tmp_path / "cached.xlsx", sums)
    status, report = run_command(cached, "--profile", "agency-stats")
    assert status == 0 and report["warnings"] == []
    status, report = run_command(src, "--profile", "agency-stats", "--as-of", "2017-05-01")
    assert status == 0
    assert any("công thức chưa có giá trị tính sẵn" in w["message"] for w in report["warnings"])
    assert not any("=SUM" in str(r["data"]) for r in report["records"])

"""The real public files in ../shared/data through the command (skipped when the folder is absent)."""

from __future__ import annotations

from pathlib import Path

from catalog.models import Procedure
from importers.models import ImportRun
from tests.reading.test_real_data import NATIONAL


def test_the_seven_national_exports_import_without_errors_2642_procedures(
    shared_data: Path, province, run_command
):
    created = 0
    for name in NATIONAL:
        status, report = run_command(shared_data / "national" / name)
        assert status == 0, (name, report["errors"][:3])
        assert report["errors"] == [] and report["profile"] == "catalog"
        created += report["created"]
    assert created == Procedure.objects.count() == 2642
    # NFD names and non-breaking spaces in the exports are stored in NFC with plain spaces.
    assert not Procedure.objects.filter(name__contains="\u00a0").exists()
    again = sum(run_command(shared_data / "national" / name)[1]["unchanged"] for name in NATIONAL)
    assert again == 2642 and Procedure.objects.count() == 2642


def test_the_phu_tho_export_is_read_with_integer_ids_and_refused_with_one_clear_reason(
    shared_data: Path, province, run_command
):
    status, report = run_command(shared_data / "phutho" / "PTO theo don vi.xls", "--dry-run")
    assert status == 1
    assert (report["sheet"], report["data_rows"]) == ("MTT25", 8096)
    codes = [r["data"]["code"] for r in report["records"]]
    assert len(codes) == 8096 and codes[0] == "843" and not any(c.endswith(".0") for c in codes)
    first = report["errors"][0]
    assert first["row"] is None and first["column"] == "B"
    assert "chứa số hiệu nội bộ của hệ thống một cửa (843, 861, 862…)" in first["message"]
    assert not Procedure.objects.exists()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and run.error_count == 8097
    assert (
        len(run.report["errors"]) == 5000 and run.report["errors_left_out"] == 3097
    )  # the history stays small


def test_the_smaller_phu_tho_xls_reads_1037_rows(shared_data: Path, province, run_command):
    status, report = run_command(shared_data / "phutho" / "PTO.xls", "--dry-run")
    assert status == 1 and report["data_rows"] == 1037
    assert report["records"][0]["data"]["code"] == "23604"

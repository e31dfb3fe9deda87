"""Issue 12, item 4: the isolated reader streams the table's records to the importer through a spool.

The child reads the workbook and writes the records a chunk at a time to an unnamed temporary file; the
importer reads the table's description, then the records lazily. These tests pin that the spooled table is
the table read in this process, that the records are read a chunk at a time as they are consumed, that the
spool is closed (and so removed) after success and after failure, and that a refused file writes nothing.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from catalog.models import Procedure
from importers import services
from importers.models import ImportRun
from importers.profiles.base import consume
from importers.profiles.catalog import CatalogProfile
from importers.reading.containers import Limits
from importers.reading.errors import TableNotFound
from importers.reading.isolation import ReaderCrashed, read_table_isolated
from importers.reading.profiles_spec import CATALOG
from importers.reading.safety import open_workbook
from importers.reading.spool import CHUNK_RECORDS, SpoolDamaged, open_spool, write_table
from importers.reading.table import find_table
from tests.reading import factory
from tests.reading.test_real_data import NATIONAL

HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện"]
#: Enough rows for three chunks, so the chunk boundaries are crossed.
ROWS = 2 * CHUNK_RECORDS + 500


def _generated(path: Path, rows: int = ROWS) -> Path:
    """A decision's appendix: a title, parts and fields (sections), continuation rows, a total and notes."""
    lines: list[list[object]] = [["QUYẾT ĐỊNH SỐ 12/QĐ-UBND ngày 05/01/2026"], HEADER, [1, 2, 3, 4, 5]]
    lines.append(["I", "DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"])
    for n in range(1, rows + 1):
        if n % 1000 == 1:
            lines.append(["", "", f"Lĩnh vực Hộ tịch {n // 1000}", "", ""])
        lines.append([n, f"1.{n:06d}", f"Thủ tục số {n}", "Hộ tịch", "Sở Tư pháp"])
        if n % 700 == 0:
            lines.append(["", "", "- bước tiếp theo của thủ tục", "", ""])
    lines.append(["", "Tổng cộng", rows])
    lines.append(["Ghi chú: các thủ tục trên thực hiện tại Trung tâm Phục vụ hành chính công."])
    return factory.write_rows(path, lines)


def _open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def _same_as_in_process(path: Path) -> None:
    direct = find_table(open_workbook(path), CATALOG)
    expected = direct.read()
    with read_table_isolated(path.read_bytes(), path.name, Limits()) as spooled:
        assert spooled.profile is CATALOG
        assert (spooled.sheet_name, spooled.header_rows) == (direct.sheet_name, direct.header_rows)
        assert spooled.columns == direct.columns
        data = spooled.data
        assert len(data.records) == len(expected.records)
        assert list(data.records) == expected.records
        assert (data.sections, data.totals, data.notes, data.last_row) == (
            expected.sections,
            expected.totals,
            expected.notes,
            expected.last_row,
        )


def test_a_generated_appendix_spooled_in_chunks_is_the_table_read_in_this_process(tmp_path):
    path = _generated(tmp_path / "appendix.xlsx")
    _same_as_in_process(path)
    with read_table_isolated(path.read_bytes(), path.name, Limits()) as spooled:
        assert spooled.title == "QUYẾT ĐỊNH SỐ 12/QĐ-UBND ngày 05/01/2026"
        assert len(spooled.data.records) == ROWS and len(spooled.data.totals) == 1
        assert spooled.data.notes[0].text.startswith("Ghi chú")
        assert spooled.data.records.chunks_read == 0  # nothing read until the records are asked for


@pytest.mark.parametrize("name", NATIONAL)
def test_the_national_exports_spooled_are_the_tables_read_in_this_process(shared_data: Path, name: str):
    _same_as_in_process(shared_data / "national" / name)


def test_the_records_are_read_a_chunk_at_a_time_as_they_are_consumed(tmp_path):
    path = _generated(tmp_path / "appendix.xlsx")
    with read_table_isolated(path.read_bytes(), path.name, Limits()) as spooled:
        records = spooled.data.records
        seen = consume(records)
        first = next(seen)
        assert first.values["code"] == "1.000001" and records.chunks_read == 1
        for _ in range(CHUNK_RECORDS - 1):
            next(seen)
        assert records.chunks_read == 1  # the first chunk's records only
        assert next(seen).values["code"] == f"1.{CHUNK_RECORDS + 1:06d}" and records.chunks_read == 2
        assert sum(1 for _ in seen) == ROWS - CHUNK_RECORDS - 1 and records.chunks_read == 3
        # Read again from the spool, not from a copy kept in memory: same records, three more chunks read.
        assert sum(1 for _ in records) == ROWS and records.chunks_read == 6


def test_a_spool_cut_short_is_refused_not_half_read(tmp_path):
    path = _generated(tmp_path / "appendix.xlsx")
    with tempfile.TemporaryFile() as spool:
        write_table(spool, find_table(open_workbook(path), CATALOG), [])
        size = spool.tell()
        for cut in (size - 3, size // 2, 5):
            spool.truncate(cut)
            with pytest.raises(SpoolDamaged):
                open_spool(spool)


def test_the_spool_is_closed_after_reading_and_after_a_refusal(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = _generated(tmp_path / "appendix.xlsx", rows=10)
    before = _open_fds()
    with read_table_isolated(path.read_bytes(), path.name, Limits()) as spooled:
        assert len(_open_fds() - before) == 1  # the spool, unnamed: nothing to find in the temporary folder
        assert not list(tmp_path.glob("motcua-import-*"))
    assert spooled.closed and _open_fds() == before
    stats = factory.write_rows(tmp_path / "stats.xlsx", [["Tên", "Tuổi"], ["An", 3]])
    with pytest.raises(TableNotFound):
        read_table_isolated(stats.read_bytes(), stats.name, Limits(), "catalog")
    with pytest.raises(ReaderCrashed):
        read_table_isolated(path.read_bytes(), path.name, Limits(), timeout=0.01)
    assert _open_fds() == before


def test_a_refusal_in_the_child_is_the_same_error_as_in_this_process(tmp_path):
    path = factory.write_rows(tmp_path / "cols.xlsx", [["STT", "Mã số TTHC", "Ghi chú"], [1, "1.000001", ""]])
    with pytest.raises(TableNotFound) as direct:
        find_table(open_workbook(path), CATALOG)
    with pytest.raises(TableNotFound) as isolated:
        read_table_isolated(path.read_bytes(), path.name, Limits(), "catalog")
    assert (isolated.value.code, isolated.value.message_vi) == (direct.value.code, direct.value.message_vi)


@pytest.fixture
def spools(monkeypatch):
    """Every table the import reads, to look at its spool afterwards."""
    opened = []

    def spy(*args, **kwargs):
        opened.append(read_table_isolated(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(services, "read_table_isolated", spy)
    return opened


def test_an_import_closes_its_spool_after_the_preview_and_when_building_its_rows_fails(
    tmp_path, province, run_command, spools, monkeypatch
):
    path = _generated(tmp_path / "appendix.xlsx", rows=30)
    status, report = run_command(path, "--dry-run", "--profile", "catalog")
    assert status == 0 and report["data_rows"] == 30 and len(report["records"]) == 30
    assert len(spools) == 1 and spools[0].closed

    def build(self, table, data, context):
        next(iter(data.records))
        raise RuntimeError("the worker died while reading the spool")

    monkeypatch.setattr(CatalogProfile, "build", build)
    with pytest.raises(RuntimeError):
        run_command(path, "--profile", "catalog")
    assert len(spools) == 2 and spools[1].closed
    assert not Procedure.objects.exists()


def test_a_workbook_over_the_readers_memory_is_refused_with_nothing_written(
    tmp_path, province, run_command, settings, monkeypatch
):
    # 1,000,000 rows x 100 columns: calamine would allocate 3.2 GB, more than the reader is given.
    cells = (
        f'<row r="1">{factory.inline_cell("A1", "STT")}</row>'
        f'<row r="1000000">{factory.inline_cell("CV1000000", "x")}</row>'
    )
    path = factory.hand_made_xlsx(tmp_path / "big.xlsx", cells)
    monkeypatch.setattr(services, "Limits", lambda **kw: Limits(**kw, max_cells=10**13))
    settings.IMPORT_READ_MEMORY_MB = 1024
    before = _open_fds()
    status, report = run_command(path)
    assert status == 2
    message = report["errors"][0]["message"]
    assert "Chưa ghi dữ liệu nào" in message and ("1024 MB" in message or "dừng đột ngột" in message)
    assert not Procedure.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
    assert _open_fds() == before

"""Issue 11, item 4: an apply commits short batches, and a failure midway leaves the catalog as it was.

Batches of two rows, so that several batches are committed before the failure at row 7.
"""

from __future__ import annotations

import pytest

from catalog.models import Procedure, ProcedureChannel
from importers import bulk, services
from importers.models import ImportRun, ImportUndo
from importers.resources import ProcedureResource
from tests.importers.conftest import crash_on
from tests.reading.factory import write_rows

HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết", "Phí, lệ phí"]


def _file(tmp_path, name: str, suffix: str, fee: str, count: int = 8) -> bytes:
    rows = [
        [i, f"1.{i:06d}", f"Thủ tục số {i}{suffix}", "05 ngày làm việc", fee] for i in range(1, count + 1)
    ]
    return write_rows(tmp_path / name, [HEADER, *rows]).read_bytes()


def _catalog() -> tuple:
    procedures = sorted(Procedure.objects.values_list("code", "name", "fee_text", "processing_time_text"))
    channels = sorted(ProcedureChannel.objects.values_list("procedure__code", "channel", "fees", "fee_text"))
    return procedures, channels


def _apply(content: bytes, name: str) -> ImportRun:
    run = services.create_run(content, name)
    services.preview_run(run.pk)
    return services.apply_run(run.pk)


@pytest.fixture
def catalog_before(tmp_path, province):
    """Six procedures already in the catalog (rows 7 and 8 of the next file will be new)."""
    assert _apply(_file(tmp_path, "v1.xlsx", "", "Miễn phí", count=6), "v1.xlsx").status == "done"
    return _catalog()


def _fail_at(monkeypatch, row: int, exc: BaseException) -> None:
    monkeypatch.setattr(bulk, "BATCH_ROWS", 2)
    crash_on(monkeypatch, row, exc)


def test_batches_are_committed_one_by_one_and_journalled(tmp_path, catalog_before, monkeypatch):
    commits = []
    original = bulk.BulkModelResource.flush

    def flush(self, *, dry_run):
        original(self, dry_run=dry_run)
        if not dry_run:
            commits.append(ImportUndo.objects.count())  # visible: the batch's journal is written with it

    monkeypatch.setattr(bulk, "BATCH_ROWS", 2)
    monkeypatch.setattr(bulk.BulkModelResource, "flush", flush)
    run = _apply(_file(tmp_path, "v2.xlsx", " (sửa đổi)", "Lệ phí: 50.000 đồng"), "v2.xlsx")
    assert run.status == ImportRun.Status.DONE and len(commits) == 4
    assert commits == sorted(commits) and commits[0] > 0
    assert not ImportUndo.objects.exists()  # a done run drops its journal
    assert Procedure.objects.get(code="1.000003").name == "Thủ tục số 3 (sửa đổi)"


def test_a_failure_after_committed_batches_of_updates_restores_every_value(
    tmp_path, catalog_before, monkeypatch
):
    content = _file(tmp_path, "v2.xlsx", " (sửa đổi)", "Lệ phí: 50.000 đồng")
    run = services.create_run(content, "v2.xlsx")
    services.preview_run(run.pk)
    _fail_at(monkeypatch, 7, RuntimeError("mất kết nối"))
    with pytest.raises(RuntimeError):
        services.apply_run(run.pk)
    assert _catalog() == catalog_before  # names, fees and channels as they were; the new rows gone
    assert not ImportUndo.objects.exists()
    assert not Procedure.objects.filter(code="1.000007").exists()


def test_a_row_error_found_while_applying_undoes_the_earlier_batches(tmp_path, catalog_before, monkeypatch):
    original = ProcedureResource.import_row
    seen = []

    def import_row(self, data, loader, **kwargs):
        seen.append(1)
        result = original(self, data, loader, **kwargs)
        if len(seen) == 7:
            result.errors.append(type("E", (), {"error": "ổ đĩa đầy"})())
        return result

    monkeypatch.setattr(bulk, "BATCH_ROWS", 2)
    monkeypatch.setattr(ProcedureResource, "import_row", import_row)
    run = _apply(_file(tmp_path, "v2.xlsx", " (sửa đổi)", "Lệ phí: 50.000 đồng"), "v2.xlsx")
    assert run.status == ImportRun.Status.FAILED and run.error_count == 1
    assert _catalog() == catalog_before and not ImportUndo.objects.exists()


def test_a_worker_killed_after_committed_updates_is_undone_by_the_periodic_recovery(
    tmp_path, catalog_before, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from importers.progress import clear_progress
    from importers.tasks import recover_imports

    class Killed(BaseException):
        pass

    run = services.create_run(_file(tmp_path, "v2.xlsx", " (sửa đổi)", "Lệ phí: 50.000 đồng"), "v2.xlsx")
    services.preview_run(run.pk)
    _fail_at(monkeypatch, 7, Killed())
    with pytest.raises(Killed):
        services.apply_run(run.pk)
    assert _catalog() != catalog_before  # three batches committed, nobody left to undo them …
    clear_progress(run)
    ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert recover_imports.call_local() == 1  # … until the periodic job finds the run dead
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and run.crashes == 1 and "hoàn tác" in run.message
    assert _catalog() == catalog_before and not ImportUndo.objects.exists()


def test_a_batch_the_database_refuses_fails_the_run_and_undoes_the_earlier_batches(
    tmp_path, catalog_before, monkeypatch
):
    """The rows go in by COPY on PostgreSQL, by executemany on SQLite: a refusal is the database's error on
    both (not the driver's), so the run reports it and the batches before it are undone."""
    from importers import inserts

    original = inserts._send

    def send(connection, table, columns, sql, rows):
        if table == Procedure._meta.db_table:
            rows = [*rows, rows[0]]  # the same code twice: the unique constraint refuses the batch
        return original(connection, table, columns, sql, rows)

    monkeypatch.setattr(bulk, "BATCH_ROWS", 2)
    monkeypatch.setattr(inserts, "_send", send)
    run = _apply(_file(tmp_path, "v2.xlsx", " (sửa đổi)", "Lệ phí: 50.000 đồng"), "v2.xlsx")
    assert run.status == ImportRun.Status.FAILED
    assert "Cơ sở dữ liệu từ chối ghi" in run.report["errors"][0]["message"]
    assert _catalog() == catalog_before and not ImportUndo.objects.exists()
